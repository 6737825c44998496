import {
  addSubscription,
  createCustomerRecord,
  createSubscriptionRecord,
} from '../partner-center/records.js';
import { createAzurePlanRecord } from '../graph/partner-billing/azure-plan.js';
import { unitHash } from '../graph/partner-billing/meters.js';
import type { PcSubscriptionRecord, SkuRecord } from '../state/types.js';
import { consent, DIRECTORY_APP_ROLES, registerSeedApp } from './apps.js';
import type { SeedRun, SeededTenant } from './customer.js';
import { gdapRelationship, type GdapState } from './gdap.js';
import type { PartnerSeed } from './partner.js';
import type { SeedRandom } from './random.js';
import { DAY_MS } from './time.js';

export interface LinkOptions {
  /** Whether the customer's admin consented the partner's multi-tenant GDAP app. */
  consented: boolean;
  gdap: Exclude<GdapState, 'expired'>;
  /** Also keep an old, expired relationship (replaced by the current one). */
  expiredRelationship: boolean;
  /**
   * Whether the customer has an Azure plan (usage-billed); default: about a third of customers,
   * chosen from the tenant id so the seed's random streams do not move.
   */
  azurePlan?: boolean;
}

/** Share of generated customers with an Azure plan. */
const AZURE_PLAN_SHARE = 0.35;

/**
 * Ties a customer to the partner as Microsoft would show it: a Partner Center customer with CSP
 * subscriptions whose quantities are the SKUs' prepaid seats, GDAP relationships, the GDAP app's
 * consent, and a single-tenant app registered in the customer for direct connections.
 */
export function linkCustomer(
  run: SeedRun,
  random: SeedRandom,
  partner: PartnerSeed,
  customer: SeededTenant,
  options: LinkOptions,
): void {
  const { estate, now } = run;
  const { tenant } = customer;
  const pc = partner.tenant.partnerCenter!;
  pc.customers.set(tenant.id, createCustomerRecord({ tenant }));
  pc.subscriptions.set(tenant.id, new Map());
  for (const sku of tenant.skus.values()) {
    addSubscription(estate, tenant.id, subscriptionFor(random, now, sku, partner.partnerId));
  }
  if (options.azurePlan ?? unitHash(tenant.id, 'azure-plan') < AZURE_PLAN_SHARE) {
    const startedAt = now - (60 + Math.floor(unitHash(tenant.id, 'azure-plan-age') * 300)) * DAY_MS;
    addSubscription(
      estate,
      tenant.id,
      createAzurePlanRecord({ customerId: tenant.id, startedAt, partnerId: partner.partnerId }),
    );
  }

  const relationships = [gdapRelationship(random, now, tenant, options.gdap, partner.gdapGroups)];
  if (options.expiredRelationship) {
    relationships.push(gdapRelationship(random, now, tenant, 'expired', partner.gdapGroups));
  }
  for (const r of relationships) partner.tenant.gdapRelationships.set(r.id, r);

  if (options.consented) {
    consent(estate, random, tenant.id, partner.apps.gdap.clientId);
    pc.applicationConsents.set(tenant.id, new Set([partner.apps.gdap.clientId]));
  }
  registerSeedApp(estate, random, now, {
    kind: 'graph',
    displayName: 'Rollcall Directory Connector',
    home: tenant,
    multiTenant: false,
    graphRoles: DIRECTORY_APP_ROLES,
  });
}

const TERM_DAYS = { P1M: 30, P1Y: 365 } as const;
/** How many past terms a subscription may have renewed through. */
const MAX_RENEWALS = 3;

/**
 * A new-commerce licence subscription for a SKU, bought at some point in the past (or at
 * `purchasedAt`); its quantity is the SKU's prepaid seats.
 */
export function subscriptionFor(
  random: SeedRandom,
  now: number,
  sku: SkuRecord,
  partnerId: string,
  purchasedAt?: number,
): PcSubscriptionRecord {
  const term = random.chance(0.4) ? 'P1Y' : 'P1M';
  const startedAt = purchasedAt ?? now - random.int(DAY_MS, (MAX_RENEWALS + 1) * TERM_DAYS[term] * DAY_MS);
  const sub = createSubscriptionRecord({
    sku: sku.skuId,
    quantity: sku.prepaidUnits.enabled,
    startedAt,
    termDuration: term,
    billingCycle: term === 'P1Y' && random.chance(0.5) ? 'annual' : 'monthly',
    random: random.next,
  });
  sub.props.partnerId = partnerId;
  return sub;
}
