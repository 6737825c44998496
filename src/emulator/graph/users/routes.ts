import type { EmulatorContext } from '../../context.js';
import { graphRoute, PERMISSIONS } from '../auth.js';
import { createListPaging } from '../odata/list-paging.js';
import { createUser } from './create-user.js';
import { getDeletedItem, listDeletedUsers, purgeDeletedItem, restoreDeletedItem } from './deleted-items.js';
import { getUser } from './get-user.js';
import { countUsers, listUsers } from './list-users.js';
import { getManager, removeManager, setManager } from './manager.js';
import { listMemberOf } from './member-of.js';
import { REVOKE_SESSIONS_PERMISSIONS, revokeSignInSessions } from './revoke-sessions.js';
import { deleteUser, updateUser } from './update-user.js';
import { createUserIndex } from './user-index.js';

/** Graph v1.0 users: list/get/create/update/delete, manager, memberOf, the recycle bin. */
export function registerUserRoutes(ctx: EmulatorContext): void {
  const { router } = ctx;
  const index = createUserIndex(ctx);
  const paging = createListPaging(ctx);
  const read = PERMISSIONS.readUsers;
  const write = PERMISSIONS.writeUsers;
  const readAny = [...new Set([...PERMISSIONS.readUsers, ...PERMISSIONS.readGroups])];
  const writeAny = [...new Set([...PERMISSIONS.writeUsers, 'Group.ReadWrite.All'])];
  const meta = (name: string) => ({ service: 'graph' as const, name });

  router.on('GET', '/v1.0/users', meta('GET /users'), graphRoute(ctx, read, listUsers(index, paging)));
  router.on('GET', '/v1.0/users/$count', meta('GET /users/$count'), graphRoute(ctx, read, countUsers(index)));
  router.on('POST', '/v1.0/users', meta('POST /users'), graphRoute(ctx, write, createUser(ctx)));
  router.on('GET', '/v1.0/users/:id', meta('GET /users/{id}'), graphRoute(ctx, read, getUser()));
  router.on('PATCH', '/v1.0/users/:id', meta('PATCH /users/{id}'), graphRoute(ctx, write, updateUser(ctx)));
  router.on('DELETE', '/v1.0/users/:id', meta('DELETE /users/{id}'), graphRoute(ctx, write, deleteUser(ctx)));

  router.on(
    'POST',
    '/v1.0/users/:id/revokeSignInSessions',
    meta('POST /users/{id}/revokeSignInSessions'),
    graphRoute(ctx, REVOKE_SESSIONS_PERMISSIONS, revokeSignInSessions(ctx)),
  );

  router.on(
    'GET',
    '/v1.0/users/:id/manager',
    meta('GET /users/{id}/manager'),
    graphRoute(ctx, read, getManager()),
  );
  router.on(
    'PUT',
    '/v1.0/users/:id/manager/$ref',
    meta('PUT /users/{id}/manager/$ref'),
    graphRoute(ctx, write, setManager(ctx)),
  );
  router.on(
    'DELETE',
    '/v1.0/users/:id/manager/$ref',
    meta('DELETE /users/{id}/manager/$ref'),
    graphRoute(ctx, write, removeManager(ctx)),
  );

  for (const [segment, transitive] of [
    ['memberOf', false],
    ['transitiveMemberOf', true],
  ] as const) {
    const handler = graphRoute(ctx, read, listMemberOf(paging, transitive));
    router.on('GET', `/v1.0/users/:id/${segment}`, meta(`GET /users/{id}/${segment}`), handler);
    router.on('GET', `/v1.0/users/:id/${segment}/:cast`, meta(`GET /users/{id}/${segment}/{type}`), handler);
  }

  router.on(
    'GET',
    '/v1.0/directory/deletedItems/microsoft.graph.user',
    meta('GET /directory/deletedItems/microsoft.graph.user'),
    graphRoute(ctx, read, listDeletedUsers(paging)),
  );
  router.on(
    'GET',
    '/v1.0/directory/deletedItems/:id',
    meta('GET /directory/deletedItems/{id}'),
    graphRoute(ctx, readAny, getDeletedItem()),
  );
  router.on(
    'POST',
    '/v1.0/directory/deletedItems/:id/restore',
    meta('POST /directory/deletedItems/{id}/restore'),
    graphRoute(ctx, writeAny, restoreDeletedItem(ctx)),
  );
  router.on(
    'DELETE',
    '/v1.0/directory/deletedItems/:id',
    meta('DELETE /directory/deletedItems/{id}'),
    graphRoute(ctx, writeAny, purgeDeletedItem(ctx)),
  );
}
