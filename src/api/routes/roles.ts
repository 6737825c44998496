import type { FastifyInstance } from 'fastify';
import {
  createRole,
  deleteRole,
  getRole,
  listRoles,
  permissionKindErrors,
  updateRole,
  type RoleView,
} from '../../contracts/api/roles.js';
import { createRoleRepository, type Role, type RoleView as StoredRole } from '../../store/index.js';
import { keepingAnAdministrator, knownPermissions, requireDelegable } from '../access/delegation.js';
import { audited, auditSource, changedFields } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { definedOnly, endpointRegistrar, iso, notFound } from './resource-helpers.js';

/** The built-in Administrator role: the one role nobody may change, so an administrator always exists. */
function isImmutable(role: Role): boolean {
  return role.builtIn && role.permissions.includes('administrator');
}

function roleView({ role, accountCount }: StoredRole): RoleView {
  return {
    id: role.id,
    kind: role.kind,
    name: role.name,
    description: role.description,
    permissions: knownPermissions(role.permissions),
    builtIn: role.builtIn,
    editable: !isImmutable(role),
    deletable: !role.builtIn,
    accountCount,
    createdAt: iso(role.createdAt),
    updatedAt: iso(role.updatedAt),
  };
}

const auditedFields = (role: Role) => ({
  kind: role.kind,
  name: role.name,
  description: role.description,
  permissions: role.permissions,
});

/** Roles: named permission sets (agents.read to see, agents.write to change). */
export function registerRoleRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(listRoles, async () => ({ items: (await createRoleRepository(deps.db).list()).map(roleView) }));

  on(getRole, async ({ params }) => {
    const role = await createRoleRepository(deps.db).findById(params.id);
    if (!role) throw notFound('role');
    return roleView(role);
  });

  on(createRole, ({ body, principal, request }) => {
    requireDelegable(principal, body.permissions);
    return audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const role = await createRoleRepository(tx).create(body);
      await record({
        action: 'role.create',
        target: { type: 'role', id: role.id },
        after: auditedFields(role),
      });
      return roleView({ role, accountCount: 0 });
    });
  });

  on(updateRole, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const roles = createRoleRepository(tx);
      const before = await roles.findById(params.id);
      if (!before) throw notFound('role');
      const { role } = before;
      if (isImmutable(role))
        throw new ApiHttpError('conflict', 'The built-in Administrator role cannot be changed.');
      if (role.builtIn && body.name !== undefined && body.name !== role.name) {
        throw new ApiHttpError('validation_failed', 'Built-in roles keep their names.', [
          { field: 'name', message: 'built-in roles cannot be renamed' },
        ]);
      }
      if (body.permissions) {
        const errors = permissionKindErrors(role.kind, body.permissions);
        if (errors.length > 0)
          throw new ApiHttpError('validation_failed', 'Some permissions do not fit this role.', errors);
      }
      requireDelegable(principal, [...role.permissions, ...(body.permissions ?? [])]);
      const updated = await keepingAnAdministrator(tx, () => roles.update(role.id, definedOnly(body)));
      if (!updated) throw notFound('role');
      const change = changedFields(role, updated, ['name', 'description', 'permissions']);
      if (change) await record({ action: 'role.update', target: { type: 'role', id: role.id }, ...change });
      return roleView({ role: updated, accountCount: before.accountCount });
    }),
  );

  on(deleteRole, ({ params, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const roles = createRoleRepository(tx);
      const existing = await roles.findById(params.id);
      if (!existing) throw notFound('role');
      if (existing.role.builtIn) throw new ApiHttpError('conflict', 'Built-in roles cannot be deleted.');
      requireDelegable(principal, existing.role.permissions);
      await keepingAnAdministrator(tx, () => roles.remove(existing.role.id));
      await record({
        action: 'role.delete',
        target: { type: 'role', id: existing.role.id },
        before: { ...auditedFields(existing.role), accountCount: existing.accountCount },
      });
      return null;
    }),
  );
}
