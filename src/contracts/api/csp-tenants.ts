import { z } from 'zod';
import { redirectResponseSchema } from './auth.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, nameSchema, queryFlagSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * The Tenants tab of a CSP connection (guide 002 "Tenants"): the customer tenants the partner
 * reaches, their mapping to desk customers, admin consent for the GDAP app, and the tenant settings.
 * Every endpoint needs `integrations.csp.configure`.
 */
const ACCESS = { permission: 'integrations.csp.configure' } as const;
const TAGS = ['csp'];

export const CSP_TENANT_RELATIONSHIP_TYPES = ['gdapAndDap', 'gdapOnly'] as const;
export const CSP_TENANT_LICENCE_IMPORT_TYPES = ['skus', 'subscriptions', 'both'] as const;

const relationshipTypeSchema = z.enum(
  CSP_TENANT_RELATIONSHIP_TYPES,
  'relationshipType must be gdapAndDap (GDAP and DAP) or gdapOnly (GDAP only)',
);
const licenceImportTypeSchema = z.enum(
  CSP_TENANT_LICENCE_IMPORT_TYPES,
  'licenceImportType must be skus, subscriptions or both',
);

/** A rule the users import will use: people of `tenantId` go to `siteId` of `customerId`. */
export const cspSiteMappingRuleSchema = z.object({
  tenantId: idSchema,
  customerId: idSchema,
  siteId: idSchema,
});

/** The connection's tenant settings (kept in the connection's settings under `tenants`). */
export const cspTenantSettingsSchema = z.object({
  /** Guide 002 "Status of Tenant Relationships". */
  relationshipType: relationshipTypeSchema.default('gdapAndDap'),
  /** Add the tenant id of every tenant mapped to a customer to the sign-in allow-list. */
  addTenantsToSsoAllowList: z.boolean().default(false),
  /** When a tenant is assigned to a customer, record a site-mapping rule to that customer's default site. */
  createSiteMappingOnAssign: z.boolean().default(false),
  /** Integrator runs only: a new tenant with no mapping becomes a new customer (unless it would duplicate one). */
  createCustomersFromNewTenants: z.boolean().default(false),
});
export type CspTenantSettings = z.infer<typeof cspTenantSettingsSchema>;

export const cspTenantSettingsViewSchema = cspTenantSettingsSchema.extend({
  siteMappingRules: z.array(cspSiteMappingRuleSchema),
});

const explanationSchema = z.object({ code: z.string(), message: z.string(), fix: z.string() });

export const cspSuggestionSchema = z.object({
  customerId: idSchema,
  customerName: z.string(),
  basis: z.enum(['domain', 'name']),
  reason: z.string(),
});

export const cspTenantViewSchema = z.object({
  tenantId: idSchema,
  name: z.string(),
  defaultDomain: z.string().nullable(),
  resellerRelationship: z.boolean(),
  relationships: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      status: z.string(),
      startAt: z.string().nullable(),
      endAt: z.string().nullable(),
      autoExtends: z.boolean(),
      roles: z.array(z.string()).describe('Role names (ids where the name is unknown)'),
    }),
  ),
  gdap: z.object({
    state: z.enum(['none', 'pending', 'active', 'expiring', 'expired']),
    endsAt: z.string().nullable(),
    daysLeft: z.number().int().nullable(),
    roles: z.array(z.string()),
  }),
  consent: z.object({
    state: z.enum(['unknown', 'granted', 'failed']),
    checkedAt: timestampSchema.nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  }),
  mapping: z
    .object({
      customerId: idSchema.nullable(),
      customerName: z.string().nullable(),
      doNotImport: z.boolean(),
      relationshipType: relationshipTypeSchema.nullable(),
      licenceImportType: licenceImportTypeSchema.nullable(),
      excludeFromIntune: z.boolean(),
    })
    .nullable(),
  /** Unmapped tenants only: customers it probably belongs to, for a person to confirm. */
  suggestions: z.array(cspSuggestionSchema),
  firstSeenAt: timestampSchema,
  lastSyncAt: timestampSchema.nullable(),
  removedAt: timestampSchema.nullable(),
  lastError: z.record(z.string(), z.unknown()).nullable(),
});
export type CspTenantView = z.infer<typeof cspTenantViewSchema>;

const tenantParamsSchema = z.object({ id: idSchema, tenantId: idSchema });

export const listCspTenants = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id/tenants',
  access: ACCESS,
  summary: "A CSP connection's customer tenants with relationships, consent, mapping and suggestions",
  tags: TAGS,
  params: idParamsSchema,
  query: listQuerySchema.omit({ sort: true }).extend({
    includeRemoved: queryFlagSchema.optional().describe('Also tenants the partner no longer reaches'),
  }),
  response: pageSchema(cspTenantViewSchema),
});

