import { z } from 'zod';
import { PERMISSIONS, permissionSchema, type Permission } from '../permissions.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, nameSchema, timestampSchema } from './fields.js';

export const ROLE_KINDS = ['agent', 'portal'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/** A role: a named set of permissions held by agents or by portal users. */
export const roleSchema = z.object({
  id: idSchema,
  kind: z.enum(ROLE_KINDS),
  name: z.string(),
  description: z.string(),
  permissions: z.array(permissionSchema),
  builtIn: z.boolean(),
  /** False for the built-in Administrator role, which nobody can change or delete. */
  editable: z.boolean(),
  /** Built-in roles cannot be deleted (sign-in relies on them). */
  deletable: z.boolean(),
  accountCount: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type RoleView = z.infer<typeof roleSchema>;

function kindMismatches(kind: RoleKind, permissions: readonly Permission[]) {
  return permissions.flatMap((permission, index) => {
    const holder = PERMISSIONS[permission].kind;
    if (holder === kind) return [];
    const who = holder === 'agent' ? 'agents' : 'portal users';
    return [{ index, message: `"${permission}" is a permission for ${who}; a ${kind} role cannot hold it` }];
  });
}

/**
 * Field errors for permissions a role of `kind` cannot hold (a portal permission in an agent role
 * or the reverse), at `permissions.<index>`.
 */
export function permissionKindErrors(
  kind: RoleKind,
  permissions: readonly Permission[],
): { field: string; message: string }[] {
  return kindMismatches(kind, permissions).map(({ index, message }) => ({
    field: `permissions.${index}`,
    message,
  }));
}

const permissionsSchema = z
  .array(permissionSchema)
  .max(Object.keys(PERMISSIONS).length)
  .refine((list) => new Set(list).size === list.length, 'permissions must not repeat a permission');

const descriptionSchema = z.string().trim().max(500, 'description must be at most 500 characters');

export const roleCreateSchema = z
  .object({
    kind: z.enum(ROLE_KINDS, 'kind must be agent or portal'),
    name: nameSchema('name', 100),
    description: descriptionSchema.default(''),
    permissions: permissionsSchema,
  })
  .superRefine((role, ctx) => {
    for (const { index, message } of kindMismatches(role.kind, role.permissions)) {
      ctx.addIssue({ code: 'custom', path: ['permissions', index], message });
    }
  });

export const roleChangesSchema = z.object({
  name: nameSchema('name', 100).optional(),
  description: descriptionSchema.optional(),
  permissions: permissionsSchema.optional(),
});

export const listRoles = defineEndpoint({
  method: 'GET',
  path: '/api/roles',
  access: { permission: 'agents.read' },
  summary: 'List roles (agent and portal)',
  tags: ['access'],
  response: z.object({ items: z.array(roleSchema) }),
});

export const getRole = defineEndpoint({
  method: 'GET',
  path: '/api/roles/:id',
  access: { permission: 'agents.read' },
  summary: 'One role',
  tags: ['access'],
  params: idParamsSchema,
  response: roleSchema,
});

export const createRole = defineEndpoint({
  method: 'POST',
  path: '/api/roles',
  access: { permission: 'agents.write' },
  summary: 'Create a role',
  tags: ['access'],
  body: roleCreateSchema,
  response: roleSchema,
  status: 201,
});

export const updateRole = defineEndpoint({
  method: 'PATCH',
  path: '/api/roles/:id',
  access: { permission: 'agents.write' },
  summary: "Rename a role or change its permissions (not the built-in Administrator's)",
  tags: ['access'],
  params: idParamsSchema,
  body: roleChangesSchema,
  response: roleSchema,
});

export const deleteRole = defineEndpoint({
  method: 'DELETE',
  path: '/api/roles/:id',
  access: { permission: 'agents.write' },
  summary: 'Delete a role that is not built in (its holders lose it)',
  tags: ['access'],
  params: idParamsSchema,
  response: z.null(),
  status: 204,
});
