import type { DirectoryLicence } from '../../contracts/entra/import-plan.js';
import type { GraphUser } from '../graph/schemas/user.js';

/**
 * The licences a Graph user holds: `assignedLicenses` (each SKU once, with its disabled plans),
 * a SKU being `viaGroup` when `licenseAssignmentStates` shows it only inherited from groups.
 * Undefined when the user object has no `assignedLicenses` (not selected, or a delta entry
 * without it): callers then leave what they know as it is.
 */
export function directoryLicences(user: GraphUser): DirectoryLicence[] | undefined {
  if (user.assignedLicenses === undefined) return undefined;
  const states = user.licenseAssignmentStates ?? [];
  const bySku = new Map<string, DirectoryLicence>();
  for (const assigned of user.assignedLicenses ?? []) {
    const skuId = assigned.skuId.toLowerCase();
    if (bySku.has(skuId)) continue;
    const mine = states.filter((s) => s.skuId?.toLowerCase() === skuId);
    bySku.set(skuId, {
      skuId,
      disabledPlans: [...new Set(assigned.disabledPlans.map((p) => p.toLowerCase()))].sort(),
      viaGroup: mine.length > 0 && mine.every((s) => Boolean(s.assignedByGroup)),
    });
  }
  return [...bySku.values()];
}
