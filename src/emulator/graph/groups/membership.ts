import type { GroupRecord, TenantRecord } from '../../state/types.js';

/** Live groups that have `objectId` as a direct member. */
export function directGroupsOf(tenant: TenantRecord, objectId: string): GroupRecord[] {
  const out: GroupRecord[] = [];
  for (const group of tenant.groups.values()) {
    if (group.deletedAt === null && group.members.has(objectId)) out.push(group);
  }
  return out;
}

/** Every live group `objectId` belongs to directly or through nested groups (cycles are safe). */
export function transitiveGroupsOf(tenant: TenantRecord, objectId: string): GroupRecord[] {
  const seen = new Map<string, GroupRecord>();
  let frontier = directGroupsOf(tenant, objectId);
  while (frontier.length) {
    const next: GroupRecord[] = [];
    for (const group of frontier) {
      if (seen.has(group.props.id) || group.props.id === objectId) continue;
      seen.set(group.props.id, group);
      next.push(...directGroupsOf(tenant, group.props.id));
    }
    frontier = next;
  }
  return [...seen.values()];
}

/**
 * Ids of everything in `group` directly or through nested groups, nested groups included
 * (group-list-transitivemembers.md); deleted nested groups are not followed.
 */
export function transitiveMemberIds(tenant: TenantRecord, group: GroupRecord): string[] {
  const seen = new Set<string>();
  const stack = [group];
  while (stack.length) {
    const current = stack.pop()!;
    for (const [id, type] of current.members) {
      if (seen.has(id) || id === group.props.id) continue;
      seen.add(id);
      if (type === '#microsoft.graph.group') {
        const nested = tenant.groups.get(id);
        if (nested && nested.deletedAt === null) stack.push(nested);
      }
    }
  }
  return [...seen];
}
