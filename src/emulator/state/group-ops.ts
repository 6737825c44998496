import { applyPatch, groupOf, type EstateCore, type WriteOptions } from './estate-core.js';
import type { Estate } from './estate.js';
import type { ChangeEntry, GroupRecord, TenantRecord } from './types.js';

type GroupOps = Pick<
  Estate,
  | 'addGroup'
  | 'updateGroup'
  | 'softDeleteGroup'
  | 'restoreGroup'
  | 'purgeGroup'
  | 'addMember'
  | 'removeMember'
>;

/** Groups and their direct members; every write lands in the change log. */
export function createGroupOps(core: EstateCore): GroupOps {
  const { clock, log } = core;
  const touchGroup = (
    tenant: TenantRecord,
    group: GroupRecord,
    entry: Pick<ChangeEntry, 'kind' | 'props' | 'memberId' | 'memberType'>,
    opts: WriteOptions | undefined,
  ) => {
    if (opts?.silent) return;
    group.version = log.record(tenant.id, { resource: 'groups', id: group.props.id, ...entry }).version;
  };

  const ops: GroupOps = {
    addGroup(tenant, props, shape, opts) {
      const group: GroupRecord = {
        props,
        kind: shape.kind,
        dynamic: shape.dynamic ?? false,
        members: new Map(),
        deletedAt: null,
        version: log.version(tenant.id),
      };
      tenant.groups.set(props.id, group);
      touchGroup(tenant, group, { kind: 'created' }, opts);
      return group;
    },
    updateGroup(tenant, id, patch, opts) {
      const group = groupOf(tenant, id);
      const changed = applyPatch(group.props, patch);
      if (changed.length) touchGroup(tenant, group, { kind: 'updated', props: changed }, opts);
      return changed;
    },
    softDeleteGroup(tenant, id) {
      const group = groupOf(tenant, id);
      if (group.deletedAt !== null) return;
      group.deletedAt = clock.now();
      touchGroup(tenant, group, { kind: 'softDeleted' }, undefined);
    },
    restoreGroup(tenant, id) {
      const group = groupOf(tenant, id);
      if (group.deletedAt === null) return;
      group.deletedAt = null;
      touchGroup(tenant, group, { kind: 'restored' }, undefined);
    },
    purgeGroup(tenant, id) {
      const group = groupOf(tenant, id);
      if (group.deletedAt === null) ops.softDeleteGroup(tenant, id);
      // A purged group is no longer a member of anything.
      for (const parent of tenant.groups.values()) {
        if (parent.members.has(id)) ops.removeMember(tenant, parent.props.id, id);
      }
      tenant.groups.delete(id);
      touchGroup(tenant, group, { kind: 'purged' }, undefined);
    },
    addMember(tenant, groupId, memberId, type, opts) {
      const group = groupOf(tenant, groupId);
      if (group.members.has(memberId)) return;
      group.members.set(memberId, type);
      touchGroup(tenant, group, { kind: 'memberAdded', memberId, memberType: type }, opts);
    },
    removeMember(tenant, groupId, memberId, opts) {
      const group = groupOf(tenant, groupId);
      const type = group.members.get(memberId);
      if (!type) return;
      group.members.delete(memberId);
      touchGroup(tenant, group, { kind: 'memberRemoved', memberId, memberType: type }, opts);
    },
  };
  return ops;
}
