import { z } from 'zod';
import { authorisationSchema, ENTRA_AUTH_METHODS, entraPermissionSchema } from './entra-connection-checks.js';
import { redirectResponseSchema } from './auth.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, nameSchema, queryFlagSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

export * from './entra-connection-checks.js';

/**
 * Guide 001 "Enabled for Instances": a restored test copy must not import. `production` runs only
 * on an instance whose server setting `instance` is `production` (the default); `all` runs anywhere.
 */
export const ENTRA_ENABLED_FOR = ['production', 'all'] as const;

/** Where Microsoft sends the browser back after "Sign in with Microsoft" (delegated connections). */
export const ENTRA_CONNECTION_CALLBACK_PATH = '/api/entra/connections/callback';

/** A stored secret as the API describes it: whether there is one and when it last changed, never its value. */
export const storedSecretSchema = z.object({
  stored: z.boolean(),
  changedAt: timestampSchema.nullable(),
});

/** An Entra connection (one tenant) without its secrets. */
export const entraConnectionSchema = z.object({
  id: idSchema,
  kind: z.literal('entra'),
  name: z.string(),
  tenantId: idSchema,
  /** Null only for connections made outside this API before a client was chosen. */
  clientId: z.string().nullable(),
  authMethod: z.enum(ENTRA_AUTH_METHODS),
  enabledFor: z.enum(ENTRA_ENABLED_FOR),
  /** Whether imports may run on this instance (`enabledFor` against the server's `instance`). */
  enabledOnThisInstance: z.boolean(),
  inactive: z.boolean(),
  /** SHA-256 thumbprint (hex) of the certificate whose private key is stored. */
  certificateThumbprint: z.string().nullable(),
  secrets: z.object({
    clientSecret: storedSecretSchema,
    certificatePrivateKey: storedSecretSchema,
    /** Delegated connections: the refresh token kept after "Sign in with Microsoft". */
    refreshToken: storedSecretSchema,
  }),
  lastAuthorisation: authorisationSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type EntraConnectionView = z.infer<typeof entraConnectionSchema>;

/** One connection with what the setup screen shows: the permissions to grant and the redirect URI. */
export const entraConnectionDetailSchema = entraConnectionSchema.extend({
  setup: z.object({
    permissions: z.array(entraPermissionSchema),
    /** "Redirect URI to register in the Azure application" (platform: Web). */
    redirectUri: z.string(),
  }),
});
export type EntraConnectionDetail = z.infer<typeof entraConnectionDetailSchema>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A certificate credential: the PEM private key (write-only) and the certificate's SHA-256 thumbprint. */
export const certificateInputSchema = z.object({
  privateKey: z
    .string()
    .max(20_000, 'certificate.privateKey must be at most 20000 characters')
    .includes('PRIVATE KEY', {
      message: 'certificate.privateKey must be a PEM private key (-----BEGIN PRIVATE KEY-----)',
    }),
  thumbprint: z
    .string()
    .transform((value) => value.replaceAll(/[\s:]/g, '').toLowerCase())
    .pipe(
      z
        .string()
        .regex(
          SHA256_HEX,
          "certificate.thumbprint must be the certificate's SHA-256 thumbprint: 64 hexadecimal characters (a 40-character one is SHA-1)",
        ),
    ),
});

/** The fields of the connection form; secrets are write-only and kept as they are when left out. */
export const entraConnectionInputSchema = z.object({
  name: nameSchema('name', 200),
  tenantId: z.guid('tenantId must be the Directory (tenant) ID: a GUID from the app registration overview'),
  clientId: z.guid('clientId must be the Application (client) ID: a GUID from the app registration overview'),
  authMethod: z.enum(ENTRA_AUTH_METHODS, 'authMethod must be clientSecret, certificate or delegated'),
  enabledFor: z.enum(ENTRA_ENABLED_FOR, 'enabledFor must be production or all').default('production'),
  /** The secret's Value (not its Secret ID). Write-only. */
  clientSecret: z
    .string()
    .trim()
    .min(1, 'clientSecret must not be empty')
    .max(1024, 'clientSecret must be at most 1024 characters')
    .optional(),
  certificate: certificateInputSchema.optional(),
});
export type EntraConnectionInput = z.infer<typeof entraConnectionInputSchema>;

/** Which secret a method cannot work without, by the input field that carries it. */
export const REQUIRED_SECRET: Record<(typeof ENTRA_AUTH_METHODS)[number], 'clientSecret' | 'certificate'> = {
  clientSecret: 'clientSecret',
  certificate: 'certificate',
  // The app still proves who it is when it redeems the code and refreshes tokens.
  delegated: 'clientSecret',
};

export const entraConnectionListQuerySchema = listQuerySchema.extend({
  search: listQuerySchema.shape.search.describe('Start of the connection name, any case'),
  sort: z.enum(['name', '-name']).optional(),
  inactive: queryFlagSchema.optional().describe('true: only disabled connections; false: only active ones'),
});

const TAGS = ['entra'];

export const listEntraConnections = defineEndpoint({
  method: 'GET',
  path: '/api/entra/connections',
  access: { permission: 'integrations.entra.configure' },
  summary: 'List and search Microsoft Entra connections',
  tags: TAGS,
  query: entraConnectionListQuerySchema,
  response: pageSchema(entraConnectionSchema),
});

export const createEntraConnection = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections',
  access: { permission: 'integrations.entra.configure' },
  summary: 'Connect a Microsoft Entra tenant',
  tags: TAGS,
  body: entraConnectionInputSchema.superRefine((input, ctx) => {
    const field = REQUIRED_SECRET[input.authMethod];
    if (input[field] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `${field} is required for ${input.authMethod}`,
      });
    }
  }),
  response: entraConnectionDetailSchema,
  status: 201,
});

