import type {
  ImportedLicence,
  ImportedSubscription,
  LicenceServicePlan,
} from '../../contracts/licences/imported.js';
import { friendlySkuName } from './sku-names.js';

export type { ImportedLicence, ImportedSubscription, LicenceServicePlan };

/**
 * What Partner Center's `subscribedskus` items carry that the desk reads (src/microsoft validates
 * them); Graph's `subscribedSkus` items are turned into it by {@link subscribedSkuFromGraph}.
 */
export interface SubscribedSkuInput {
  totalUnits: number;
  consumedUnits: number;
  suspendedUnits?: number;
  warningUnits?: number;
  lockedOutUnits?: number;
  productSku: { id: string; name?: string | null; skuPartNumber?: string | null };
  capabilityStatus?: string | null;
  servicePlans?: readonly LicenceServicePlan[];
}

/** What Graph's `subscribedSkus` items carry that the desk reads (src/microsoft validates them). */
export interface GraphSubscribedSkuInput {
  skuId: string;
  skuPartNumber?: string | null;
  capabilityStatus?: string | null;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended?: number; warning?: number; lockedOut?: number };
  servicePlans?: readonly {
    servicePlanId: string;
    servicePlanName?: string | null;
    provisioningStatus?: string | null;
    appliesTo?: string | null;
  }[];
}

/**
 * A Graph subscribedSku in the licences module's terms. Total seats are the enabled and warning
 * units (warning seats stay assignable during the grace period), as Partner Center's `totalUnits`
 * counts active and warning units; suspended and locked-out units are kept apart.
 */
export function subscribedSkuFromGraph(sku: GraphSubscribedSkuInput): SubscribedSkuInput {
  const warning = sku.prepaidUnits.warning ?? 0;
  return {
    totalUnits: sku.prepaidUnits.enabled + warning,
    consumedUnits: sku.consumedUnits,
    suspendedUnits: sku.prepaidUnits.suspended ?? 0,
    warningUnits: warning,
    lockedOutUnits: sku.prepaidUnits.lockedOut ?? 0,
    productSku: { id: sku.skuId, skuPartNumber: sku.skuPartNumber ?? null },
    capabilityStatus: sku.capabilityStatus ?? null,
    servicePlans: (sku.servicePlans ?? []).map((p) => ({
      servicePlanId: p.servicePlanId.toLowerCase(),
      servicePlanName: p.servicePlanName?.trim() || p.servicePlanId.toLowerCase(),
      provisioningStatus: p.provisioningStatus ?? null,
      appliesTo: p.appliesTo ?? null,
    })),
  };
}

/** What Partner Center's `subscriptions` items carry that the desk reads. */
export type SubscriptionInput = Record<string, unknown> & {
  id: string;
  offerId: string;
  offerName?: string | null;
  friendlyName?: string | null;
  quantity: number;
  unitType?: string | null;
  status: string;
  autoRenewEnabled?: boolean | null;
  isTrial?: boolean | null;
  billingCycle?: string | null;
  termDuration?: string | null;
  creationDate?: string | null;
  effectiveStartDate?: string | null;
  commitmentEndDate?: string | null;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const count = (value: number | undefined) => Math.max(0, Math.trunc(value ?? 0));

/**
 * A Partner Center SubscribedSku as a desk licence, or null when its SKU id is not a GUID (not a
 * licence the desk can link users to). `totalUnits` is Partner Center's (active + warning).
 */
export function licenceFromSubscribedSku(sku: SubscribedSkuInput): ImportedLicence | null {
  const skuId = sku.productSku.id.trim().toLowerCase();
  if (!GUID.test(skuId)) return null;
  const partNumber = sku.productSku.skuPartNumber?.trim() || sku.productSku.name?.trim() || skuId;
  return {
    skuId,
    skuPartNumber: partNumber,
    friendlyName: friendlySkuName(partNumber, sku.productSku.name),
    capabilityStatus: sku.capabilityStatus?.trim() || 'Enabled',
    totalUnits: count(sku.totalUnits),
    consumedUnits: count(sku.consumedUnits),
    suspendedUnits: count(sku.suspendedUnits),
    warningUnits: count(sku.warningUnits),
    lockedOutUnits: count(sku.lockedOutUnits),
    servicePlans: (sku.servicePlans ?? []).filter((p) => GUID.test(p.servicePlanId)).map((p) => ({ ...p })),
  };
}

/**
 * A Partner Center time as ISO (UTC, milliseconds); null when blank or unreadable. Documented
 * examples hold times with spaces in them (`2015-11-25T06: 41: 12Z`): those are read too.
 */
export function partnerCenterTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.replace(/\s+/g, ''));
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The calendar date (UTC) of a Partner Center time, YYYY-MM-DD; null when unreadable. */
export function partnerCenterDate(value: string | null | undefined): string | null {
  return partnerCenterTime(value)?.slice(0, 10) ?? null;
}

/** Fields the columns hold, and per-request noise: left out of `details`. */
const COLUMN_FIELDS = new Set([
  'id',
  'offerId',
  'offerName',
  'friendlyName',
  'quantity',
  'unitType',
  'status',
  'autoRenewEnabled',
  'isTrial',
  'billingCycle',
  'termDuration',
  'creationDate',
  'effectiveStartDate',
  'commitmentEndDate',
  'links',
  'attributes',
]);

/** A Partner Center Subscription as a desk subscription. */
export function subscriptionFromPartnerCenter(item: SubscriptionInput): ImportedSubscription {
  const offerName = item.offerName?.trim() || item.offerId;
  const details = Object.fromEntries(Object.entries(item).filter(([key]) => !COLUMN_FIELDS.has(key)));
  return {
    subscriptionId: item.id.toLowerCase(),
    offerId: item.offerId,
    offerName,
    friendlyName: item.friendlyName?.trim() || offerName,
    quantity: Math.trunc(item.quantity),
    unitType: item.unitType ?? null,
    status: item.status,
    termDuration: item.termDuration ?? null,
    billingCycle: item.billingCycle ?? null,
    autoRenew: item.autoRenewEnabled === true,
    isTrial: item.isTrial === true,
    createdOn: partnerCenterTime(item.creationDate),
    startDate: partnerCenterDate(item.effectiveStartDate),
    commitmentEndDate: partnerCenterDate(item.commitmentEndDate),
    details,
  };
}
