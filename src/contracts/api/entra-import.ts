import { z } from 'zod';
import {
  deactivationGuardSchema,
  entraImportConfigSchema,
  PLAN_OUTCOMES,
  planSummarySchema,
  plannedUserSchema,
} from '../entra/index.js';
import { connectionLogEndpoints } from './connection-logs.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * The import side of an Entra connection (guide 001 "Agent/User Import Configuration", "Imports"):
 * its configuration, preview ("Import Users" / "Import Agents"), apply, runs and inbound log.
 * Reading needs a read grant on the connection (or integrations.entra.configure); changing needs modify.
 */

/**
 * Per-connection routes are open to agents at the contract level; the handler then requires
 * `read` or `modify` on the connection (`requireConnectionAccess`): configure-permission holders
 * have both on every Entra connection, other agents what their grant says, and agents without a
 * grant get 404 (docs/access-control.md).
 */
const CONNECTION_SCOPED = { signedIn: 'agent' } as const;

export const IMPORT_MODULES = ['users', 'agents'] as const;
const moduleSchema = z.enum(IMPORT_MODULES, 'module must be users or agents');

/** A configuration problem: `error`s refuse the save; `warning`s are shown with suggestions. */
export const configProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  field: z.string().describe('Dotted path in the configuration, e.g. siteMappings.2.groupName'),
  message: z.string(),
  suggestions: z.array(z.string()),
});
export type ConfigProblem = z.infer<typeof configProblemSchema>;

export const importConfigViewSchema = z.object({
  connectionId: idSchema,
  /** 0 until first saved (the defaults are shown). Send it back when saving. */
  version: z.number().int(),
  updatedAt: timestampSchema.nullable(),
  config: entraImportConfigSchema,
});

/**
 * A whole configuration fits: 5,000 site mappings (a partner's generated ones) run to about 2 MiB
 * of JSON, past the server's 1 MiB default.
 */
export const IMPORT_CONFIG_BODY_LIMIT = 8 * 1024 * 1024;

export const saveImportConfigSchema = z.object({
  /** The version read; a save over a newer version is refused (someone else saved meanwhile). */
  expectedVersion: z.number().int().min(0),
  config: entraImportConfigSchema,
  /** Save although warnings (not errors) were found. */
  acceptWarnings: z.boolean().default(false),
});

/** What "validate" takes: a configuration to check without saving it. */
export const validateImportConfigBodySchema = z.object({ config: entraImportConfigSchema });

/** What "validate" answers: every problem found, errors and warnings. */
export const configProblemsResponseSchema = z.object({ problems: z.array(configProblemSchema) });

/** What a save answers: the configuration as stored now, with the warnings it was saved with. */
export const savedImportConfigSchema = importConfigViewSchema.extend({
  problems: z.array(configProblemSchema),
});

export const getImportConfig = defineEndpoint({
  method: 'GET',
  path: '/api/entra/connections/:id/import-config',
  access: CONNECTION_SCOPED,
  summary: "A connection's import configuration (defaults when never saved)",
  tags: ['entra'],
  params: idParamsSchema,
  response: importConfigViewSchema,
});

export const validateImportConfig = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections/:id/import-config/validate',
  access: CONNECTION_SCOPED,
  summary: 'Check a configuration against the desk and the tenant without saving it',
  tags: ['entra'],
  params: idParamsSchema,
  body: validateImportConfigBodySchema,
  bodyLimit: IMPORT_CONFIG_BODY_LIMIT,
  response: configProblemsResponseSchema,
});

export const saveImportConfig = defineEndpoint({
  method: 'PUT',
  path: '/api/entra/connections/:id/import-config',
  access: CONNECTION_SCOPED,
  summary: "Save a connection's import configuration (validated first; JSON import uses this too)",
  tags: ['entra'],
  params: idParamsSchema,
  body: saveImportConfigSchema,
  bodyLimit: IMPORT_CONFIG_BODY_LIMIT,
  response: savedImportConfigSchema,
});

