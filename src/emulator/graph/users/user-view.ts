import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { TenantRecord, UserRecord } from '../../state/types.js';
import type { GraphCaller } from '../auth.js';
import type { ExpandSpec } from '../odata/expand.js';
import { USER_DEFAULT_PROPERTIES } from '../odata/properties.js';
import { project } from '../odata/select.js';
import { graphError } from '../respond.js';
import { isReplicated } from './replication.js';

export const USER_ODATA_TYPE = '#microsoft.graph.user';

/** Route parameters may still carry percent-escapes (`%23EXT%23`); malformed ones stay as they are. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * A live user by object id or userPrincipalName (case-insensitive), as `/users/{id | upn}`
 * resolves; a new user Graph has not replicated yet is not found.
 */
export function findUser(tenant: TenantRecord, idOrUpn: string): UserRecord | undefined {
  const key = safeDecode(idOrUpn);
  const byId = tenant.users.get(key) ?? tenant.users.get(key.toLowerCase());
  const user = byId ?? tenant.users.get(tenant.upnIndex.get(key.toLowerCase()) ?? '');
  return user && user.deletedAt === null && isReplicated(tenant, user) ? user : undefined;
}

/** A user as Graph returns it: selected (or default) properties, plus `manager` when expanded. */
export function viewUser(
  tenant: TenantRecord,
  user: UserRecord,
  select: readonly string[] | null,
  expand: ExpandSpec | null = null,
): Record<string, unknown> {
  const out = project(user.props, select ?? USER_DEFAULT_PROPERTIES);
  if (expand?.property === 'manager' && user.managerId) {
    const manager = tenant.users.get(user.managerId);
    if (manager && manager.deletedAt === null) {
      out.manager = { '@odata.type': USER_ODATA_TYPE, ...project(manager.props, expand.select) };
    }
  }
  return out;
}

/** The user as a directoryObject (members, memberOf, manager): `@odata.type` comes first. */
export function viewUserObject(user: UserRecord, select: readonly string[] | null): Record<string, unknown> {
  return { '@odata.type': USER_ODATA_TYPE, ...project(user.props, select ?? USER_DEFAULT_PROPERTIES) };
}

const PREMIUM_REQUIRED = "Neither tenant is B2C or tenant doesn't have premium license";

/**
 * signInActivity is readable only with AuditLog.Read.All on top of the user permission, and only
 * in Entra ID P1/P2 tenants (fact sheet §2.2). Null when the request may go on.
 */
export function signInActivityDenied(
  req: EmuRequest,
  caller: GraphCaller,
  touched: ReadonlySet<string>,
): EmuResponse | null {
  if (!touched.has('signInActivity')) return null;
  if (!caller.permissions.has('AuditLog.Read.All')) {
    return graphError(
      req,
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  }
  if (!caller.tenant.premium) {
    return graphError(req, 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', PREMIUM_REQUIRED);
  }
  return null;
}
