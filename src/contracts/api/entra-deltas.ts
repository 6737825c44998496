import { z } from 'zod';
import { DELTA_METHODS } from '../entra/mapping-config.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';

/**
 * Delta queries of an Entra connection (guide 001 "Delta Queries", guide 002 "Azure Deltas"):
 * where each tenant's users and agents rounds stand, what the chosen method cannot listen to, and
 * "Reset deltas" (clear or get latest), for all tenants or one.
 */
const CONNECTION_SCOPED = { signedIn: 'agent' } as const;
const moduleSchema = z.enum(['users', 'agents'], 'module must be users or agents');

export const deltaStatusSchema = z.object({
  enabled: z.boolean(),
  method: z.enum(DELTA_METHODS),
  /** Fields "only fields Rollcall uses" cannot listen to, and where the configuration uses them. */
  untracked: z.array(z.object({ field: z.string(), usedBy: z.array(z.string()) })),
  tenants: z.array(
    z.object({
      tenantId: idSchema,
      module: moduleSchema,
      /** `none`: the next run reads in full; `links`: it reads changes; `latest`: it takes links from now. */
      position: z.enum(['none', 'links', 'latest']),
      updatedAt: timestampSchema.nullable(),
    }),
  ),
});

export const getDeltaStatus = defineEndpoint({
  method: 'GET',
  path: '/api/entra/connections/:id/deltas',
  access: CONNECTION_SCOPED,
  summary: "Where a connection's delta rounds stand per tenant and module",
  tags: ['entra'],
  params: idParamsSchema,
  response: deltaStatusSchema,
});

export const resetDeltasSchema = z.object({
  /**
   * `clear`: the next run reads every user and makes records of users no longer there inactive;
   * `latest`: the next run starts from now, skipping changes since the last run.
   */
  mode: z.enum(
    ['clear', 'latest'],
    'mode must be clear (read every user next time) or latest (start from now)',
  ),
  tenantId: idSchema.optional().describe('One tenant of the connection; default every tenant'),
  module: moduleSchema.optional().describe('users or agents; default both'),
});

export const resetDeltas = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections/:id/deltas/reset',
  access: CONNECTION_SCOPED,
  summary: 'Reset delta checkpoints: clear (full read next time) or get latest (skip history)',
  tags: ['entra'],
  params: idParamsSchema,
  body: resetDeltasSchema,
  response: z.object({ reset: z.number().int(), status: deltaStatusSchema }),
});
