import type { EmulatorContext } from '../../context.js';
import type { TenantRecord, UserRecord } from '../../state/types.js';
import type { GraphHandler } from '../auth.js';
import { parseCollectionQuery } from '../odata/collection-query.js';
import { respondWithPage } from '../odata/list-response.js';
import { indexById } from '../odata/ordered-index.js';
import type { ListPaging } from '../odata/list-paging.js';
import type { PageSource } from '../odata/paging.js';
import { USER_DEFAULT_PROPERTIES, USER_PROPERTIES } from '../odata/properties.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { USER_TYPE } from '../odata/resource.js';
import { project } from '../odata/select.js';
import { badRequest, graphJson, noContent, notFound, odataContext } from '../respond.js';
import { deletedGroupSource } from '../groups/deleted-groups.js';
import { GROUP_DEFAULT_PROPERTIES } from '../odata/properties.js';
import { groupProps } from '../groups/group-view.js';
import { USER_ODATA_TYPE } from './user-view.js';

const DELETED_USER_PROPERTIES = [...USER_DEFAULT_PROPERTIES, 'deletedDateTime'];

function deletedUserSource(tenant: TenantRecord): PageSource<UserRecord> {
  const ids = [...tenant.users.values()].filter((u) => u.deletedAt !== null).map((u) => u.props.id);
  return {
    index: indexById(ids),
    resolve: (id) => {
      const user = tenant.users.get(id);
      return user && user.deletedAt !== null ? user : undefined;
    },
    props: (user) => ({ ...user.props, deletedDateTime: new Date(user.deletedAt!).toISOString() }),
  };
}

/** `GET /directory/deletedItems/microsoft.graph.user`: the recycle bin's users. */
export function listDeletedUsers(paging: ListPaging): GraphHandler {
  return (req, _params, caller) => {
    const query = parseCollectionQuery(req, caller.tenant.id, {
      type: USER_TYPE,
      selectable: USER_PROPERTIES,
    });
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const source = deletedUserSource(caller.tenant);
    return respondWithPage({
      req,
      query,
      paging,
      source,
      context: 'directory/deletedItems/microsoft.graph.user',
      project: (user) => project(source.props(user), query.select ?? DELETED_USER_PROPERTIES),
    });
  };
}

/** A deleted user or group as a directoryObject. */
function deletedObject(tenant: TenantRecord, id: string): Record<string, unknown> | null {
  const users = deletedUserSource(tenant);
  const user = users.resolve(id);
  if (user) return { '@odata.type': USER_ODATA_TYPE, ...project(users.props(user), DELETED_USER_PROPERTIES) };
  const groups = deletedGroupSource(tenant);
  const group = groups.resolve(id);
  if (group)
    return {
      '@odata.type': '#microsoft.graph.group',
      ...project(groups.props(group), GROUP_DEFAULT_PROPERTIES),
    };
  return null;
}

/** `GET /directory/deletedItems/{id}`. */
export function getDeletedItem(): GraphHandler {
  return (req, params, caller) => {
    const item = deletedObject(caller.tenant, params.id!);
    if (!item) return notFound(req, params.id!);
    return graphJson(200, { '@odata.context': odataContext(req, 'directoryObjects/$entity'), ...item });
  };
}

const RESTORE_CONFLICT =
  'A conflicting object with one or more of the specified property values is present in the directory.';

/** `POST /directory/deletedItems/{id}/restore` → 200 with the restored object. */
export function restoreDeletedItem(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const user = tenant.users.get(params.id!);
    if (!user || user.deletedAt === null) {
      const group = tenant.groups.get(params.id!);
      if (!group || group.deletedAt === null) return notFound(req, params.id!);
      ctx.estate.restoreGroup(tenant, group.props.id);
      return graphJson(200, {
        '@odata.context': odataContext(req, 'directoryObjects/$entity'),
        '@odata.type': '#microsoft.graph.group',
        ...project(groupProps(group), GROUP_DEFAULT_PROPERTIES),
      });
    }
    const holder = tenant.upnIndex.get(String(user.props.userPrincipalName).toLowerCase());
    if (holder !== undefined && holder !== user.props.id) {
      return badRequest(req, RESTORE_CONFLICT, [
        { code: 'ObjectConflict', message: RESTORE_CONFLICT, target: 'userPrincipalName' },
      ]);
    }
    ctx.estate.restoreUser(tenant, user.props.id);
    return graphJson(200, {
      '@odata.context': odataContext(req, 'directoryObjects/$entity'),
      '@odata.type': USER_ODATA_TYPE,
      ...project(user.props, USER_DEFAULT_PROPERTIES),
    });
  };
}

/** `DELETE /directory/deletedItems/{id}` → 204: permanent deletion. */
export function purgeDeletedItem(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const user = tenant.users.get(params.id!);
    if (!user || user.deletedAt === null) {
      const group = tenant.groups.get(params.id!);
      if (!group || group.deletedAt === null) return notFound(req, params.id!);
      ctx.estate.purgeGroup(tenant, group.props.id);
      return noContent();
    }
    ctx.estate.purgeUser(tenant, user.props.id);
    return noContent();
  };
}
