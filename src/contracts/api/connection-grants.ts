import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema } from './fields.js';

export const CONNECTION_ACCESS_LEVELS = ['read', 'modify'] as const;

/**
 * Guide 001, "Control who can manage the Entra integration": an agent's access to one connection,
 * `read` or `modify` (read and modify its setup; never create connections or see others).
 */
export const connectionGrantSchema = z.object({
  accountId: idSchema,
  displayName: z.string(),
  email: z.string(),
  disabled: z.boolean(),
  access: z.enum(CONNECTION_ACCESS_LEVELS),
});

export const connectionGrantsSchema = z.object({
  connectionId: idSchema,
  grants: z.array(connectionGrantSchema),
});

export const connectionGrantsInputSchema = z.object({
  grants: z
    .array(
      z.object({
        accountId: idSchema,
        access: z.enum(CONNECTION_ACCESS_LEVELS, 'access must be read or modify'),
      }),
    )
    .max(500)
    .refine(
      (grants) => new Set(grants.map((g) => g.accountId)).size === grants.length,
      'grants must name each agent once',
    ),
});

export const getConnectionGrants = defineEndpoint({
  method: 'GET',
  path: '/api/connections/:id/grants',
  access: { permission: 'agents.write' },
  summary: 'Which agents may read or modify a connection',
  tags: ['access'],
  params: idParamsSchema,
  response: connectionGrantsSchema,
});

export const setConnectionGrants = defineEndpoint({
  method: 'PUT',
  path: '/api/connections/:id/grants',
  access: { permission: 'agents.write' },
  summary: "Replace a connection's access grants",
  tags: ['access'],
  params: idParamsSchema,
  body: connectionGrantsInputSchema,
  response: connectionGrantsSchema,
});
