import type { UserRecord } from './types.js';

/**
 * One entry of a user's `licenseAssignmentStates`: a SKU held directly (`assignedByGroup` null)
 * or inherited from a group (group-based licensing). A SKU held both ways has one entry each.
 */
export interface LicenceAssignmentState {
  assignedByGroup: string | null;
  disabledPlans: string[];
  error: 'None';
  lastUpdatedDateTime: string;
  skuId: string;
  state: 'Active';
}

interface AssignedLicence {
  skuId: string;
  disabledPlans: string[];
}

/** A licence change: `assignedByGroup` set means the group (not the user) gains or loses it. */
export interface LicenceGrant extends AssignedLicence {
  assignedByGroup?: string | null;
}

/**
 * The user's assignment states; a user written before states were kept (seeded with
 * `assignedLicenses` only) holds each SKU directly.
 */
export function assignmentStatesOf(user: UserRecord, at: string): LicenceAssignmentState[] {
  const states = user.props.licenseAssignmentStates as LicenceAssignmentState[] | null | undefined;
  if (Array.isArray(states) && states.length > 0) return states.map((s) => ({ ...s }));
  const assigned = (user.props.assignedLicenses as AssignedLicence[] | undefined) ?? [];
  return assigned.map((l) => direct(l, at));
}

function direct(licence: AssignedLicence, at: string, group: string | null = null): LicenceAssignmentState {
  return {
    assignedByGroup: group,
    disabledPlans: [...licence.disabledPlans],
    error: 'None',
    lastUpdatedDateTime: at,
    skuId: licence.skuId,
    state: 'Active',
  };
}

/** Whether the user holds `skuId` only through groups (Graph refuses to remove it from the user). */
export function heldOnlyViaGroups(user: UserRecord, skuId: string): boolean {
  const mine = assignmentStatesOf(user, '').filter((s) => s.skuId === skuId);
  return mine.length > 0 && mine.every((s) => s.assignedByGroup !== null);
}

/**
 * The states after adding `add` and removing `remove` (direct grants unless `assignedByGroup`),
 * and the `assignedLicenses` they make: each SKU once, with the direct grant's disabled plans.
 */
export function changeAssignmentStates(
  current: readonly LicenceAssignmentState[],
  add: readonly LicenceGrant[],
  remove: readonly { skuId: string; assignedByGroup?: string | null }[],
  at: string,
): { states: LicenceAssignmentState[]; assignedLicenses: AssignedLicence[] } {
  const same = (s: LicenceAssignmentState, skuId: string, group: string | null | undefined) =>
    s.skuId === skuId && s.assignedByGroup === (group ?? null);
  let states = current.filter((s) => !remove.some((r) => same(s, r.skuId, r.assignedByGroup)));
  for (const grant of add) {
    states = states.filter((s) => !same(s, grant.skuId, grant.assignedByGroup));
    states.push(direct(grant, at, grant.assignedByGroup ?? null));
  }
  const bySku = new Map<string, AssignedLicence>();
  for (const s of states) {
    const known = bySku.get(s.skuId);
    if (!known || s.assignedByGroup === null)
      bySku.set(s.skuId, { skuId: s.skuId, disabledPlans: s.disabledPlans });
  }
  return { states, assignedLicenses: [...bySku.values()] };
}
