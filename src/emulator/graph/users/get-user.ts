import type { EmuRequest } from '../../http/types.js';
import type { GraphHandler } from '../auth.js';
import { selectedForContext } from '../odata/collection-query.js';
import { parseExpand, type ExpandSpec } from '../odata/expand.js';
import {
  USER_DEFAULT_PROPERTIES,
  USER_PROPERTIES,
  USER_SINGLE_ONLY_PROPERTIES,
} from '../odata/properties.js';
import { isQueryError, queryErrorResponse, queryErrors, type QueryError } from '../odata/query-errors.js';
import { USER_TYPE } from '../odata/resource.js';
import { parseSelect } from '../odata/select.js';
import { graphJson, notFound, odataContext } from '../respond.js';
import { findUser, safeDecode, signInActivityDenied, viewUser } from './user-view.js';

/** On a single user every property may be selected, including the single-GET-only ones. */
const SINGLE_SELECTABLE = new Set([...USER_PROPERTIES, ...USER_SINGLE_ONLY_PROPERTIES]);

interface SingleQuery {
  select: string[];
  expand: ExpandSpec | null;
}

/** `$select` and `$expand` of a single-entity request. */
export function parseSingleQuery(req: EmuRequest): SingleQuery | QueryError {
  const param = (name: string) =>
    [...req.url.searchParams].find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
  const select = parseSelect(param('$select'), SINGLE_SELECTABLE, USER_DEFAULT_PROPERTIES);
  if (!select.ok) return queryErrors.unknownProperty(select.property, 'user');
  const expandRaw = param('$expand');
  let expand: ExpandSpec | null = null;
  if (expandRaw !== null && expandRaw.trim() !== '') {
    const parsed = parseExpand(expandRaw, 'user', ['manager']);
    if (isQueryError(parsed)) return parsed;
    expand = parsed;
  }
  return { select: select.properties, expand };
}

/** `GET /users/{id | userPrincipalName}`. */
export function getUser(): GraphHandler {
  return (req, params, caller) => {
    const query = parseSingleQuery(req);
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const denied = signInActivityDenied(req, caller, new Set(query.select));
    if (denied) return denied;
    const user = findUser(caller.tenant, params.id!);
    if (!user) return notFound(req, safeDecode(params.id!));
    const selected = selectedForContext(req, USER_TYPE);
    return graphJson(200, {
      '@odata.context': odataContext(req, selected ? `users(${selected})/$entity` : 'users/$entity'),
      ...viewUser(caller.tenant, user, query.select, query.expand),
    });
  };
}
