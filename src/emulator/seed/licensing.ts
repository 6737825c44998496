import { SKU_CATALOGUE, type CatalogueSku, type CatalogueSkuName } from '../graph/licences/catalogue.js';
import { createSkuRecord } from '../graph/licences/records.js';
import type { SeedRandom } from './random.js';
import { noValues } from './user-props.js';
import type { TenantBuild } from './tenant-build.js';

/** Which SKUs a customer buys and who gets which. */
export interface LicencePlan {
  /** Knowledge workers. */
  main: CatalogueSku;
  /** Department heads and the CEO, when the customer buys them something better. */
  executive: CatalogueSku | null;
  /** Frontline staff in large customers (instead of `main`, for about half of them). */
  frontline: CatalogueSku | null;
  /** Extra SKUs stacked on `main` for a share of people (EMS on Office 365 E3, …). */
  addOns: { sku: CatalogueSku; share: number; departments: readonly string[] | null }[];
  /** Big shared mailboxes need a licence. */
  sharedMailbox: CatalogueSku | null;
  /** Bought and never assigned. */
  unused: { sku: CatalogueSku; seats: number } | null;
}

export interface LicenceHolder {
  department: string | null;
  frontline: boolean;
  executive: boolean;
}

const C = (name: CatalogueSkuName): CatalogueSku => SKU_CATALOGUE[name];
const INTUNE_DEPARTMENTS = ['IT', 'Executive', 'Sales'] as const;

/** Small firms buy Business SKUs (capped at 300 seats), large ones enterprise SKUs. */
export function chooseLicencePlan(users: number, random: SeedRandom, main?: CatalogueSkuName): LicencePlan {
  const large = users > 300;
  const mainName: CatalogueSkuName = main
    ? main
    : large
      ? random.weighted([
          ['SPE_E3', 60],
          ['ENTERPRISEPACK', 25],
          ['SPE_E5', 15],
        ] as const)
      : users < 30
        ? random.weighted([
            ['SPB', 70],
            ['O365_BUSINESS_PREMIUM', 30],
          ] as const)
        : random.weighted([
            ['SPB', 55],
            ['O365_BUSINESS_PREMIUM', 20],
            ['ENTERPRISEPACK', 25],
          ] as const);
  const addOns: LicencePlan['addOns'] = [];
  if (mainName === 'ENTERPRISEPACK') addOns.push({ sku: C('EMS'), share: 0.8, departments: null });
  // Business Standard customers often add Intune for a few people, rarely Entra ID P1.
  if (mainName === 'O365_BUSINESS_PREMIUM' && random.chance(0.5)) {
    addOns.push({ sku: C('INTUNE_A'), share: 0.25, departments: INTUNE_DEPARTMENTS });
  }
  return {
    main: C(mainName),
    executive: mainName === 'SPE_E3' ? C('SPE_E5') : null,
    frontline: large ? C('EXCHANGESTANDARD') : null,
    addOns,
    sharedMailbox: users >= 30 ? C('EXCHANGESTANDARD') : null,
    unused: random.chance(0.25) ? { sku: C('O365_BUSINESS_ESSENTIALS'), seats: random.int(2, 10) } : null,
  };
}

/** Every SKU the plan uses, once. */
export function planSkus(plan: LicencePlan): CatalogueSku[] {
  const all = [plan.main, plan.executive, plan.frontline, plan.sharedMailbox, plan.unused?.sku]
    .concat(plan.addOns.map((a) => a.sku))
    .filter((s): s is CatalogueSku => s !== null && s !== undefined);
  return [...new Map(all.map((s) => [s.skuId, s])).values()];
}

const hasPlan = (skus: CatalogueSku[], names: string[]) =>
  skus.some((s) => s.servicePlans.some((p) => names.includes(p.servicePlanName)));

/** Entra ID P1/P2 anywhere in the tenant makes it premium (signInActivity readable). */
export const planIsPremium = (plan: LicencePlan) =>
  hasPlan(planSkus(plan), ['AAD_PREMIUM', 'AAD_PREMIUM_P2']);
/** Intune answers only for tenants licensed for it. */
export const planHasIntune = (plan: LicencePlan) => hasPlan(planSkus(plan), ['INTUNE_A']);

/** Adds the plan's SKUs to the tenant with no seats yet; `settleSeats` sizes them once users hold them. */
export function installSkus(build: TenantBuild, plan: LicencePlan): void {
  for (const sku of planSkus(plan)) {
    build.tenant.skus.set(
      sku.skuId,
      createSkuRecord({ sku, enabled: 0, subscriptionIds: [build.random.guid()] }),
    );
  }
}

const seat = (sku: CatalogueSku) => ({ skuId: sku.skuId, disabledPlans: noValues<string>() });

/** The `assignedLicenses` a person gets under the plan. */
export function licencesFor(build: TenantBuild, plan: LicencePlan, who: LicenceHolder) {
  const { random } = build;
  const base =
    who.executive && plan.executive
      ? plan.executive
      : who.frontline && plan.frontline && random.chance(0.5)
        ? plan.frontline
        : plan.main;
  const out = [seat(base)];
  for (const addOn of plan.addOns) {
    const inScope = addOn.departments === null || addOn.departments.includes(who.department ?? '');
    if (base === plan.main && inScope && random.chance(addOn.share)) out.push(seat(addOn.sku));
  }
  return out;
}

/**
 * Sizes each SKU from what is assigned: most with some spare seats, one (at random) at or within
 * two seats of its limit, as MSP customers always have one SKU they are about to run out of.
 */
export function settleSeats(build: TenantBuild, plan: LicencePlan): void {
  const { random, tenant } = build;
  for (const sku of [...tenant.skus.values()]) {
    if (sku.consumedUnits === 0 && sku.skuId !== plan.unused?.sku.skuId) tenant.skus.delete(sku.skuId);
  }
  const used = [...tenant.skus.values()].filter((s) => s.consumedUnits > 0);
  const tight = used.length > 0 ? random.pick(used) : undefined;
  for (const sku of tenant.skus.values()) {
    if (sku.skuId === plan.unused?.sku.skuId && sku.consumedUnits === 0) {
      sku.prepaidUnits.enabled = plan.unused.seats;
    } else if (sku === tight) {
      sku.prepaidUnits.enabled = sku.consumedUnits + random.int(0, 2);
    } else {
      sku.prepaidUnits.enabled =
        sku.consumedUnits + 1 + Math.ceil(sku.consumedUnits * random.int(5, 25) * 0.01);
    }
  }
}
