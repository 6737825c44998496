import type { TenantRecord, UserRecord } from '../state/types.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';

/** People (not guests, service accounts or shared mailboxes) who are active: leavers and movers come from them. */
export function isActivePerson(user: UserRecord): boolean {
  const p = user.props;
  return (
    user.deletedAt === null && p.userType === 'Member' && p.accountEnabled === true && p.employeeId != null
  );
}

export function userOrThrow(tenant: TenantRecord, id: string): UserRecord {
  const user = tenant.users.get(id) ?? tenant.users.get(tenant.upnIndex.get(id.toLowerCase()) ?? '');
  if (!user) throw new AdminError(404, 'UserNotFound', `No user '${id}' in tenant ${tenant.id}.`);
  return user;
}

/**
 * The users a mutation applies to: the given ids (or UPNs), or `count` active people drawn at
 * random (reproducibly, from the admin generator).
 */
export function selectPeople(
  admin: AdminContext,
  tenant: TenantRecord,
  pick: { ids?: string[] | undefined; count?: number | undefined },
  eligible: (user: UserRecord) => boolean = isActivePerson,
): UserRecord[] {
  if (pick.ids) return pick.ids.map((id) => userOrThrow(tenant, id));
  const pool = [...tenant.users.values()].filter(eligible);
  const wanted = Math.min(pick.count ?? 1, pool.length);
  for (let i = 0; i < wanted; i += 1) {
    const j = admin.random.int(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, wanted);
}

/** `{ count }` or `{ ids }`, not both. */
export const pickMessage = 'give either count or ids';
