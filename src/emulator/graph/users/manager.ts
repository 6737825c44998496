import type { EmulatorContext } from '../../context.js';
import { readJson } from '../../http/types.js';
import type { GraphHandler } from '../auth.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { invalidReference, referencedId } from '../odata/reference.js';
import { badRequest, graphJson, noContent, notFound, odataContext } from '../respond.js';
import { parseSingleQuery } from './get-user.js';
import { isSynced } from './update-user.js';
import { findUser, safeDecode, viewUserObject } from './user-view.js';
import { ON_PREMISES_MASTERED } from './user-writable.js';

/** Graph's "no manager" answer is a 404 naming the navigation property. */
const NO_MANAGER = 'manager';

/** `GET /users/{id}/manager` → the manager as a directoryObject, or 404 when there is none. */
export function getManager(): GraphHandler {
  return (req, params, caller) => {
    const query = parseSingleQuery(req);
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const user = findUser(caller.tenant, params.id!);
    if (!user) return notFound(req, safeDecode(params.id!));
    const manager = user.managerId ? findUser(caller.tenant, user.managerId) : undefined;
    if (!manager) return notFound(req, NO_MANAGER);
    return graphJson(200, {
      '@odata.context': odataContext(req, 'directoryObjects/$entity'),
      ...viewUserObject(manager, query.select),
    });
  };
}

/** `PUT /users/{id}/manager/$ref` with `{"@odata.id": ".../users/{managerId}"}` → 204. */
export function setManager(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const user = findUser(tenant, params.id!);
    if (!user) return notFound(req, safeDecode(params.id!));
    const body = readJson(req) as Record<string, unknown> | undefined;
    const managerId = referencedId(body?.['@odata.id']);
    if (!managerId) return queryErrorResponse(req, invalidReference(body?.['@odata.id']));
    const manager = findUser(tenant, managerId);
    if (!manager) return notFound(req, managerId);
    if (isSynced(user)) return badRequest(req, ON_PREMISES_MASTERED);
    ctx.estate.setManager(tenant, user.props.id, manager.props.id);
    return noContent();
  };
}

/** `DELETE /users/{id}/manager/$ref` → 204, or 404 when the user has no manager. */
export function removeManager(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const user = findUser(tenant, params.id!);
    if (!user) return notFound(req, safeDecode(params.id!));
    if (!user.managerId) return notFound(req, NO_MANAGER);
    if (isSynced(user)) return badRequest(req, ON_PREMISES_MASTERED);
    ctx.estate.setManager(tenant, user.props.id, null);
    return noContent();
  };
}
