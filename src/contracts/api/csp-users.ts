import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import {
  configProblemsResponseSchema,
  IMPORT_CONFIG_BODY_LIMIT,
  importConfigViewSchema,
  saveImportConfigSchema,
  savedImportConfigSchema,
  validateImportConfigBodySchema,
} from './entra-import.js';
import { idParamsSchema, idSchema } from './fields.js';

/**
 * The import configuration of a CSP connection (guide 002 "Users"): the import of every mapped
 * customer tenant's users, through the same configuration (and the same shapes) as an Entra
 * connection, where a site mapping may name the tenants it applies to. Every endpoint needs
 * `integrations.csp.configure`.
 */
const ACCESS = { permission: 'integrations.csp.configure' } as const;

export const generateCspMappingsRequestSchema = z.object({
  /**
   * The import configuration's version read: 409 when someone saved since (0 before the first
   * save). Optional: generating only adds mappings for tenants none names, so without it they are
   * added to whatever is stored now.
   */
  expectedVersion: z.number().int().min(0).optional(),
});

export const generateCspMappingsResponseSchema = z.object({
  /** The configuration's version after the mappings were added (unchanged when none was). */
  version: z.number().int(),
  added: z.array(
    z.object({
      mappingId: idSchema,
      tenantId: idSchema,
      siteId: idSchema,
      description: z.string(),
    }),
  ),
});
export type GenerateCspMappingsResponse = z.infer<typeof generateCspMappingsResponseSchema>;

export const generateCspMappings = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections/:id/import-config/generate-mappings',
  access: ACCESS,
  summary:
    'Generate Mappings: one site mapping per mapped tenant (all its users to the customer’s main site), for tenants no mapping names yet',
  tags: ['csp'],
  params: idParamsSchema,
  body: generateCspMappingsRequestSchema,
  response: generateCspMappingsResponseSchema,
});

export const getCspImportConfig = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id/import-config',
  access: ACCESS,
  summary: "A CSP connection's import configuration (defaults when never saved)",
  tags: ['csp'],
  params: idParamsSchema,
  response: importConfigViewSchema,
});

export const validateCspImportConfig = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections/:id/import-config/validate',
  access: ACCESS,
  summary:
    'Check a configuration against the desk and the groups of each mapped tenant it applies to, without saving it',
  tags: ['csp'],
  params: idParamsSchema,
  body: validateImportConfigBodySchema,
  bodyLimit: IMPORT_CONFIG_BODY_LIMIT,
  response: configProblemsResponseSchema,
});

export const saveCspImportConfig = defineEndpoint({
  method: 'PUT',
  path: '/api/csp/connections/:id/import-config',
  access: ACCESS,
  summary: "Save a CSP connection's import configuration (validated first; JSON import uses this too)",
  tags: ['csp'],
  params: idParamsSchema,
  body: saveImportConfigSchema,
  bodyLimit: IMPORT_CONFIG_BODY_LIMIT,
  response: savedImportConfigSchema,
});

/** A tenant a site mapping's tenant filter may name: one mapped to a desk customer. */
export const cspImportTenantSchema = z.object({
  tenantId: idSchema,
  name: z.string(),
  defaultDomain: z.string().nullable(),
  customerName: z.string().nullable(),
});
export type CspImportTenant = z.infer<typeof cspImportTenantSchema>;

export const listCspImportTenants = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id/import-config/tenants',
  access: ACCESS,
  summary: "The tenants this connection imports (mapped to a customer), for a site mapping's tenant filter",
  tags: ['csp'],
  params: idParamsSchema,
  response: z.object({ items: z.array(cspImportTenantSchema) }),
});
