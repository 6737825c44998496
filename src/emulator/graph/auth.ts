import type { EmulatorContext } from '../context.js';
import type { EmuRequest, EmuResponse, Handler } from '../http/types.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE, type TenantRecord } from '../state/types.js';
import { graphError } from './respond.js';
import { noteGraphRequest } from './users/replication.js';

/** Who is calling Graph: the tenant comes from the token (`tid`), never from the URL. */
export interface GraphCaller {
  tenant: TenantRecord;
  appId: string;
  /** Application permissions (`roles`) for app tokens, delegated scopes (`scp`) for user tokens. */
  permissions: Set<string>;
  /** Signed-in user for delegated tokens. */
  userId: string | null;
}

const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

const reasonMessages = {
  empty: 'Access token is empty.',
  malformed: 'IDX14100: JWT is not well formed, there are no dots (.).',
  expired: 'Lifetime validation failed, the token is expired.',
  signature: 'Access token validation failure. Invalid signature.',
  audience: 'Access token validation failure. Invalid audience.',
} as const;

export async function authenticateGraph(
  ctx: EmulatorContext,
  req: EmuRequest,
): Promise<GraphCaller | EmuResponse> {
  const result = await ctx.issuer.verifyAccess(req.headers.authorization, [GRAPH_RESOURCE, GRAPH_APP_ID]);
  if (!result.ok) {
    return graphError(req, 401, 'InvalidAuthenticationToken', reasonMessages[result.reason], undefined, {
      'www-authenticate': WWW_AUTHENTICATE,
    });
  }
  const tenant = ctx.estate.tenant(result.claims.tid);
  if (!tenant) {
    return graphError(
      req,
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid tenant.',
    );
  }
  const permissions =
    result.claims.idtyp === 'user'
      ? (result.claims.scp ?? '').split(' ').filter(Boolean)
      : (result.claims.roles ?? []);
  return {
    tenant,
    appId: result.claims.appid,
    permissions: new Set(permissions),
    userId: result.claims.idtyp === 'user' ? result.claims.oid : null,
  };
}

/** 403 `Authorization_RequestDenied` unless the caller holds one of `anyOf`. */
export function requirePermission(req: EmuRequest, caller: GraphCaller, anyOf: string[]): EmuResponse | null {
  if (anyOf.some((p) => caller.permissions.has(p))) return null;
  return graphError(
    req,
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
}

export type GraphHandler = (
  req: EmuRequest,
  params: Record<string, string>,
  caller: GraphCaller,
) => Promise<EmuResponse> | EmuResponse;

/** Permission sets used by many routes (least privileged first, as the Graph docs list them). */
export const PERMISSIONS = {
  readUsers: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  writeUsers: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readGroups: [
    'Group.Read.All',
    'Group.ReadWrite.All',
    'GroupMember.Read.All',
    'GroupMember.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  writeMembers: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  readOrganization: [
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'LicenseAssignment.Read.All',
    'LicenseAssignment.ReadWrite.All',
  ],
  assignLicenses: ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readDevices: ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'],
  readGdap: ['DelegatedAdminRelationship.Read.All', 'DelegatedAdminRelationship.ReadWrite.All'],
  readAuditLog: ['AuditLog.Read.All'],
} as const;

/** Wraps a Graph handler with token validation and a permission check. */
export function graphRoute(ctx: EmulatorContext, anyOf: readonly string[], handler: GraphHandler): Handler {
  return async (req, params) => {
    const caller = await authenticateGraph(ctx, req);
    if (!('tenant' in caller)) return caller;
    noteGraphRequest(caller.tenant, ctx.clock.now());
    const denied = requirePermission(req, caller, [...anyOf]);
    if (denied) return denied;
    return handler(req, params, caller);
  };
}
