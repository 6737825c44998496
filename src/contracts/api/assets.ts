import { z } from 'zod';
import type { PermissionOrGrant } from '../permissions.js';
import { assetImportConfigSchema } from './assets-config.js';
import { defineEndpoint } from './endpoint.js';
import { configProblemSchema } from './entra-import.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * Intune devices as desk assets (guide 002 "Assets"): a connection's asset import configuration,
 * "Run now", and the desk's asset lists. See docs/assets.md.
 */

/**
 * Who configures or runs a connection's asset import: the configure permission of its kind, or a
 * grant on an Entra connection (the handler then checks read/modify on the connection itself).
 */
export const ASSET_CONFIG_EDITORS: PermissionOrGrant = {
  permissions: ['integrations.entra.configure', 'integrations.csp.configure'],
  orGrantOn: 'entra',
};

const CONNECTION_SCOPED = { signedIn: 'agent' } as const;

export const assetConfigViewSchema = z.object({
  connectionId: idSchema,
  connectionKind: z.enum(['entra', 'csp']),
  /** 0 until first saved (the defaults are shown). Send it back when saving. */
  version: z.number().int(),
  updatedAt: timestampSchema.nullable(),
  config: assetImportConfigSchema,
  /** Asset types and statuses the desk has, for the form's suggestions. */
  knownAssetTypes: z.array(z.string()),
  knownStatuses: z.array(z.string()),
});
export type AssetConfigView = z.infer<typeof assetConfigViewSchema>;

export const saveAssetConfigSchema = z.object({
  /** The version read; a save over a newer version is refused (someone else saved meanwhile). */
  expectedVersion: z.number().int().min(0),
  config: assetImportConfigSchema,
  /** Save although warnings (not errors) were found. */
  acceptWarnings: z.boolean().default(false),
});

export const getAssetConfig = defineEndpoint({
  method: 'GET',
  path: '/api/connections/:id/asset-config',
  access: CONNECTION_SCOPED,
  alsoRequires: ASSET_CONFIG_EDITORS,
  summary: "A connection's asset (Intune) import configuration (defaults when never saved)",
  tags: ['assets'],
  params: idParamsSchema,
  response: assetConfigViewSchema,
});

export const validateAssetConfig = defineEndpoint({
  method: 'POST',
  path: '/api/connections/:id/asset-config/validate',
  access: CONNECTION_SCOPED,
  alsoRequires: ASSET_CONFIG_EDITORS,
  summary: 'Check an asset import configuration against the desk without saving it',
  tags: ['assets'],
  params: idParamsSchema,
  body: z.object({ config: assetImportConfigSchema }),
  response: z.object({ problems: z.array(configProblemSchema) }),
});

export const saveAssetConfig = defineEndpoint({
  method: 'PUT',
  path: '/api/connections/:id/asset-config',
  access: CONNECTION_SCOPED,
  alsoRequires: ASSET_CONFIG_EDITORS,
  summary: "Save a connection's asset import configuration (validated first)",
  tags: ['assets'],
  params: idParamsSchema,
  body: saveAssetConfigSchema,
  response: assetConfigViewSchema.extend({ problems: z.array(configProblemSchema) }),
});

/** What one tenant's asset run did. */
export const assetRunResultSchema = z.object({
  tenantId: idSchema,
  /** Null when the tenant was skipped (excluded from Intune, do not import, not mapped). */
  runId: idSchema.nullable(),
  status: z.enum(['succeeded', 'failed', 'skipped']),
  counts: z.record(z.string(), z.number().int()),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  graphRequests: z.number().int(),
});
export type AssetRunResult = z.infer<typeof assetRunResultSchema>;

export const runAssets = defineEndpoint({
  method: 'POST',
  path: '/api/connections/:id/assets/run',
  access: CONNECTION_SCOPED,
  alsoRequires: ASSET_CONFIG_EDITORS,
  summary: 'Import Managed Devices now: every tenant of the connection, or the ones named',
  tags: ['assets'],
  params: idParamsSchema,
  body: z.object({ tenantIds: z.array(idSchema).max(1000).optional() }),
  response: z.object({ results: z.array(assetRunResultSchema) }),
});

export const assetSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  customerName: z.string(),
  siteId: idSchema,
  siteName: z.string(),
  deskUserId: idSchema.nullable(),
  deskUserName: z.string().nullable(),
  assetType: z.string(),
  status: z.string(),
  name: z.string(),
  serialNumber: z.string().nullable(),
  matchKey: z.string().nullable(),
  source: z.string(),
  connectionId: idSchema.nullable(),
  tenantId: idSchema.nullable(),
  intuneDeviceId: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  lastSeenAt: timestampSchema.nullable(),
  /** When the device was no longer in Intune (null while it is). */
  removedAt: timestampSchema.nullable(),
  updatedAt: timestampSchema,
});
export type AssetView = z.infer<typeof assetSchema>;

export const assetListQuerySchema = listQuerySchema.extend({
  customerId: idSchema.optional(),
  /** Include assets whose device was deleted from Intune (default: yes). */
  removed: z.enum(['include', 'exclude', 'only']).default('include'),
});

export const listAssets = defineEndpoint({
  method: 'GET',
  path: '/api/assets',
  access: { permission: 'customers.read' },
  summary: 'Assets of every customer (or one), searched by name, serial number, user or type',
  tags: ['assets'],
  query: assetListQuerySchema,
  response: pageSchema(assetSchema),
});

export const listCustomerAssets = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id/assets',
  access: { permission: 'customers.read' },
  summary: "A customer's assets, searched by name, serial number, user or type",
  tags: ['assets'],
  params: idParamsSchema,
  query: assetListQuerySchema.omit({ customerId: true }),
  response: pageSchema(assetSchema),
});

export const getAsset = defineEndpoint({
  method: 'GET',
  path: '/api/assets/:id',
  access: { permission: 'customers.read' },
  summary: "An asset's detail: customer, site, user, type, status, fields and where it came from",
  tags: ['assets'],
  params: idParamsSchema,
  response: assetSchema,
});
