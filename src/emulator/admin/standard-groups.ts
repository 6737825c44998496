import type { Estate } from '../state/estate.js';
import type { GroupRecord, TenantRecord, UserRecord } from '../state/types.js';

const USER = '#microsoft.graph.user' as const;

function staticGroupNamed(tenant: TenantRecord, names: string[]): GroupRecord | undefined {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const group of tenant.groups.values()) {
    if (group.deletedAt !== null || group.dynamic) continue;
    if (wanted.has(String(group.props.displayName).toLowerCase())) return group;
  }
  return undefined;
}

/** The department's group as the seed names it (`SG-Finance`, or `GG-Finance` when synced from AD). */
export function departmentGroup(tenant: TenantRecord, department: unknown): GroupRecord | undefined {
  if (typeof department !== 'string') return undefined;
  return staticGroupNamed(tenant, [`SG-${department}`, `GG-${department.replace(/\s+/g, '')}`]);
}

/** The office's location group (`Loc-London` for "London HQ"). */
export function locationGroup(tenant: TenantRecord, officeLocation: unknown): GroupRecord | undefined {
  if (typeof officeLocation !== 'string') return undefined;
  return staticGroupNamed(tenant, [`Loc-${officeLocation.replace(/ HQ$/, '')}`]);
}

/** Puts a new starter in the all-company, department and location groups that exist. */
export function addToStandardGroups(estate: Estate, tenant: TenantRecord, user: UserRecord): void {
  const groups = [
    staticGroupNamed(tenant, ['All Company']),
    departmentGroup(tenant, user.props.department),
    locationGroup(tenant, user.props.officeLocation),
  ];
  for (const group of groups) {
    if (group) estate.addMember(tenant, group.props.id, user.props.id, USER);
  }
}

/** Moves a user from one standard group to another (department or office change). */
export function swapGroup(
  estate: Estate,
  tenant: TenantRecord,
  userId: string,
  from: GroupRecord | undefined,
  to: GroupRecord | undefined,
): void {
  if (from === to) return;
  if (from?.members.has(userId)) estate.removeMember(tenant, from.props.id, userId);
  if (to && !to.members.has(userId)) estate.addMember(tenant, to.props.id, userId, USER);
}
