import type { TenantRecord, UserRecord } from '../../state/types.js';
import type { GraphCaller } from '../auth.js';
import { isReplicated } from '../users/replication.js';

/**
 * A live (not soft-deleted, replicated) user by object id or UPN, as `/users/{id |
 * userPrincipalName}` resolves.
 */
export function findLiveUser(tenant: TenantRecord, idOrUpn: string): UserRecord | undefined {
  const id = tenant.users.has(idOrUpn) ? idOrUpn : tenant.upnIndex.get(idOrUpn.toLowerCase());
  const user = id === undefined ? undefined : tenant.users.get(id);
  return user && user.deletedAt === null && isReplicated(tenant, user) ? user : undefined;
}

/** `/me/...` is the signed-in user; app-only tokens have no `me`. */
export function targetUserId(params: Record<string, string>, caller: GraphCaller): string | null {
  return params.id ?? caller.userId;
}
