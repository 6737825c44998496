import { createHash } from 'node:crypto';
import { derivedGuid } from '../../partner-center/records.js';
import type { PcSubscriptionRecord } from '../../state/types.js';
import { AZURE_PLAN_PRODUCT_ID } from './usage-lines.js';

/**
 * A customer's Azure plan as Partner Center lists it among the customer's subscriptions: billed
 * by usage (`billingType: usage`), no seats and no Graph SKU. Its id is derived from the customer
 * so seeding one does not move the seed's random streams.
 */
export function createAzurePlanRecord(input: {
  customerId: string;
  startedAt: number;
  partnerId: string;
}): PcSubscriptionRecord {
  const iso = new Date(input.startedAt).toISOString();
  const id = derivedGuid(`azure-plan:${input.customerId.toLowerCase()}`);
  return {
    props: {
      id,
      offerId: `${AZURE_PLAN_PRODUCT_ID}:0001`,
      offerName: 'Azure plan',
      entitlementId: derivedGuid(`azure-plan-entitlement:${id}`),
      friendlyName: 'Azure plan',
      quantity: 1,
      unitType: 'Usage-based',
      hasPurchasableAddons: false,
      creationDate: iso,
      effectiveStartDate: iso,
      commitmentEndDate: '9999-12-14T00:00:00Z',
      status: 'active',
      autoRenewEnabled: false,
      isTrial: false,
      billingType: 'usage',
      billingCycle: 'monthly',
      termDuration: '',
      renewalTermDuration: '',
      isMicrosoftProduct: true,
      publisherName: 'Microsoft Corporation',
      contractType: 'subscription',
      orderId: derivedGuid(`azure-plan-order:${id}`),
      partnerId: input.partnerId,
      suspensionReasons: [],
    },
    skuId: null,
    etag: createHash('sha256').update(`etag:${id}`).digest('base64').slice(0, 24),
  };
}
