import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema } from './fields.js';

/**
 * The Users tab of a CSP connection (guide 002 "Users"): the import of every mapped customer
 * tenant's users, through the same import configuration as an Entra connection. Every endpoint
 * needs `integrations.csp.configure`.
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
