import type { PcSubscriptionRecord, SkuRecord, TenantRecord } from '../state/types.js';
import { findCatalogueSku } from '../graph/licences/catalogue.js';
import { consent, DIRECTORY_APP_ROLES, registerSeedApp } from './apps.js';
import type { SeedRun, SeededTenant } from './customer.js';
import { gdapRelationship, type GdapState } from './gdap.js';
import type { PartnerSeed } from './partner.js';
import type { SeedRandom } from './random.js';
import { DAY_MS, isoSeconds } from './time.js';

export interface LinkOptions {
  /** Whether the customer's admin consented the partner's multi-tenant GDAP app. */
  consented: boolean;
  gdap: Exclude<GdapState, 'expired'>;
  /** Also keep an old, expired relationship (replaced by the current one). */
  expiredRelationship: boolean;
}

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
  pc.customers.set(tenant.id, {
    id: tenant.id,
    companyName: tenant.displayName,
    domain: tenant.initialDomain,
    relationshipToPartner: 'reseller',
    allowDelegatedAccess: true,
  });
  const subscriptions = new Map<string, PcSubscriptionRecord>();
  for (const sku of tenant.skus.values()) {
    const sub = subscriptionFor(random, now, tenant, sku, partner.partnerId);
    subscriptions.set(sub.props.id, sub);
  }
  pc.subscriptions.set(tenant.id, subscriptions);

  const relationships = [gdapRelationship(random, now, tenant, options.gdap)];
  if (options.expiredRelationship) relationships.push(gdapRelationship(random, now, tenant, 'expired'));
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

const MONTHLY_TERM_DAYS = 30;
const ANNUAL_TERM_DAYS = 365;

/** A new-commerce licence subscription for a SKU: quantity = the SKU's prepaid enabled seats. */
export function subscriptionFor(
  random: SeedRandom,
  now: number,
  tenant: TenantRecord,
  sku: SkuRecord,
  partnerId: string,
  /** When it was bought (a new purchase); a running subscription somewhere in its term when absent. */
  purchasedAt?: number,
): PcSubscriptionRecord {
  const annual = random.chance(0.4);
  const termDays = annual ? ANNUAL_TERM_DAYS : MONTHLY_TERM_DAYS;
  const termStart = purchasedAt ?? now - random.int(0, termDays - 1) * DAY_MS - random.int(0, DAY_MS - 1);
  const purchased = purchasedAt ?? termStart - random.int(0, 4) * termDays * DAY_MS;
  const id = random.guid();
  const etag = random.guid().replace(/-/g, '').slice(0, 16);
  const offerId = findCatalogueSku(sku.skuId)?.nceProductId ?? sku.skuPartNumber;
  return {
    props: {
      id,
      offerId,
      offerName: sku.displayName,
      entitlementId: sku.subscriptionIds[0] ?? random.guid(),
      friendlyName: sku.displayName,
      quantity: sku.prepaidUnits.enabled,
      unitType: 'Licenses',
      creationDate: isoSeconds(purchased),
      effectiveStartDate: isoSeconds(termStart),
      commitmentEndDate: isoSeconds(termStart + termDays * DAY_MS),
      status: 'active',
      autoRenewEnabled: true,
      billingType: 'license',
      billingCycle: annual && random.chance(0.5) ? 'annual' : 'monthly',
      termDuration: annual ? 'P1Y' : 'P1M',
      renewalTermDuration: annual ? 'P1Y' : 'P1M',
      contractType: 'subscription',
      orderId: random.guid(),
      isTrial: false,
      isMicrosoftProduct: true,
      publisherName: 'Microsoft Corporation',
      partnerId,
      suspensionReasons: [],
      links: {
        offer: { uri: `/v1/offers/${offerId}`, method: 'GET', headers: [] },
        self: { uri: `/v1/customers/${tenant.id}/subscriptions/${id}`, method: 'GET', headers: [] },
      },
      attributes: { etag, objectType: 'Subscription' },
    },
    skuId: sku.skuId,
    etag,
  };
}
