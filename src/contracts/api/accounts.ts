import { z } from 'zod';
import { permissionSchema } from '../permissions.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, queryFlagSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';
import { ROLE_KINDS } from './roles.js';

/** A sign-in account (an agent's or a portal user's) with its roles; never a password hash. */
export const accountSchema = z.object({
  id: idSchema,
  kind: z.enum(ROLE_KINDS),
  email: z.string(),
  displayName: z.string(),
  agentId: idSchema.nullable(),
  deskUserId: idSchema.nullable(),
  /** The portal user's customer; null for agents. */
  customerId: idSchema.nullable(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  ssoLinked: z.boolean(),
  lockedUntil: timestampSchema.nullable(),
  lastLoginAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  roles: z.array(z.object({ id: idSchema, name: z.string(), kind: z.enum(ROLE_KINDS) })),
  /** The union of the roles' permissions. */
  permissions: z.array(permissionSchema),
});
export type AccountView = z.infer<typeof accountSchema>;

export const accountListQuerySchema = listQuerySchema.omit({ sort: true }).extend({
  search: listQuerySchema.shape.search.describe('Start of the email or display name, any case'),
  kind: z.enum(ROLE_KINDS).optional(),
  customerId: idSchema.optional().describe('Portal accounts of this customer'),
  disabled: queryFlagSchema.optional(),
});

export const accountRolesSchema = z.object({
  roleIds: z
    .array(idSchema)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'roleIds must not repeat a role'),
});

export const accountChangesSchema = z.object({
  disabled: z.boolean().optional().describe('A disabled account cannot sign in; its sessions end at once'),
});

export const listAccounts = defineEndpoint({
  method: 'GET',
  path: '/api/accounts',
  access: { permission: 'agents.read' },
  summary: 'List sign-in accounts with their roles',
  tags: ['access'],
  query: accountListQuerySchema,
  response: pageSchema(accountSchema),
});

export const getAccount = defineEndpoint({
  method: 'GET',
  path: '/api/accounts/:id',
  access: { permission: 'agents.read' },
  summary: 'One sign-in account with its roles',
  tags: ['access'],
  params: idParamsSchema,
  response: accountSchema,
});

export const setAccountRoles = defineEndpoint({
  method: 'PUT',
  path: '/api/accounts/:id/roles',
  access: { permission: 'agents.write' },
  summary: "Replace an account's roles",
  tags: ['access'],
  params: idParamsSchema,
  body: accountRolesSchema,
  response: accountSchema,
});

export const updateAccount = defineEndpoint({
  method: 'PATCH',
  path: '/api/accounts/:id',
  access: { permission: 'agents.write' },
  summary: 'Enable or disable an account',
  tags: ['access'],
  params: idParamsSchema,
  body: accountChangesSchema,
  response: accountSchema,
});
