import { z } from 'zod';
import { redirectResponseSchema } from './auth.js';
import { connectionLogEndpoints } from './connection-logs.js';
import { CSP_CHECKS, cspCommonErrorSchema } from './csp-common-errors.js';
import { defineEndpoint } from './endpoint.js';
import { LICENCE_IMPORT_TYPES } from './csp-licences.js';
import { PRICING_MARKETPLACES, pricingMarketplaceSchema } from './csp-pricing.js';
import { certificateInputSchema, microsoftProblemSchema, storedSecretSchema } from './entra-connections.js';
import { idParamsSchema, idSchema, nameSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

export * from './csp-common-errors.js';

/** Where Microsoft sends the partner user back after authorising the Partner Center app. */
export const CSP_CONNECTION_CALLBACK_PATH = '/api/csp/connections/callback';
/**
 * The redirect URI path the GDAP app registers: where Microsoft sends an administrator back after
 * granting the GDAP app admin consent in a customer tenant (the Tenants tab's consent callback,
 * `CSP_CONSENT_CALLBACK_PATH` of csp-tenants.ts; the two must stay equal).
 */
export const GDAP_APP_REDIRECT_PATH = '/api/csp/tenants/consent-callback';

/** The "Microsoft Partner Center" API (search for this id under "APIs my organization uses"). */
export const PARTNER_CENTER_API_ID = 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd';
export const MICROSOFT_GRAPH_API_ID = '00000003-0000-0000-c000-000000000000';
/**
 * The Partner API (`api.partner.microsoft.com`): guide 002's "Permissions for Subscription Pricing"
 * (Fig 7), needed only to import price sheets.
 */
export const PARTNER_API_ID = '4990cffe-04e8-4e8b-808a-1175604b879f';

/** How the GDAP app proves who it is in customer tenants (client credentials). */
export const GDAP_AUTH_METHODS = ['clientSecret', 'certificate'] as const;
export type GdapAuthMethod = (typeof GDAP_AUTH_METHODS)[number];

/** One API permission an app registration needs, as the setup screen lists it. */
export const cspPermissionSchema = z.object({
  api: z.enum(['Microsoft Partner Center', 'Microsoft Partner', 'Microsoft Graph']),
  /** Application (client) ID of the API, to search for under "APIs my organization uses". */
  apiId: z.string(),
  name: z.string(),
  type: z.enum(['delegated', 'application']),
  mandatory: z.boolean(),
  purpose: z.string(),
});
export type CspPermission = z.infer<typeof cspPermissionSchema>;

const graph = (name: string, purpose: string, mandatory = true): CspPermission => ({
  api: 'Microsoft Graph',
  apiId: MICROSOFT_GRAPH_API_ID,
  name,
  type: 'application',
  mandatory,
  purpose,
});

/** Guide 002 "Partner Centre Connection": the single-tenant app's API permissions. */
export const PARTNER_CENTER_APP_PERMISSIONS: readonly CspPermission[] = [
  {
    api: 'Microsoft Partner Center',
    apiId: PARTNER_CENTER_API_ID,
    name: 'user_impersonation',
    type: 'delegated',
    mandatory: true,
    purpose: 'Access Partner Center as the partner user who authorises: customers, subscriptions, licences',
  },
  {
    api: 'Microsoft Partner',
    apiId: PARTNER_API_ID,
    name: 'user_impersonation',
    type: 'delegated',
    mandatory: false,
    purpose:
      'Subscription pricing (direct partners): import the marketplace price sheet weekly; authorise again after adding it',
  },
  graph(
    'DelegatedAdminRelationship.Read.All',
    'Read the GDAP relationships of the partner tenant (customers, roles, end dates)',
  ),
];

/** Guide 002 "GDAP Connection": the multi-tenant app's Graph application permissions. */
export const GDAP_APP_PERMISSIONS: readonly CspPermission[] = [
  graph('User.Read.All', "Read customers' users"),
  graph('Group.Read.All', "Read customers' groups (site and role mappings)"),
  graph('Directory.Read.All', "Read customers' directory data (domains, roles)"),
  graph('Organization.Read.All', "Read customers' subscribed SKUs (licences)"),
  graph('DeviceManagementManagedDevices.Read.All', "Read customers' Intune devices (asset import)"),
  graph(
    'AuditLog.Read.All',
    'Import the last sign-in date (needs Entra ID P1 in the customer tenant)',
    false,
  ),
  graph(
    'PartnerBilling.Read.All',
    "Consumption billing: export the partner's Azure usage (mandatory only when Consumption Billing is enabled)",
    false,
  ),
];

const checkSchema = z.object({
  check: z.enum(CSP_CHECKS),
  label: z.string(),
  /** `skipped` when an earlier check it depends on failed. */
  status: z.enum(['ok', 'failed', 'skipped']),
  /** What was found (ok) or what went wrong (failed), in one sentence. */
  detail: z.string(),
  /** The error catalogue's explanation of the failure. */
  problem: microsoftProblemSchema.nullable(),
  /** The row of guide 002's common-errors table this failure is, with its fix. */
  commonError: cspCommonErrorSchema.nullable(),
});
export type CspCheck = z.infer<typeof checkSchema>;

/**
 * The result of "Authorise" (or "Check again"): `authorised` when every check passed; `failed`
 * otherwise, each failed check explained.
 */
export const cspAuthorisationSchema = z.object({
  status: z.enum(['authorised', 'failed']),
  checkedAt: timestampSchema,
  /** The partner user who signed in (UPN), when known. */
  signedInAs: z.string().nullable(),
  checks: z.array(checkSchema),
  message: z.string(),
});
export type CspAuthorisation = z.infer<typeof cspAuthorisationSchema>;

/** A CSP connection (one partner tenant, two app registrations) without its secrets. */
export const cspConnectionSchema = z.object({
  id: idSchema,
  kind: z.literal('csp'),
  name: z.string(),
  /** The partner's (CSP-enabled) tenant. */
  tenantId: idSchema,
  partnerCenterApp: z.object({
    clientId: z.string().nullable(),
    clientSecret: storedSecretSchema,
    /** Kept after a partner user authorised; renewed whenever Microsoft issues a new one. */
    refreshToken: storedSecretSchema,
  }),
  gdapApp: z.object({
    clientId: z.string().nullable(),
    authMethod: z.enum(GDAP_AUTH_METHODS),
    /** SHA-256 thumbprint (hex) of the certificate whose private key is stored. */
    certificateThumbprint: z.string().nullable(),
    clientSecret: storedSecretSchema,
    certificatePrivateKey: storedSecretSchema,
  }),
  inactive: z.boolean(),
  /** Guide 002 "Licence Import Type" for every tenant without its own (Tenants tab). */
  licenceImportType: z.enum(LICENCE_IMPORT_TYPES),
  /** Guide 002 "Subscription Pricing": the marketplace prices are imported from (GB by default). */
  pricingMarketplace: z.enum(PRICING_MARKETPLACES),
  lastAuthorisation: cspAuthorisationSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CspConnectionView = z.infer<typeof cspConnectionSchema>;

const appSetupSchema = z.object({
  /** What to choose under "Supported account types". */
  accountTypes: z.string(),
  /** Redirect URI to register (platform: Web). */
  redirectUri: z.string(),
  permissions: z.array(cspPermissionSchema),
});

/** One connection with what the setup screen shows for each app registration. */
export const cspConnectionDetailSchema = cspConnectionSchema.extend({
  setup: z.object({ partnerCenterApp: appSetupSchema, gdapApp: appSetupSchema }),
});
export type CspConnectionDetail = z.infer<typeof cspConnectionDetailSchema>;

const secretSchema = (field: string) =>
  z
    .string()
    .trim()
    .min(1, `${field} must not be empty`)
    .max(1024, `${field} must be at most 1024 characters`);

/** The fields of the connection form; secrets are write-only and kept as they are when left out. */
export const cspConnectionInputSchema = z.object({
  name: nameSchema('name', 200),
  tenantId: z.guid(
    "tenantId must be the partner tenant's Directory (tenant) ID: a GUID from the app registration overview",
  ),
  partnerCenterClientId: z.guid(
    "partnerCenterClientId must be the Partner Center app's Application (client) ID: a GUID",
  ),
  /** The Partner Center app's secret Value (not its Secret ID). Write-only. */
  partnerCenterClientSecret: secretSchema('partnerCenterClientSecret').optional(),
  gdapClientId: z.guid("gdapClientId must be the GDAP app's Application (client) ID: a GUID"),
  gdapAuthMethod: z
    .enum(GDAP_AUTH_METHODS, 'gdapAuthMethod must be clientSecret or certificate')
    .default('clientSecret'),
  /** The GDAP app's secret Value. Write-only. */
  gdapClientSecret: secretSchema('gdapClientSecret').optional(),
  gdapCertificate: certificateInputSchema.optional(),
  /**
   * What the licences module imports for each mapped tenant without its own setting: `skus` (every
   * subscribed SKU, the default), `subscriptions` (Partner Center subscriptions: direct-bill
   * partners only) or `both`. Left out: `skus` on create, unchanged on update.
   */
  licenceImportType: z
    .enum(
      LICENCE_IMPORT_TYPES,
      `licenceImportType must be one of ${LICENCE_IMPORT_TYPES.join(', ')} (skus: subscribed SKUs, the default)`,
    )
    .optional(),
  /**
   * The Partner Center marketplace the pricing module imports subscription prices from: GB (the
   * default), US, AU, CA or NZ. Left out: GB on create, unchanged on update.
   */
  pricingMarketplace: pricingMarketplaceSchema.optional(),
});
export type CspConnectionInput = z.input<typeof cspConnectionInputSchema>;
export type CspConnectionFields = z.output<typeof cspConnectionInputSchema>;

/** The GDAP credential field `method` cannot work without. */
export const GDAP_REQUIRED_SECRET: Record<GdapAuthMethod, 'gdapClientSecret' | 'gdapCertificate'> = {
  clientSecret: 'gdapClientSecret',
  certificate: 'gdapCertificate',
};

const TAGS = ['csp'];
const access = { permission: 'integrations.csp.configure' } as const;

export const listCspConnections = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections',
  access,
  summary: 'List and search Microsoft CSP (Partner Center) connections',
  tags: TAGS,
  query: listQuerySchema.extend({
    search: listQuerySchema.shape.search.describe('Start of the connection name, any case'),
    sort: z.enum(['name', '-name']).optional(),
  }),
  response: pageSchema(cspConnectionSchema),
});

export const createCspConnection = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections',
  access,
  summary: 'Connect a CSP partner tenant (Partner Center app and GDAP app)',
  tags: TAGS,
  body: cspConnectionInputSchema.superRefine((input, ctx) => {
    if (input.partnerCenterClientSecret === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['partnerCenterClientSecret'],
        message: 'partnerCenterClientSecret is required',
      });
    }
    const field = GDAP_REQUIRED_SECRET[input.gdapAuthMethod];
    if (input[field] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `${field} is required for ${input.gdapAuthMethod}`,
      });
    }
  }),
  response: cspConnectionDetailSchema,
  status: 201,
});

