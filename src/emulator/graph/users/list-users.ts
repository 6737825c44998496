import { text } from '../../http/types.js';
import type { GraphHandler } from '../auth.js';
import { parseCollectionQuery, selectedForContext } from '../odata/collection-query.js';
import { countMatches, respondWithPage } from '../odata/list-response.js';
import type { ListPaging } from '../odata/list-paging.js';
import { USER_PROPERTIES } from '../odata/properties.js';
import { isQueryError, queryErrorResponse, queryErrors } from '../odata/query-errors.js';
import { USER_TYPE } from '../odata/resource.js';
import type { UserIndex } from './user-index.js';
import { signInActivityDenied, viewUser } from './user-view.js';

/** With `$select=signInActivity` Graph silently serves at most this many users per page. */
export const SIGN_IN_ACTIVITY_PAGE_CAP = 120;
/**
 * With `$expand` on directory objects Graph returns at most 100 objects a page whatever `$top`
 * says (Graph known issue 13635).
 */
export const EXPAND_PAGE_CAP = 100;

const shape = { type: USER_TYPE, selectable: USER_PROPERTIES, expandable: ['manager'] } as const;

/** `GET /users`: filter, search, order, select, expand=manager, count and keyset paging. */
export function listUsers(index: UserIndex, paging: ListPaging): GraphHandler {
  return (req, _params, caller) => {
    const { tenant } = caller;
    const query = parseCollectionQuery(req, tenant.id, shape);
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const denied = signInActivityDenied(req, caller, query.touched);
    if (denied) return denied;
    const cap = Math.min(
      query.select?.includes('signInActivity') ? SIGN_IN_ACTIVITY_PAGE_CAP : Infinity,
      query.expand ? EXPAND_PAGE_CAP : Infinity,
    );
    const selected = selectedForContext(req, USER_TYPE);
    return respondWithPage({
      req,
      query,
      paging,
      source: index.source(tenant, query.orderBy),
      context: selected ? `users(${selected})` : 'users',
      project: (user) => viewUser(tenant, user, query.select, query.expand),
      top: Math.min(query.top, cap),
    });
  };
}

/** `GET /users/$count`: an advanced query only; text/plain. */
export function countUsers(index: UserIndex): GraphHandler {
  return (req, _params, caller) => {
    if ((req.headers.consistencylevel ?? '').toLowerCase() !== 'eventual') {
      return queryErrorResponse(req, queryErrors.countNotSupported());
    }
    const query = parseCollectionQuery(req, caller.tenant.id, { ...shape, countSegment: true });
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const denied = signInActivityDenied(req, caller, query.touched);
    if (denied) return denied;
    return text(200, String(countMatches(query, index.source(caller.tenant))));
  };
}
