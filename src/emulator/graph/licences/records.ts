import type { SkuRecord } from '../../state/types.js';
import { findCatalogueSku, type CatalogueSku } from './catalogue.js';

/** Statuses under which a SKU's seats cannot be handed out at all. */
const UNASSIGNABLE_STATUSES = new Set<SkuRecord['capabilityStatus']>(['Suspended', 'Deleted', 'LockedOut']);

export interface NewSku {
  /** A catalogue entry, or its part number / SKU id. */
  sku: CatalogueSku | string;
  enabled: number;
  warning?: number;
  suspended?: number;
  lockedOut?: number;
  capabilityStatus?: SkuRecord['capabilityStatus'];
  subscriptionIds?: string[];
}

/**
 * A `subscribedSku` record for a tenant's `skus` map. `consumedUnits` starts at 0: the estate
 * counts seats as users are given the SKU (`addUser` / `setLicenses`), so add SKUs before users.
 */
export function createSkuRecord(input: NewSku): SkuRecord {
  const sku = typeof input.sku === 'string' ? findCatalogueSku(input.sku) : input.sku;
  if (!sku) throw new Error(`emulator: unknown catalogue SKU ${String(input.sku)}`);
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    displayName: sku.displayName,
    capabilityStatus: input.capabilityStatus ?? 'Enabled',
    prepaidUnits: {
      enabled: input.enabled,
      warning: input.warning ?? 0,
      suspended: input.suspended ?? 0,
      lockedOut: input.lockedOut ?? 0,
    },
    consumedUnits: 0,
    servicePlans: sku.servicePlans.map((p) => ({
      servicePlanId: p.servicePlanId,
      servicePlanName: p.servicePlanName,
      provisioningStatus: 'Success',
      appliesTo: 'User',
    })),
    subscriptionIds: input.subscriptionIds ?? [],
  };
}

/**
 * Seats that can still be assigned. Units in `warning` (expired, in grace period) are still
 * assignable, so they count; suspended, locked-out and deleted SKUs have none.
 */
export function availableUnits(sku: SkuRecord): number {
  if (UNASSIGNABLE_STATUSES.has(sku.capabilityStatus)) return 0;
  return sku.prepaidUnits.enabled + sku.prepaidUnits.warning - sku.consumedUnits;
}
