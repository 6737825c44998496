import { fastifyCookie } from '@fastify/cookie';
import { hkdfSync } from 'node:crypto';
import { z } from 'zod';
import { SSO_AUDIENCES } from '../../../contracts/api/auth.js';

/** How long a person may take on Microsoft's pages before the sign-in must start again. */
export const SSO_STATE_LIFETIME_SECONDS = 600;

const ssoStateSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  audience: z.enum(SSO_AUDIENCES),
  returnTo: z.string().nullable(),
  /** Epoch ms. */
  expiresAt: z.number(),
});

/** A sign-in with Microsoft in progress, kept in a signed cookie between start and callback. */
export type SsoState = z.infer<typeof ssoStateSchema>;

export interface SsoStateSealer {
  seal(state: SsoState): string;
  /** The state, or null when the cookie is missing, tampered with or expired. */
  open(cookie: string | undefined, now: Date): SsoState | null;
}

/**
 * Signs the state cookie with a key derived from the SSO client secret: every process of an
 * installation has that secret, so a sign-in started on one process finishes on any other, and no
 * extra key has to be configured. Rotating the secret only voids sign-ins in progress.
 */
export function createSsoStateSealer(clientSecret: string): SsoStateSealer {
  const key = Buffer.from(hkdfSync('sha256', clientSecret, 'rollcall', 'sso-state-cookie', 32));
  return {
    seal(state) {
      return fastifyCookie.sign(Buffer.from(JSON.stringify(state)).toString('base64url'), key);
    },
    open(cookie, now) {
      if (!cookie) return null;
      const unsigned = fastifyCookie.unsign(cookie, key);
      if (!unsigned.valid) return null;
      try {
        const parsed = ssoStateSchema.safeParse(
          JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')),
        );
        return parsed.success && parsed.data.expiresAt > now.getTime() ? parsed.data : null;
      } catch {
        return null;
      }
    },
  };
}
