import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, nameSchema, queryFlagSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

export const AGENT_LICENCE_TYPES = ['named', 'concurrent'] as const;

/** A desk agent (a member of staff). */
export const agentSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  email: z.string().nullable(),
  userPrincipalName: z.string().nullable(),
  licenceType: z.enum(AGENT_LICENCE_TYPES),
  inactive: z.boolean(),
  lineManagerId: idSchema.nullable(),
  /** Linked to a Microsoft Entra user of the MSP's own tenant. */
  linked: z.boolean(),
  /** The agent's sign-in account, if it has one (see /api/accounts for its roles). */
  accountId: idSchema.nullable(),
  lastSignInAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type AgentView = z.infer<typeof agentSchema>;

export const agentListQuerySchema = listQuerySchema.extend({
  search: listQuerySchema.shape.search.describe('Start of the display name or email, any case'),
  sort: z.enum(['displayName', '-displayName']).optional(),
  inactive: queryFlagSchema.optional().describe('true: only inactive agents; false: only active ones'),
});

export const agentChangesSchema = z.object({
  displayName: nameSchema('displayName', 256).optional(),
  email: z
    .email('email must be an email address, such as ada@example.com')
    .max(254, 'email must be at most 254 characters')
    .nullable()
    .optional(),
  licenceType: z.enum(AGENT_LICENCE_TYPES, 'licenceType must be named or concurrent').optional(),
  inactive: z.boolean().optional(),
  lineManagerId: idSchema.nullable().optional().describe('Another agent; null clears it'),
});

export const listAgents = defineEndpoint({
  method: 'GET',
  path: '/api/agents',
  access: { permission: 'agents.read' },
  summary: 'List agents',
  tags: ['agents'],
  query: agentListQuerySchema,
  response: pageSchema(agentSchema),
});

export const getAgent = defineEndpoint({
  method: 'GET',
  path: '/api/agents/:id',
  access: { permission: 'agents.read' },
  summary: 'One agent',
  tags: ['agents'],
  params: idParamsSchema,
  response: agentSchema,
});

export const updateAgent = defineEndpoint({
  method: 'PATCH',
  path: '/api/agents/:id',
  access: { permission: 'agents.write' },
  summary: "Edit an agent's basic fields",
  tags: ['agents'],
  params: idParamsSchema,
  body: agentChangesSchema,
  response: agentSchema,
});