export const cspTenantsSyncResultSchema = z.object({
  runId: idSchema,
  status: z.enum(['succeeded', 'failed']),
  counts: z.record(z.string(), z.number().int()),
  error: explanationSchema.partial({ fix: true }).nullable(),
  tenantErrors: z.array(z.object({ tenantId: idSchema, error: explanationSchema.partial({ fix: true }) })),
});

export const syncCspTenants = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections/:id/tenants/sync',
  access: ACCESS,
  summary: 'Sync tenants now: read Partner Center and GDAP and refresh the tenant list',
  tags: TAGS,
  params: idParamsSchema,
  response: cspTenantsSyncResultSchema,
});

export const getCspTenantSettings = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id/tenant-settings',
  access: ACCESS,
  summary: "A CSP connection's tenant settings (defaults until saved)",
  tags: TAGS,
  params: idParamsSchema,
  response: cspTenantSettingsViewSchema,
});

export const updateCspTenantSettings = defineEndpoint({
  method: 'PUT',
  path: '/api/csp/connections/:id/tenant-settings',
  access: ACCESS,
  summary: "Change a CSP connection's tenant settings",
  tags: TAGS,
  params: idParamsSchema,
  body: cspTenantSettingsSchema,
  response: cspTenantSettingsViewSchema,
});

/** Where a tenant goes: an existing customer, *Do not import*, or a new customer made from it. */
export const cspMappingTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('customer'), customerId: idSchema }),
    z.object({ kind: z.literal('doNotImport') }),
    z.object({
      kind: z.literal('newCustomer'),
      name: nameSchema('name').optional().describe("Default: the tenant's name"),
      /** Create it although a customer with the same name or domain exists (guide 002's duplicate warning). */
      confirmDuplicate: z.boolean().default(false),
    }),
  ],
  'target.kind must be customer, doNotImport or newCustomer',
);

export const saveCspTenantMapping = defineEndpoint({
  method: 'PUT',
  path: '/api/csp/connections/:id/tenants/:tenantId/mapping',
  access: ACCESS,
  summary: 'Map a tenant to a customer (or Do not import), with its overrides',
  tags: TAGS,
  params: tenantParamsSchema,
  body: z.object({
    target: cspMappingTargetSchema,
    relationshipType: relationshipTypeSchema.nullable().default(null),
    licenceImportType: licenceImportTypeSchema.nullable().default(null),
    excludeFromIntune: z.boolean().default(false),
  }),
  response: z.object({ tenant: cspTenantViewSchema, notes: z.array(z.string()) }),
});

export const deleteCspTenantMapping = defineEndpoint({
  method: 'DELETE',
  path: '/api/csp/connections/:id/tenants/:tenantId/mapping',
  access: ACCESS,
  summary: "Remove a tenant's mapping (nothing is imported for it until mapped again)",
  tags: TAGS,
  params: tenantParamsSchema,
  response: z.undefined(),
  status: 204,
});

export const CSP_CONSENT_CALLBACK_PATH = '/api/csp/tenants/consent-callback';

export const startCspTenantConsent = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections/:id/tenants/:tenantId/consent',
  access: ACCESS,
  summary: "Grant admin consent: the consent URL for a native administrator of the customer's tenant",
  tags: TAGS,
  params: tenantParamsSchema,
  response: z.object({ consentUrl: z.url(), redirectUri: z.url() }),
});

export const cspTenantConsentCallback = defineEndpoint({
  method: 'GET',
  path: CSP_CONSENT_CALLBACK_PATH,
  access: ACCESS,
  summary: 'Where Microsoft sends the browser back after admin consent (records it, redirects to the tab)',
  tags: TAGS,
  query: z.object({
    admin_consent: z.string().max(10).optional(),
    tenant: z.string().max(100).optional(),
    state: z.string().max(2048).optional(),
    scope: z.string().max(4096).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(4096).optional(),
  }),
  response: redirectResponseSchema,
});

export const testCspTenantAccess = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections/:id/tenants/:tenantId/test',
  access: ACCESS,
  summary: "Test access: a token for the GDAP app in the customer's tenant, then read its organisation",
  tags: TAGS,
  params: tenantParamsSchema,
  response: z.object({
    ok: z.boolean(),
    organisation: z.string().nullable(),
    problem: explanationSchema.nullable(),
    tenant: cspTenantViewSchema,
  }),
});
