import type { EmulatorContext } from '../../context.js';
import { readJson } from '../../http/types.js';
import type { GraphHandler } from '../auth.js';
import { readEntityBody } from '../odata/entity-body.js';
import { GROUP_PROPERTIES } from '../odata/properties.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { graphError, noContent, notFound } from '../respond.js';
import { isValidMailNickname } from '../users/user-validation.js';
import { groupUpdateRefused, membershipWriteRefused } from './group-guards.js';
import { findGroup } from './group-view.js';
import { GROUP_UPDATABLE, GROUP_WRITE_PERMISSIONS, groupErrors } from './group-writable.js';
import { resolveBind, roleAssignableDenied } from './member-refs.js';

const BIND = 'members@odata.bind';

/**
 * `PATCH /groups/{id}` → 204: simple properties and/or `members@odata.bind` (≤ 20, all or
 * nothing). Property changes need Group.ReadWrite.All; a members-only patch GroupMember too.
 */
export function updateGroup(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const group = findGroup(tenant, params.id!);
    if (!group) return notFound(req, params.id!);
    const body = readEntityBody(readJson(req), GROUP_UPDATABLE, GROUP_PROPERTIES, 'group');
    if (isQueryError(body)) return queryErrorResponse(req, body);
    const changesProps = Object.keys(body.props).length > 0;
    if (changesProps && !GROUP_WRITE_PERMISSIONS.some((p) => caller.permissions.has(p))) {
      return graphError(
        req,
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
    }
    const binding = body.annotations[BIND];
    const refused =
      (changesProps ? groupUpdateRefused(req, group) : null) ??
      (binding !== undefined
        ? (roleAssignableDenied(req, caller, group) ?? membershipWriteRefused(ctx, req, group))
        : null);
    if (refused) return refused;
    if ('mailNickname' in body.props && !isValidMailNickname(body.props.mailNickname)) {
      return queryErrorResponse(req, groupErrors.invalidValue('mailNickname'));
    }
    if ('displayName' in body.props && !body.props.displayName) {
      return queryErrorResponse(req, groupErrors.invalidValue('displayName'));
    }
    const members = binding === undefined ? [] : resolveBind(req, tenant, group, binding);
    if (!Array.isArray(members)) return members;
    if (changesProps) ctx.estate.updateGroup(tenant, group.props.id, body.props);
    for (const entry of members) ctx.estate.addMember(tenant, group.props.id, entry.id, entry.type);
    return noContent();
  };
}

/** `DELETE /groups/{id}` → 204; the group goes to the recycle bin. */
export function deleteGroup(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const group = findGroup(caller.tenant, params.id!);
    if (!group) return notFound(req, params.id!);
    const refused = groupUpdateRefused(req, group);
    if (refused) return refused;
    ctx.estate.softDeleteGroup(caller.tenant, group.props.id);
    return noContent();
  };
}
