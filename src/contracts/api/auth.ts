import { z } from 'zod';
import { CONNECTION_KINDS, permissionSchema } from '../permissions.js';
import { defineEndpoint } from './endpoint.js';

/** An email address as typed: trimmed and compared without case. */
export const emailSchema = z
  .string()
  .trim()
  .max(254, 'email must be at most 254 characters')
  .pipe(z.email('email must be an email address, such as ada@example.com'))
  .transform((email) => email.toLowerCase());

/** The signed-in account as the web app sees it (never a secret, never the password hash). */
export const sessionAccountSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['agent', 'portal']),
  email: z.string(),
  displayName: z.string(),
});

/**
 * Who is signed in and what they may do: returned by sign-in, first-run setup and `/api/auth/me`.
 * `csrfToken` goes in the `x-csrf-token` header of every state-changing request.
 */
export const sessionViewSchema = z.object({
  account: sessionAccountSchema,
  permissions: z.array(permissionSchema),
  /** The portal user's own customer; null for agents. */
  customer: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The agent's grants on single connections, each with the connection's kind (guide 001). */
  connectionGrants: z.array(
    z.object({
      connectionId: z.uuid(),
      access: z.enum(['read', 'modify']),
      kind: z.enum(CONNECTION_KINDS).describe('The connection kind: an Entra grant opens the Entra screens'),
    }),
  ),
  csrfToken: z.string(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const loginBodySchema = z.object({
  email: emailSchema,
  // Checked against the stored hash only; the policy applies when a password is set.
  password: z
    .string()
    .min(1, 'password must not be empty')
    .max(1024, 'password must be at most 1024 characters'),
});

/** Answers 302 redirects: no body. */
export const redirectResponseSchema = z
  .undefined()
  .describe('No body: the answer is 302 Found with a Location header');

export const SSO_AUDIENCES = ['console', 'portal'] as const;
export type SsoAudience = (typeof SSO_AUDIENCES)[number];

/**
 * Why a sign-in with Microsoft failed: the callback redirects to the sign-in page with
 * `?signin_error=<code>` (console `/`, portal `/portal/`). docs/sign-in.md explains each.
 */
export const SSO_ERROR_CODES = [
  'sso_not_configured',
  'sso_unavailable',
  'sso_state_invalid',
  'sso_cancelled',
  'sso_failed',
  'tenant_not_allowed',
  'account_not_found',
  'account_ambiguous',
  'account_disabled',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

export const login = defineEndpoint({
  method: 'POST',
  path: '/api/auth/login',
  access: { public: true },
  csrf: false,
  summary: 'Sign in with email and password',
  tags: ['auth'],
  body: loginBodySchema,
  response: sessionViewSchema,
});

export const me = defineEndpoint({
  method: 'GET',
  path: '/api/auth/me',
  access: { signedIn: 'any' },
  summary: 'The signed-in account, its permissions and CSRF token',
  tags: ['auth'],
  response: sessionViewSchema,
});

export const logout = defineEndpoint({
  method: 'POST',
  path: '/api/auth/logout',
  access: { signedIn: 'any' },
  summary: 'Sign out this browser',
  tags: ['auth'],
  response: z.null(),
  status: 204,
});

export const logoutEverywhere = defineEndpoint({
  method: 'POST',
  path: '/api/auth/logout-everywhere',
  access: { signedIn: 'any' },
  summary: 'Sign out every session of the signed-in account, this one included',
  tags: ['auth'],
  response: z.object({ endedSessions: z.number().int() }),
});

export const signInMethods = defineEndpoint({
  method: 'GET',
  path: '/api/auth/methods',
  access: { public: true },
  summary: 'Which sign-in methods this instance offers (for the sign-in page)',
  tags: ['auth'],
  response: z.object({ password: z.boolean(), microsoft: z.boolean() }),
});

export const ssoStart = defineEndpoint({
  method: 'GET',
  path: '/api/auth/sso/start',
  access: { public: true },
  summary: 'Start signing in with Microsoft (redirects to Microsoft)',
  tags: ['auth'],
  query: z.object({
    audience: z.enum(SSO_AUDIENCES).default('console'),
    /** A path of this site to land on afterwards (`/customers`); anything else is ignored. */
    returnTo: z.string().max(2000).optional(),
  }),
  response: redirectResponseSchema,
});

export const ssoCallback = defineEndpoint({
  method: 'GET',
  path: '/api/auth/sso/callback',
  access: { public: true },
  summary: 'Where Microsoft sends the browser back (redirects to the console or portal)',
  tags: ['auth'],
  query: z.object({
    code: z.string().max(4096).optional(),
    state: z.string().max(512).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(4096).optional(),
  }),
  response: redirectResponseSchema,
});
