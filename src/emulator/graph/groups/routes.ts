import type { EmulatorContext } from '../../context.js';
import { graphRoute, PERMISSIONS } from '../auth.js';
import { createListPaging } from '../odata/list-paging.js';
import { createGroup } from './create-group.js';
import { listDeletedGroups } from './deleted-groups.js';
import { createGroupIndex } from './group-index.js';
import { GROUP_CREATE_PERMISSIONS, GROUP_WRITE_PERMISSIONS } from './group-writable.js';
import { countGroups, getGroup, listGroups } from './list-groups.js';
import { addMemberRef, removeMemberRef } from './member-refs.js';
import { countMembers, listMembers } from './members.js';
import { deleteGroup, updateGroup } from './update-group.js';

/** Graph v1.0 groups: list/get/create/update/delete, members and transitive members, `$ref` writes. */
export function registerGroupRoutes(ctx: EmulatorContext): void {
  const { router } = ctx;
  const index = createGroupIndex(ctx);
  const paging = createListPaging(ctx);
  const read = PERMISSIONS.readGroups;
  const meta = (name: string) => ({ service: 'graph' as const, name });
  const patchPermissions = [...new Set([...GROUP_WRITE_PERMISSIONS, ...PERMISSIONS.writeMembers])];

  router.on('GET', '/v1.0/groups', meta('GET /groups'), graphRoute(ctx, read, listGroups(index, paging)));
  router.on(
    'GET',
    '/v1.0/groups/$count',
    meta('GET /groups/$count'),
    graphRoute(ctx, read, countGroups(index)),
  );
  router.on(
    'POST',
    '/v1.0/groups',
    meta('POST /groups'),
    graphRoute(ctx, GROUP_CREATE_PERMISSIONS, createGroup(ctx)),
  );
  router.on('GET', '/v1.0/groups/:id', meta('GET /groups/{id}'), graphRoute(ctx, read, getGroup()));
  router.on(
    'PATCH',
    '/v1.0/groups/:id',
    meta('PATCH /groups/{id}'),
    graphRoute(ctx, patchPermissions, updateGroup(ctx)),
  );
  router.on(
    'DELETE',
    '/v1.0/groups/:id',
    meta('DELETE /groups/{id}'),
    graphRoute(ctx, GROUP_WRITE_PERMISSIONS, deleteGroup(ctx)),
  );

  for (const [segment, transitive] of [
    ['members', false],
    ['transitiveMembers', true],
  ] as const) {
    const base = `/v1.0/groups/:id/${segment}`;
    const name = `/groups/{id}/${segment}`;
    router.on(
      'GET',
      base,
      meta(`GET ${name}`),
      graphRoute(ctx, read, listMembers(index, paging, transitive)),
    );
    router.on(
      'GET',
      `${base}/$count`,
      meta(`GET ${name}/$count`),
      graphRoute(ctx, read, countMembers(index, transitive)),
    );
    router.on(
      'GET',
      `${base}/:cast`,
      meta(`GET ${name}/{type}`),
      graphRoute(ctx, read, listMembers(index, paging, transitive)),
    );
    router.on(
      'GET',
      `${base}/:cast/$count`,
      meta(`GET ${name}/{type}/$count`),
      graphRoute(ctx, read, countMembers(index, transitive)),
    );
  }
  router.on(
    'POST',
    '/v1.0/groups/:id/members/$ref',
    meta('POST /groups/{id}/members/$ref'),
    graphRoute(ctx, PERMISSIONS.writeMembers, addMemberRef(ctx)),
  );
  router.on(
    'DELETE',
    '/v1.0/groups/:id/members/:memberId/$ref',
    meta('DELETE /groups/{id}/members/{memberId}/$ref'),
    graphRoute(ctx, PERMISSIONS.writeMembers, removeMemberRef(ctx)),
  );
  router.on(
    'GET',
    '/v1.0/directory/deletedItems/microsoft.graph.group',
    meta('GET /directory/deletedItems/microsoft.graph.group'),
    graphRoute(ctx, read, listDeletedGroups(paging)),
  );
}
