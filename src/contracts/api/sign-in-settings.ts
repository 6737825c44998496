import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';

/** Most tenants an allow-list may name (a limit against accidents, not a product limit). */
export const MAX_ALLOWED_TENANTS = 1000;

const tenantIdSchema = z
  .guid('allowedTenants must list tenant ids (GUIDs such as 72f988bf-86f1-41af-91ab-2d7cd011db47)')
  .transform((id) => id.toLowerCase());

/**
 * Instance-wide rules for signing in with Microsoft. `allowedTenants`: `'any'` or the Entra tenant
 * ids whose people may sign in. `jitPortalUsers`: create a portal account on first sign-in for a
 * desk user of a customer mapped to the person's tenant (agents are never created this way).
 */
export const signInSettingsSchema = z.object({
  allowedTenants: z
    .union([
      z.literal('any'),
      z
        .array(tenantIdSchema)
        .max(MAX_ALLOWED_TENANTS, `allowedTenants may list at most ${MAX_ALLOWED_TENANTS} tenants`),
    ])
    // Outside the union: a transform inside a branch would hide which list entry is wrong.
    .transform((tenants) => (tenants === 'any' ? tenants : [...new Set(tenants)])),
  jitPortalUsers: z.boolean(),
});
export type SignInSettings = z.infer<typeof signInSettingsSchema>;

/** The settings as answered (responses are encoded, so this schema has no transforms). */
export const signInSettingsViewSchema = z.object({
  allowedTenants: z.union([z.literal('any'), z.array(z.string())]),
  jitPortalUsers: z.boolean(),
});

/**
 * Until an administrator changes them: any tenant may sign in (people still need an account that
 * matches them, see docs/sign-in.md), and nobody is created just in time.
 */
export const DEFAULT_SIGN_IN_SETTINGS: SignInSettings = { allowedTenants: 'any', jitPortalUsers: false };

export const getSignInSettings = defineEndpoint({
  method: 'GET',
  path: '/api/settings/sign-in',
  access: { permission: 'settings.manage' },
  summary: 'Sign-in settings: which tenants may sign in with Microsoft, just-in-time portal users',
  tags: ['settings'],
  response: signInSettingsViewSchema,
});

export const updateSignInSettings = defineEndpoint({
  method: 'PUT',
  path: '/api/settings/sign-in',
  access: { permission: 'settings.manage' },
  summary: 'Change the sign-in settings',
  tags: ['settings'],
  body: signInSettingsSchema,
  response: signInSettingsViewSchema,
});