export const getCspConnection = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id',
  access,
  summary: 'One CSP connection, with the permissions, API ids and redirect URI each app needs',
  tags: TAGS,
  params: idParamsSchema,
  response: cspConnectionDetailSchema,
});

export const updateCspConnection = defineEndpoint({
  method: 'PUT',
  path: '/api/csp/connections/:id',
  access,
  summary: 'Change a CSP connection (secrets left out are kept)',
  tags: TAGS,
  params: idParamsSchema,
  body: cspConnectionInputSchema,
  response: cspConnectionDetailSchema,
});

export const deleteCspConnection = defineEndpoint({
  method: 'DELETE',
  path: '/api/csp/connections/:id',
  access,
  summary: 'Delete a CSP connection with its secrets and tenant mappings',
  tags: TAGS,
  params: idParamsSchema,
  response: z.null(),
  status: 204,
});

export const authoriseCspConnection = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections/:id/authorise',
  access,
  summary:
    '"Authorise": the address to send the partner user to (Partner Center app, authorization code with PKCE)',
  tags: TAGS,
  params: idParamsSchema,
  response: z.object({ authorizeUrl: z.string() }),
});

export const cspConnectionCallback = defineEndpoint({
  method: 'GET',
  path: CSP_CONNECTION_CALLBACK_PATH,
  access,
  summary: 'Where Microsoft sends the partner user back (redirects to the connection page with the result)',
  tags: TAGS,
  query: z.object({
    code: z.string().max(4096).optional(),
    state: z.string().max(512).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(4096).optional(),
  }),
  response: redirectResponseSchema,
});

export const checkCspConnection = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections/:id/checks',
  access,
  summary: 'Check each prerequisite again with the stored sign-in (renews the refresh token)',
  tags: TAGS,
  params: idParamsSchema,
  response: cspAuthorisationSchema,
});

/** Runs and Inbound Requests of a CSP connection: every tenant's, filtered by tenant and module. */
export const { listRuns: listCspRuns, listInbound: listCspInbound } = connectionLogEndpoints({
  kind: 'csp',
  basePath: '/api/csp/connections',
  access,
  tags: TAGS,
});
