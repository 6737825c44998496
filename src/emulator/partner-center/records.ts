import { createHash, randomBytes } from 'node:crypto';
import { findCatalogueSku, type CatalogueSku } from '../graph/licences/catalogue.js';
import { guid } from '../ids.js';
import type { Estate } from '../state/estate.js';
import type { PcCustomerRecord, PcSubscriptionRecord, TenantRecord } from '../state/types.js';
import { addMonths, termMonths } from './nce.js';

const ETAG_BYTES = 16;
const AVAILABILITY_SUFFIX_LENGTH = 4;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A change accepted with 202 that becomes visible once the emulator clock reaches `applyAt`. */
export interface PendingChange {
  applyAt: number;
  changes: Record<string, unknown>;
}

/** The estate's subscription record plus an in-flight slow change (kept on the same object). */
export type PcSubscriptionWithPending = PcSubscriptionRecord & { pending?: PendingChange };

/** A GUID derived from `seed` (stable ids for things the estate does not store). */
export function derivedGuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A fresh opaque etag (Partner Center's are opaque strings). */
export function newEtag(random?: () => number): string {
  const bytes = random
    ? Buffer.from(Array.from({ length: ETAG_BYTES }, () => Math.floor(random() * 256)))
    : randomBytes(ETAG_BYTES);
  return bytes.toString('base64');
}

/** A Partner Center customer for the partner tenant's `partnerCenter.customers`. */
export function createCustomerRecord(input: {
  tenant: Pick<TenantRecord, 'id' | 'displayName' | 'initialDomain'>;
  relationshipToPartner?: PcCustomerRecord['relationshipToPartner'];
  allowDelegatedAccess?: boolean;
}): PcCustomerRecord {
  return {
    id: input.tenant.id,
    companyName: input.tenant.displayName,
    domain: input.tenant.initialDomain,
    relationshipToPartner: input.relationshipToPartner ?? 'reseller',
    allowDelegatedAccess: input.allowDelegatedAccess ?? true,
  };
}

export interface NewSubscription {
  sku: CatalogueSku | string;
  quantity: number;
  /** Epoch ms of purchase (`creationDate` / `effectiveStartDate`). */
  startedAt: number;
  /** New-commerce offer (default) or a legacy GUID offer. */
  nce?: boolean;
  termDuration?: 'P1M' | 'P1Y' | 'P3Y';
  billingCycle?: 'monthly' | 'annual' | 'triennial';
  autoRenewEnabled?: boolean;
  status?: 'active' | 'suspended' | 'deleted';
  friendlyName?: string;
  id?: string;
  random?: () => number;
}

/** A Partner Center subscription (subscription-resources.md fields) linked to its Graph SKU. */
export function createSubscriptionRecord(input: NewSubscription): PcSubscriptionRecord {
  const sku = typeof input.sku === 'string' ? findCatalogueSku(input.sku) : input.sku;
  if (!sku) throw new Error(`emulator: unknown catalogue SKU ${String(input.sku)}`);
  const nce = input.nce ?? true;
  const term = input.termDuration ?? 'P1Y';
  const pick = () => ALNUM[Math.floor((input.random ?? Math.random)() * ALNUM.length)];
  const availability = `CFQ7TTC0${Array.from({ length: AVAILABILITY_SUFFIX_LENGTH }, pick).join('')}`;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    props: {
      id: input.id ?? guid(input.random),
      offerId: nce ? `${sku.nceProductId}:${availability}` : guid(input.random).toUpperCase(),
      offerName: sku.displayName,
      entitlementId: guid(input.random),
      friendlyName: input.friendlyName ?? sku.displayName,
      quantity: input.quantity,
      unitType: 'Licenses',
      hasPurchasableAddons: false,
      creationDate: iso(input.startedAt),
      effectiveStartDate: iso(input.startedAt),
      commitmentEndDate: iso(addMonths(input.startedAt, termMonths(term))),
      status: input.status ?? 'active',
      autoRenewEnabled: input.autoRenewEnabled ?? true,
      isTrial: false,
      billingType: 'license',
      billingCycle: input.billingCycle ?? 'monthly',
      termDuration: term,
      renewalTermDuration: term,
      isMicrosoftProduct: true,
      publisherName: 'Microsoft Corporation',
      contractType: 'subscription',
      orderId: guid(input.random),
      partnerId: '',
      suspensionReasons: input.status === 'suspended' ? ['CustomerCancellation'] : [],
    },
    skuId: sku.skuId,
    etag: newEtag(input.random),
  };
}

/**
 * Keeps the customer's Graph SKU true to Partner Center: `prepaidUnits.enabled` is the sum of its
 * active linked subscriptions, `suspended` of its suspended ones.
 */
export function syncSkuUnits(estate: Estate, customerId: string, skuId: string): void {
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  const sku = estate.tenant(customerId)?.skus.get(skuId);
  const subs = [...(partner?.partnerCenter?.subscriptions.get(customerId)?.values() ?? [])].filter(
    (s) => s.skuId === skuId,
  );
  if (!sku || subs.length === 0) return;
  const sum = (status: string) =>
    subs.filter((s) => s.props.status === status).reduce((n, s) => n + s.props.quantity, 0);
  sku.prepaidUnits.enabled = sum('active');
  sku.prepaidUnits.suspended = sum('suspended');
  sku.subscriptionIds = subs.map((s) => s.props.id);
  if (sku.prepaidUnits.enabled > 0) sku.capabilityStatus = 'Enabled';
  else if (sku.prepaidUnits.suspended > 0) sku.capabilityStatus = 'Suspended';
}

/** Records a subscription for a customer of the partner and syncs the customer's SKU. */
export function addSubscription(estate: Estate, customerId: string, sub: PcSubscriptionRecord): void {
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  if (!partner?.partnerCenter) throw new Error('emulator: no partner tenant for subscriptions');
  const byId = partner.partnerCenter.subscriptions.get(customerId) ?? new Map();
  byId.set(sub.props.id, sub);
  partner.partnerCenter.subscriptions.set(customerId, byId);
  if (sub.skuId) syncSkuUnits(estate, customerId, sub.skuId);
}
