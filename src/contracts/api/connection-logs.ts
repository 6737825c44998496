import { z } from 'zod';
import type { Access } from '../permissions.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';
import { INTEGRATOR_MODULES, MODULES_OF_KIND, type IntegratorModule } from './integrator.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * A connection's Runs and Inbound Requests (guide 002: "changes from Microsoft to Halo"), the same
 * for every kind of connection: each kind defines its two endpoints with
 * {@link connectionLogEndpoints} under its own path and access rule.
 */

export type LogConnectionKind = keyof typeof MODULES_OF_KIND;

const tenantNameSchema = z
  .string()
  .nullable()
  .describe("The tenant's name: the CSP customer's name, else the mapped desk customer's; null when unknown");

export const syncRunSchema = z.object({
  id: idSchema,
  connectionId: idSchema,
  tenantId: idSchema,
  tenantName: tenantNameSchema,
  module: z.string(),
  mode: z.string(),
  /** Why the run read the way it did, when news: delta.noCheckpoint, delta.tokenExpired, delta.queryChanged, delta.configChanged, delta.latest. */
  modeReason: z.string().nullable(),
  trigger: z.string(),
  dryRun: z.boolean(),
  status: z.string(),
  counts: z.record(z.string(), z.number()),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** What a person should know about a run that still succeeded, each with its fix. */
  warnings: z.array(z.string()),
  graphRequests: z.number().int(),
  startedAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
});
export type SyncRunView = z.infer<typeof syncRunSchema>;

export const inboundLogEntrySchema = z.object({
  id: z.number().int(),
  syncRunId: idSchema.nullable(),
  tenantId: idSchema,
  tenantName: tenantNameSchema,
  /** What the entry is about: user, agent, licence, subscription, cspTenant. */
  entityType: z.string(),
  externalId: z.string(),
  action: z.string(),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  occurredAt: timestampSchema,
});
export type InboundLogEntryView = z.infer<typeof inboundLogEntrySchema>;

function moduleSchema(kind: LogConnectionKind) {
  const modules: readonly IntegratorModule[] = MODULES_OF_KIND[kind];
  const message = `module must be one of ${modules.join(', ')}`;
  return z.enum(INTEGRATOR_MODULES, message).refine((m) => modules.includes(m), message);
}

/** The filters both logs share: one tenant, one module, paging. */
function logQuerySchema(kind: LogConnectionKind) {
  return listQuerySchema.pick({ cursor: true, limit: true }).extend({
    tenantId: idSchema.optional().describe('One tenant of the connection'),
    module: moduleSchema(kind).optional(),
  });
}

/** The Runs and Inbound Requests endpoints of one kind of connection. */
export function connectionLogEndpoints(options: {
  kind: LogConnectionKind;
  /** `/api/entra/connections`, `/api/csp/connections`. */
  basePath: string;
  access: Access;
  tags: string[];
}) {
  const { kind, basePath, access, tags } = options;
  const listRuns = defineEndpoint({
    method: 'GET',
    path: `${basePath}/:id/runs`,
    access,
    summary: "A connection's sync runs (previews, imports, scheduled runs), newest first",
    tags,
    params: idParamsSchema,
    query: logQuerySchema(kind),
    response: pageSchema(syncRunSchema),
  });
  const listInbound = defineEndpoint({
    method: 'GET',
    path: `${basePath}/:id/inbound`,
    access,
    summary: "Inbound Requests: every record a connection's syncs changed, with the reason, newest first",
    tags,
    params: idParamsSchema,
    query: logQuerySchema(kind).extend({
      search: listQuerySchema.shape.search.describe("Part of the record's name or Microsoft id"),
      syncRunId: idSchema.optional(),
      action: z
        .string()
        .max(50)
        .optional()
        .describe('create, update, deactivate, review, restore, remove, …'),
    }),
    response: pageSchema(inboundLogEntrySchema),
  });
  return { listRuns, listInbound };
}

/** The Runs / Inbound Requests list endpoints (the same shape for every kind). */
export type ListRunsEndpoint = ReturnType<typeof connectionLogEndpoints>['listRuns'];
export type ListInboundEndpoint = ReturnType<typeof connectionLogEndpoints>['listInbound'];
