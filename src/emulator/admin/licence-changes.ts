import { z } from 'zod';
import { findCatalogueSku } from '../graph/licences/catalogue.js';
import { availableUnits, createSkuRecord } from '../graph/licences/records.js';
import { addSubscription, newEtag } from '../partner-center/records.js';
import { subscriptionUpdated } from '../partner-center/webhooks/service.js';
import { subscriptionFor } from '../seed/partner-link.js';
import type { SkuRecord, TenantRecord } from '../state/types.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';
import { userOrThrow } from './people.js';

const seatChange = z
  .object({
    userId: z.string().min(1),
    skuId: z.string().min(1),
    /** Group-based licensing: the user holds (or stops holding) the SKU through this group. */
    viaGroup: z.string().min(1).optional(),
  })
  .strict();

export const licenceChangesInputSchema = z
  .object({ assign: z.array(seatChange).default([]), remove: z.array(seatChange).default([]) })
  .strict()
  .refine((v) => v.assign.length + v.remove.length > 0, 'name seats to assign or remove');

const units = z.number().int().min(0);

export const skuUpdateInputSchema = z
  .object({
    prepaidUnits: z
      .object({ enabled: units, warning: units, suspended: units, lockedOut: units })
      .partial()
      .strict(),
    capabilityStatus: z.enum(['Enabled', 'Warning', 'Suspended', 'Deleted', 'LockedOut']),
  })
  .partial()
  .strict();

export const newSkuInputSchema = z
  .object({
    /** Catalogue part number (`SPE_E3`) or SKU id. */
    sku: z.string().min(1),
    enabled: units,
  })
  .strict();

export type LicenceChangesInput = z.input<typeof licenceChangesInputSchema>;
export type SkuUpdateInput = z.input<typeof skuUpdateInputSchema>;
export type NewSkuInput = z.input<typeof newSkuInputSchema>;

/** A tenant's SKU by id or part number. */
export function skuOrThrow(tenant: TenantRecord, ref: string): SkuRecord {
  const key = ref.toLowerCase();
  const sku = [...tenant.skus.values()].find((s) => s.skuId === key || s.skuPartNumber.toLowerCase() === key);
  if (!sku) throw new AdminError(404, 'SkuNotFound', `Tenant ${tenant.id} has no SKU '${ref}'.`);
  return sku;
}

/** Keeps the partner's CSP subscription for the SKU at its prepaid seats (quantity == enabled). */
function syncSubscription(admin: AdminContext, tenant: TenantRecord, sku: SkuRecord): void {
  const estate = admin.emulator.estate;
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  const subs = partner?.partnerCenter?.subscriptions.get(tenant.id);
  const sub = subs && [...subs.values()].find((s) => s.skuId === sku.skuId);
  if (!sub || sub.props.quantity === sku.prepaidUnits.enabled) return;
  sub.props.quantity = sku.prepaidUnits.enabled;
  sub.etag = newEtag(admin.random.next);
  subscriptionUpdated(admin.emulator, tenant.id, sub.props.id);
}

/**
 * Licence assignments made outside Rollcall, all or nothing: a seat needs a usage location and a
 * free unit, as in Microsoft 365. Goes through the estate, so consumedUnits and delta stay true.
 */
export function changeLicences(admin: AdminContext, tenantId: string, input: LicenceChangesInput) {
  const parsed = licenceChangesInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  type Grant = { skuId: string; assignedByGroup: string | null };
  const perUser = new Map<string, { add: Grant[]; remove: Grant[] }>();
  const entry = (id: string) => perUser.get(id) ?? perUser.set(id, { add: [], remove: [] }).get(id)!;
  const newSeats = new Map<string, number>();
  for (const a of parsed.assign) {
    const user = userOrThrow(tenant, a.userId);
    const sku = skuOrThrow(tenant, a.skuId);
    const held = (user.props.assignedLicenses as { skuId: string }[]).some((l) => l.skuId === sku.skuId);
    if (!user.props.usageLocation) {
      throw new AdminError(409, 'UsageLocationMissing', `User ${user.props.id} has no usageLocation.`);
    }
    if (!held) newSeats.set(sku.skuId, (newSeats.get(sku.skuId) ?? 0) + 1);
    entry(user.props.id).add.push({ skuId: sku.skuId, assignedByGroup: a.viaGroup?.toLowerCase() ?? null });
  }
  for (const [skuId, wanted] of newSeats) {
    const sku = tenant.skus.get(skuId)!;
    if (wanted > availableUnits(sku)) {
      throw new AdminError(
        409,
        'NoSeatsAvailable',
        `${sku.skuPartNumber} has ${availableUnits(sku)} free seats, ${wanted} asked for.`,
      );
    }
  }
  for (const r of parsed.remove)
    entry(userOrThrow(tenant, r.userId).props.id).remove.push({
      skuId: skuOrThrow(tenant, r.skuId).skuId,
      assignedByGroup: r.viaGroup?.toLowerCase() ?? null,
    });
  const { estate } = admin.emulator;
  for (const [userId, change] of perUser) {
    estate.setLicenses(
      tenant,
      userId,
      change.add.map((grant) => ({ ...grant, disabledPlans: [] })),
      change.remove,
    );
  }
  return [...tenant.skus.values()].map(skuSummary);
}

/** A subscription change seen from the tenant: seats bought or cancelled, or a SKU suspended. */
export function updateSku(admin: AdminContext, tenantId: string, skuRef: string, input: SkuUpdateInput) {
  const parsed = skuUpdateInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  const sku = skuOrThrow(tenant, skuRef);
  Object.assign(sku.prepaidUnits, parsed.prepaidUnits ?? {});
  if (parsed.capabilityStatus) sku.capabilityStatus = parsed.capabilityStatus;
  syncSubscription(admin, tenant, sku);
  return skuSummary(sku);
}

/** A newly bought SKU (with its CSP subscription when the tenant is the partner's customer). */
export function addSku(admin: AdminContext, tenantId: string, input: NewSkuInput) {
  const parsed = newSkuInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  const entry = findCatalogueSku(parsed.sku);
  if (!entry) throw new AdminError(404, 'SkuNotFound', `The licence catalogue has no SKU '${parsed.sku}'.`);
  if (tenant.skus.has(entry.skuId))
    throw new AdminError(409, 'Conflict', `Tenant already has ${entry.skuPartNumber}.`);
  const sku = createSkuRecord({
    sku: entry,
    enabled: parsed.enabled,
    subscriptionIds: [admin.random.guid()],
  });
  tenant.skus.set(sku.skuId, sku);
  // Intune answers a tenant once it holds a licence with Intune in it (as seeded tenants: planHasIntune).
  if (entry.servicePlans.some((p) => p.servicePlanName === 'INTUNE_A')) tenant.intune = true;
  const estate = admin.emulator.estate;
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  const subs = partner?.partnerCenter?.subscriptions.get(tenant.id);
  if (subs) {
    const partnerId = String([...subs.values()][0]?.props.partnerId ?? '');
    const now = admin.emulator.clock.now();
    addSubscription(estate, tenant.id, subscriptionFor(admin.random, now, sku, partnerId, now));
  }
  return skuSummary(sku);
}

export function skuSummary(sku: SkuRecord) {
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    capabilityStatus: sku.capabilityStatus,
    prepaidUnits: { ...sku.prepaidUnits },
    consumedUnits: sku.consumedUnits,
    available: availableUnits(sku),
  };
}
