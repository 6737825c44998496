import type { GroupRecord, TenantRecord } from '../../state/types.js';
import type { GraphHandler } from '../auth.js';
import { parseCollectionQuery } from '../odata/collection-query.js';
import { respondWithPage } from '../odata/list-response.js';
import { indexById } from '../odata/ordered-index.js';
import type { ListPaging } from '../odata/list-paging.js';
import type { PageSource } from '../odata/paging.js';
import { GROUP_DEFAULT_PROPERTIES, GROUP_PROPERTIES } from '../odata/properties.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { GROUP_TYPE } from '../odata/resource.js';
import { project } from '../odata/select.js';
import { groupProps } from './group-view.js';

/** Soft-deleted groups, with `deletedDateTime` from the moment they were deleted. */
export function deletedGroupSource(tenant: TenantRecord): PageSource<GroupRecord> {
  const ids = [...tenant.groups.values()].filter((g) => g.deletedAt !== null).map((g) => g.props.id);
  return {
    index: indexById(ids),
    resolve: (id) => {
      const group = tenant.groups.get(id);
      return group && group.deletedAt !== null ? group : undefined;
    },
    props: (group) => ({ ...groupProps(group), deletedDateTime: new Date(group.deletedAt!).toISOString() }),
  };
}

/** `GET /directory/deletedItems/microsoft.graph.group`. */
export function listDeletedGroups(paging: ListPaging): GraphHandler {
  return (req, _params, caller) => {
    const query = parseCollectionQuery(req, caller.tenant.id, {
      type: GROUP_TYPE,
      selectable: GROUP_PROPERTIES,
    });
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const source = deletedGroupSource(caller.tenant);
    return respondWithPage({
      req,
      query,
      paging,
      source,
      context: 'directory/deletedItems/microsoft.graph.group',
      project: (group) => project(source.props(group), query.select ?? GROUP_DEFAULT_PROPERTIES),
    });
  };
}
