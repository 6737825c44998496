import type { EmuRequest, EmuResponse } from '../../http/types.js';
import { text } from '../../http/types.js';
import type { GroupRecord, MemberType } from '../../state/types.js';
import type { GraphCaller, GraphHandler } from '../auth.js';
import { parseCollectionQuery, selectedForContext, type CollectionQuery } from '../odata/collection-query.js';
import { countMatches, respondWithPage } from '../odata/list-response.js';
import type { ListPaging } from '../odata/list-paging.js';
import { isQueryError, queryErrorResponse, queryErrors } from '../odata/query-errors.js';
import { GROUP_TYPE, USER_TYPE } from '../odata/resource.js';
import { graphError, notFound } from '../respond.js';
import {
  CAST_CONTEXT,
  CAST_TYPES,
  DIRECTORY_OBJECT_PROPERTIES,
  viewDirectoryObject,
} from './directory-objects.js';
import type { GroupIndex } from './group-index.js';
import { findGroup } from './group-view.js';

interface MemberRequest {
  group: GroupRecord;
  cast: MemberType | null;
  query: CollectionQuery;
}

/** Shared front half of the member list and count routes: group, cast segment and query. */
function readMemberRequest(
  req: EmuRequest,
  params: Record<string, string>,
  caller: GraphCaller,
  countSegment: boolean,
): MemberRequest | EmuResponse {
  const group = findGroup(caller.tenant, params.id!);
  if (!group) return notFound(req, params.id!);
  let cast: MemberType | null = null;
  if (params.cast !== undefined) {
    cast = CAST_TYPES[params.cast.toLowerCase()] ?? null;
    if (!cast)
      return graphError(req, 400, 'BadRequest', `Resource not found for the segment '${params.cast}'.`);
  }
  const query = parseCollectionQuery(req, caller.tenant.id, {
    type: cast === '#microsoft.graph.group' ? GROUP_TYPE : USER_TYPE,
    selectable: DIRECTORY_OBJECT_PROPERTIES,
    relation: true,
    countSegment,
  });
  if (isQueryError(query)) return queryErrorResponse(req, query);
  return { group, cast, query };
}

/**
 * `GET /groups/{id}/members` and `/transitiveMembers`, optionally cast to one type
 * (`/members/microsoft.graph.user`): directoryObjects with `@odata.type`, paged like any list.
 */
export function listMembers(index: GroupIndex, paging: ListPaging, transitive: boolean): GraphHandler {
  return (req, params, caller) => {
    const read = readMemberRequest(req, params, caller, false);
    if (!('query' in read)) return read;
    const { group, cast, query } = read;
    const selected = selectedForContext(req, cast === '#microsoft.graph.group' ? GROUP_TYPE : USER_TYPE);
    const context = cast ? CAST_CONTEXT[cast] : 'directoryObjects';
    return respondWithPage({
      req,
      query,
      paging,
      source: index.members(caller.tenant, group, { transitive, cast, orderBy: query.orderBy }),
      context: selected ? `${context}(${selected})` : context,
      project: (entry) => {
        const view = viewDirectoryObject(entry, query.select);
        // A cast list names the type in its context; items carry no @odata.type then.
        if (cast) delete view['@odata.type'];
        return view;
      },
    });
  };
}

/** `GET /groups/{id}/members/$count` (and transitive, and cast): advanced query, text/plain. */
export function countMembers(index: GroupIndex, transitive: boolean): GraphHandler {
  return (req, params, caller) => {
    if ((req.headers.consistencylevel ?? '').toLowerCase() !== 'eventual') {
      return queryErrorResponse(req, queryErrors.countNotSupported());
    }
    const read = readMemberRequest(req, params, caller, true);
    if (!('query' in read)) return read;
    const source = index.members(caller.tenant, read.group, { transitive, cast: read.cast, orderBy: null });
    return text(200, String(countMatches(read.query, source)));
  };
}
