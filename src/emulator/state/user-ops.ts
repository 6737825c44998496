import { applyPatch, userOf, type EstateCore, type WriteOptions } from './estate-core.js';
import type { Estate } from './estate.js';
import { assignmentStatesOf, changeAssignmentStates } from './licence-states.js';
import type { TenantRecord, UserRecord } from './types.js';

type UserOps = Pick<
  Estate,
  'addUser' | 'updateUser' | 'setManager' | 'softDeleteUser' | 'restoreUser' | 'purgeUser' | 'setLicenses'
>;

/** Users: every write keeps the UPN index, seat counts and the change log true. */
export function createUserOps(core: EstateCore): UserOps {
  const { clock, log } = core;
  const touchUser = (
    tenant: TenantRecord,
    user: UserRecord,
    kind: 'created' | 'updated' | 'softDeleted' | 'restored' | 'purged',
    props: string[] | undefined,
    opts: WriteOptions | undefined,
  ) => {
    if (opts?.silent) return;
    user.version = log.record(tenant.id, { resource: 'users', id: user.props.id, kind, props }).version;
  };
  const consumeSeats = (tenant: TenantRecord, user: UserRecord, delta: 1 | -1) => {
    const assigned = (user.props.assignedLicenses as { skuId: string }[] | undefined) ?? [];
    for (const { skuId } of assigned) {
      const sku = tenant.skus.get(skuId);
      if (sku) sku.consumedUnits = Math.max(0, sku.consumedUnits + delta);
    }
  };

  const ops: UserOps = {
    addUser(tenant, props, opts) {
      const user: UserRecord = {
        props,
        passwordSet: opts?.passwordSet ?? true,
        managerId: null,
        deletedAt: null,
        version: log.version(tenant.id),
      };
      tenant.users.set(props.id, user);
      const upn = props.userPrincipalName;
      if (typeof upn === 'string') tenant.upnIndex.set(upn.toLowerCase(), props.id);
      consumeSeats(tenant, user, 1);
      touchUser(tenant, user, 'created', undefined, opts);
      return user;
    },
    updateUser(tenant, id, patch, opts) {
      const user = userOf(tenant, id);
      const previousUpn = String(user.props.userPrincipalName).toLowerCase();
      const changed = applyPatch(user.props, patch);
      if (changed.includes('userPrincipalName')) {
        tenant.upnIndex.delete(previousUpn);
        tenant.upnIndex.set(String(user.props.userPrincipalName).toLowerCase(), id);
      }
      if (changed.length) touchUser(tenant, user, 'updated', changed, opts);
      return changed;
    },
    setManager(tenant, id, managerId, opts) {
      const user = userOf(tenant, id);
      if (user.managerId === managerId) return;
      user.managerId = managerId;
      touchUser(tenant, user, 'updated', ['manager'], opts);
    },
    softDeleteUser(tenant, id) {
      const user = userOf(tenant, id);
      if (user.deletedAt !== null) return;
      user.deletedAt = clock.now();
      tenant.upnIndex.delete(String(user.props.userPrincipalName).toLowerCase());
      // Deleting a user frees its licences; restore takes them again.
      consumeSeats(tenant, user, -1);
      for (const group of tenant.groups.values()) {
        if (group.members.has(id)) core.self().removeMember(tenant, group.props.id, id);
      }
      touchUser(tenant, user, 'softDeleted', undefined, undefined);
    },
    restoreUser(tenant, id) {
      const user = userOf(tenant, id);
      if (user.deletedAt === null) return;
      user.deletedAt = null;
      tenant.upnIndex.set(String(user.props.userPrincipalName).toLowerCase(), id);
      consumeSeats(tenant, user, 1);
      touchUser(tenant, user, 'restored', undefined, undefined);
    },
    purgeUser(tenant, id) {
      const user = userOf(tenant, id);
      if (user.deletedAt === null) {
        ops.softDeleteUser(tenant, id);
      }
      tenant.users.delete(id);
      touchUser(tenant, user, 'purged', undefined, undefined);
    },
    setLicenses(tenant, userId, add, remove, opts) {
      const user = userOf(tenant, userId);
      const at = new Date(clock.now()).toISOString();
      const current = (user.props.assignedLicenses as { skuId: string }[]) ?? [];
      const next = changeAssignmentStates(assignmentStatesOf(user, at), add, remove, at);
      const before = new Set(current.map((l) => l.skuId));
      const after = new Set(next.assignedLicenses.map((l) => l.skuId));
      if (user.deletedAt === null) {
        for (const skuId of after) if (!before.has(skuId)) tenant.skus.get(skuId)!.consumedUnits += 1;
        for (const skuId of before) {
          const sku = tenant.skus.get(skuId);
          if (!after.has(skuId) && sku) sku.consumedUnits = Math.max(0, sku.consumedUnits - 1);
        }
      }
      ops.updateUser(
        tenant,
        userId,
        { assignedLicenses: next.assignedLicenses, licenseAssignmentStates: next.states },
        opts,
      );
    },
  };
  return ops;
}
