import { text } from '../../http/types.js';
import type { GraphHandler } from '../auth.js';
import { parseCollectionQuery, selectedForContext } from '../odata/collection-query.js';
import { countMatches, respondWithPage } from '../odata/list-response.js';
import type { ListPaging } from '../odata/list-paging.js';
import { GROUP_DEFAULT_PROPERTIES, GROUP_PROPERTIES } from '../odata/properties.js';
import { isQueryError, queryErrorResponse, queryErrors } from '../odata/query-errors.js';
import { GROUP_TYPE } from '../odata/resource.js';
import { parseSelect } from '../odata/select.js';
import { graphJson, notFound, odataContext } from '../respond.js';
import type { GroupIndex } from './group-index.js';
import { findGroup, viewGroup } from './group-view.js';

const shape = { type: GROUP_TYPE, selectable: GROUP_PROPERTIES } as const;

/** `GET /groups`: the same query engine and paging as users, with the group property set. */
export function listGroups(index: GroupIndex, paging: ListPaging): GraphHandler {
  return (req, _params, caller) => {
    const { tenant } = caller;
    const query = parseCollectionQuery(req, tenant.id, shape);
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const selected = selectedForContext(req, GROUP_TYPE);
    return respondWithPage({
      req,
      query,
      paging,
      source: index.groups(tenant, query.orderBy),
      context: selected ? `groups(${selected})` : 'groups',
      project: (group) => viewGroup(group, query.select),
    });
  };
}

/** `GET /groups/$count` (advanced query only). */
export function countGroups(index: GroupIndex): GraphHandler {
  return (req, _params, caller) => {
    if ((req.headers.consistencylevel ?? '').toLowerCase() !== 'eventual') {
      return queryErrorResponse(req, queryErrors.countNotSupported());
    }
    const query = parseCollectionQuery(req, caller.tenant.id, { ...shape, countSegment: true });
    if (isQueryError(query)) return queryErrorResponse(req, query);
    return text(200, String(countMatches(query, index.groups(caller.tenant, null))));
  };
}

/** `GET /groups/{id}`. */
export function getGroup(): GraphHandler {
  return (req, params, caller) => {
    const raw = [...req.url.searchParams].find(([k]) => k.toLowerCase() === '$select')?.[1] ?? null;
    const select = parseSelect(raw, GROUP_PROPERTIES, GROUP_DEFAULT_PROPERTIES);
    if (!select.ok) return queryErrorResponse(req, queryErrors.unknownProperty(select.property, 'group'));
    const group = findGroup(caller.tenant, params.id!);
    if (!group) return notFound(req, params.id!);
    const selected = selectedForContext(req, GROUP_TYPE);
    return graphJson(200, {
      '@odata.context': odataContext(req, selected ? `groups(${selected})/$entity` : 'groups/$entity'),
      ...viewGroup(group, select.properties),
    });
  };
}
