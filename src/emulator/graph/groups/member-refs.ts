import type { EmulatorContext } from '../../context.js';
import { readJson, type EmuRequest, type EmuResponse } from '../../http/types.js';
import type { GroupRecord, TenantRecord } from '../../state/types.js';
import type { GraphCaller, GraphHandler } from '../auth.js';
import { queryErrorResponse } from '../odata/query-errors.js';
import { invalidReference, referencedId } from '../odata/reference.js';
import { badRequest, graphError, noContent, notFound } from '../respond.js';
import { findDirectoryObject, type DirectoryEntry } from './directory-objects.js';
import { membershipWriteRefused } from './group-guards.js';
import { safeDecode } from '../users/user-view.js';
import { findGroup } from './group-view.js';

export const ALREADY_MEMBER =
  "One or more added object references already exist for the following modified properties: 'members'.";

/** Most members `members@odata.bind` may add in one request (group-post-members.md). */
export const MAX_BIND_MEMBERS = 20;

const ROLE_MANAGEMENT = 'RoleManagement.ReadWrite.Directory';

/** Role-assignable groups also need RoleManagement.ReadWrite.Directory to change membership. */
export function roleAssignableDenied(
  req: EmuRequest,
  caller: GraphCaller,
  group: GroupRecord,
): EmuResponse | null {
  if (group.props.isAssignableToRole !== true || caller.permissions.has(ROLE_MANAGEMENT)) return null;
  return graphError(
    req,
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
}

/**
 * Validates `members@odata.bind` (all-or-nothing): at most 20 references, every object must
 * exist and not be a member yet. Returns the objects to add, or the error to answer with.
 */
export function resolveBind(
  req: EmuRequest,
  tenant: TenantRecord,
  group: GroupRecord | null,
  refs: unknown,
): DirectoryEntry[] | EmuResponse {
  if (!Array.isArray(refs)) return queryErrorResponse(req, invalidReference(refs));
  if (refs.length > MAX_BIND_MEMBERS) {
    return badRequest(
      req,
      `The number of members to add in one request exceeds the limit of ${MAX_BIND_MEMBERS}.`,
    );
  }
  const entries: DirectoryEntry[] = [];
  for (const ref of refs) {
    const id = referencedId(ref);
    if (!id) return queryErrorResponse(req, invalidReference(ref));
    const entry = findDirectoryObject(tenant, id);
    if (!entry) return notFound(req, id);
    if (group?.members.has(entry.id) || entries.some((e) => e.id === entry.id)) {
      return badRequest(req, ALREADY_MEMBER);
    }
    entries.push(entry);
  }
  return entries;
}

/** `POST /groups/{id}/members/$ref`. */
export function addMemberRef(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const group = findGroup(tenant, params.id!);
    if (!group) return notFound(req, params.id!);
    const refused = roleAssignableDenied(req, caller, group) ?? membershipWriteRefused(ctx, req, group);
    if (refused) return refused;
    const body = readJson(req) as Record<string, unknown> | undefined;
    const id = referencedId(body?.['@odata.id']);
    if (!id) return queryErrorResponse(req, invalidReference(body?.['@odata.id']));
    const entry = findDirectoryObject(tenant, id);
    if (!entry) return notFound(req, id);
    if (group.members.has(entry.id)) return badRequest(req, ALREADY_MEMBER);
    ctx.estate.addMember(tenant, group.props.id, entry.id, entry.type);
    return noContent();
  };
}

/** `DELETE /groups/{id}/members/{memberId}/$ref`. */
export function removeMemberRef(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const group = findGroup(tenant, params.id!);
    if (!group) return notFound(req, params.id!);
    const refused = roleAssignableDenied(req, caller, group) ?? membershipWriteRefused(ctx, req, group);
    if (refused) return refused;
    const memberId = safeDecode(params.memberId!);
    if (!group.members.has(memberId)) return notFound(req, memberId);
    ctx.estate.removeMember(tenant, group.props.id, memberId);
    return noContent();
  };
}