// One connection: an agent with a grant on it may read (read) or change it (modify); the handler
// checks, so the access rule only asks for a signed-in agent.
export const getEntraConnection = defineEndpoint({
  method: 'GET',
  path: '/api/entra/connections/:id',
  access: { signedIn: 'agent' },
  summary: 'One Microsoft Entra connection, with the permissions to grant and the redirect URI',
  tags: TAGS,
  params: idParamsSchema,
  response: entraConnectionDetailSchema,
});

export const updateEntraConnection = defineEndpoint({
  method: 'PUT',
  path: '/api/entra/connections/:id',
  access: { signedIn: 'agent' },
  summary: 'Change a Microsoft Entra connection (secrets left out are kept)',
  tags: TAGS,
  params: idParamsSchema,
  body: entraConnectionInputSchema,
  response: entraConnectionDetailSchema,
});

export const disableEntraConnection = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections/:id/disable',
  access: { signedIn: 'agent' },
  summary: 'Disable a Microsoft Entra connection (nothing is imported through it)',
  tags: TAGS,
  params: idParamsSchema,
  response: entraConnectionDetailSchema,
});

export const enableEntraConnection = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections/:id/enable',
  access: { signedIn: 'agent' },
  summary: 'Enable a disabled Microsoft Entra connection',
  tags: TAGS,
  params: idParamsSchema,
  response: entraConnectionDetailSchema,
});

export const authoriseEntraConnection = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections/:id/authorise',
  access: { signedIn: 'agent' },
  summary: "Authorise: get a token with the stored credential and check each permission of guide 001's table",
  tags: TAGS,
  params: idParamsSchema,
  response: authorisationSchema,
});

export const startEntraConnectionSignIn = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections/:id/sign-in',
  access: { signedIn: 'agent' },
  summary: '"Sign in with Microsoft" for a delegated connection: the address to send the browser to',
  tags: TAGS,
  params: idParamsSchema,
  response: z.object({ authorizeUrl: z.string() }),
});

export const entraConnectionCallback = defineEndpoint({
  method: 'GET',
  path: ENTRA_CONNECTION_CALLBACK_PATH,
  access: { signedIn: 'agent' },
  summary: 'Where Microsoft sends the browser back (redirects to the connection page with the result)',
  tags: TAGS,
  query: z.object({
    code: z.string().max(4096).optional(),
    state: z.string().max(512).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(4096).optional(),
  }),
  response: redirectResponseSchema,
});