export const tenantPlanSchema = z.object({
  tenantId: idSchema,
  runId: idSchema,
  status: z.enum(['succeeded', 'previewed', 'stopped', 'changed', 'failed']),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  summary: planSummarySchema.nullable(),
  guard: deactivationGuardSchema.nullable(),
  warnings: z.array(z.string()),
  /** Send back with apply: the apply re-plans and refuses when the decisions differ. */
  fingerprint: z.string().nullable(),
  graphRequests: z.number().int(),
});

export const importRunRequestSchema = z.object({
  module: moduleSchema,
  tenantId: idSchema.optional().describe('One tenant of the connection; default every tenant'),
  fingerprint: z.string().max(200).optional().describe("The preview's fingerprint: apply exactly that plan"),
  confirmMassDeactivation: z.boolean().default(false),
});

export const previewImport = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections/:id/preview',
  access: CONNECTION_SCOPED,
  summary: 'Import Users / Import Agents: read the tenant and plan, writing nothing',
  tags: ['entra'],
  params: idParamsSchema,
  body: importRunRequestSchema.pick({ module: true, tenantId: true }),
  response: z.object({ previewId: idSchema, tenants: z.array(tenantPlanSchema) }),
});

export const previewItemsQuerySchema = listQuerySchema.extend({
  outcome: z.enum(PLAN_OUTCOMES).optional(),
  reasonCode: z.string().max(100).optional(),
});

export const listPreviewItems = defineEndpoint({
  method: 'GET',
  path: '/api/entra/previews/:id/items',
  access: CONNECTION_SCOPED,
  summary: "A preview's decisions, filtered by outcome or reason, searched by name or id, paged",
  tags: ['entra'],
  params: idParamsSchema,
  query: previewItemsQuerySchema,
  response: pageSchema(plannedUserSchema),
});

export const exportPreviewItems = defineEndpoint({
  method: 'GET',
  path: '/api/entra/previews/:id/items.csv',
  access: CONNECTION_SCOPED,
  summary: "A preview's decisions as CSV (same filters as the list)",
  tags: ['entra'],
  params: idParamsSchema,
  query: previewItemsQuerySchema.omit({ cursor: true, limit: true, sort: true }),
  response: z.string().describe('text/csv; RFC 4180; formula-like cells are quoted'),
});

export const applyImport = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections/:id/apply',
  access: CONNECTION_SCOPED,
  summary: 'Apply an import (re-plans; refuses when the plan changed since the preview)',
  tags: ['entra'],
  params: idParamsSchema,
  body: importRunRequestSchema,
  response: z.object({ tenants: z.array(tenantPlanSchema) }),
});

/** Runs and Inbound Requests: the same for every kind of connection (connection-logs.ts). */
export { inboundLogEntrySchema, syncRunSchema } from './connection-logs.js';

export const { listRuns: listSyncRuns, listInbound: listInboundLog } = connectionLogEndpoints({
  kind: 'entra',
  basePath: '/api/entra/connections',
  access: CONNECTION_SCOPED,
  tags: ['entra'],
});

export const getPreview = defineEndpoint({
  method: 'GET',
  path: '/api/entra/previews/:id',
  access: CONNECTION_SCOPED,
  summary: 'A preview again: its connection, module and per-tenant summary (kept 30 minutes)',
  tags: ['entra'],
  params: idParamsSchema,
  response: z.object({
    previewId: idSchema,
    connectionId: idSchema,
    module: moduleSchema,
    createdAt: timestampSchema,
    tenants: z.array(tenantPlanSchema),
  }),
});

export const reviewSchema = z.object({
  id: idSchema,
  tenantId: idSchema,
  module: z.string(),
  entraId: z.string(),
  displayName: z.string(),
  candidates: z.array(idSchema).describe('Desk records that matched equally'),
  reason: z.string(),
  createdAt: timestampSchema,
});

export const listReviews = defineEndpoint({
  method: 'GET',
  path: '/api/entra/connections/:id/reviews',
  access: CONNECTION_SCOPED,
  summary: 'The review list: Entra users an import would not guess about (two matching desk records)',
  tags: ['entra'],
  params: idParamsSchema,
  query: listQuerySchema.pick({ cursor: true, limit: true }).extend({ module: moduleSchema.optional() }),
  response: pageSchema(reviewSchema),
});
