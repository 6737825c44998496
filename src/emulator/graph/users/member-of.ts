import type { GraphHandler } from '../auth.js';
import { CAST_TYPES } from '../groups/directory-objects.js';
import { viewGroup, viewGroupObject } from '../groups/group-view.js';
import { directGroupsOf, transitiveGroupsOf } from '../groups/membership.js';
import { parseCollectionQuery } from '../odata/collection-query.js';
import { respondWithPage } from '../odata/list-response.js';
import { indexById } from '../odata/ordered-index.js';
import type { ListPaging } from '../odata/list-paging.js';
import { GROUP_PROPERTIES } from '../odata/properties.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { GROUP_TYPE } from '../odata/resource.js';
import { graphError, notFound } from '../respond.js';
import { groupProps } from '../groups/group-view.js';
import { findUser, safeDecode } from './user-view.js';

/**
 * `GET /users/{id}/memberOf` and `/transitiveMemberOf` (optionally cast to
 * `microsoft.graph.group`): the groups a user belongs to, as directoryObjects.
 */
export function listMemberOf(paging: ListPaging, transitive: boolean): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const user = findUser(tenant, params.id!);
    if (!user) return notFound(req, safeDecode(params.id!));
    if (params.cast !== undefined && CAST_TYPES[params.cast.toLowerCase()] !== '#microsoft.graph.group') {
      return graphError(req, 400, 'BadRequest', `Resource not found for the segment '${params.cast}'.`);
    }
    const query = parseCollectionQuery(req, tenant.id, {
      type: GROUP_TYPE,
      selectable: GROUP_PROPERTIES,
      relation: true,
    });
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const groups = transitive
      ? transitiveGroupsOf(tenant, user.props.id)
      : directGroupsOf(tenant, user.props.id);
    const byId = new Map(groups.map((g) => [g.props.id, g]));
    const cast = params.cast !== undefined;
    return respondWithPage({
      req,
      query,
      paging,
      source: { index: indexById(byId.keys()), resolve: (id) => byId.get(id), props: groupProps },
      context: cast ? 'groups' : 'directoryObjects',
      project: (group) => (cast ? viewGroup(group, query.select) : viewGroupObject(group, query.select)),
    });
  };
}
