import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';

/** An authorization code handed out by the sign-in page, redeemable once until it expires. */
export interface AuthorizationCode {
  clientId: string;
  tenantId: string;
  userId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain';
  nonce: string | null;
  authTime: number;
  expiresAt: number;
  redeemed: boolean;
}

/** What a refresh token stands for (tokens are opaque handles, as Microsoft's are to clients). */
export interface RefreshGrant {
  clientId: string;
  tenantId: string;
  userId: string;
  scope: string;
  authTime: number;
  expiresAt: number;
  revoked: boolean;
}

/** A user who passed the password step and is now on the consent page. */
export interface SignInSession {
  tenantId: string;
  userId: string;
  expiresAt: number;
}

/** Codes, refresh tokens, sign-in sessions and per-user consents: state only the identity platform reads. */
export interface IdentityState {
  readonly codes: Map<string, AuthorizationCode>;
  readonly refreshTokens: Map<string, RefreshGrant>;
  readonly sessions: Map<string, SignInSession>;
  /** Random opaque handle for codes, refresh tokens and sessions. */
  handle(bytes?: number): string;
  addUserConsent(
    tenantId: string,
    clientId: string,
    userId: string,
    resource: string,
    scopes: string[],
  ): void;
  userConsent(tenantId: string, clientId: string, userId: string, resource: string): string[];
  /** Drops expired codes and sessions so a long-running emulator does not grow without bound. */
  prune(): void;
}

const DEFAULT_HANDLE_BYTES = 48;
/** Expired grants are kept this long so their redemption still answers "expired" (AADSTS70008). */
const EXPIRED_RETENTION_MS = 24 * 3600 * 1000;

export function createIdentityState(clock: Clock): IdentityState {
  const codes = new Map<string, AuthorizationCode>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const sessions = new Map<string, SignInSession>();
  const consents = new Map<string, Set<string>>();
  const key = (...parts: string[]) => parts.map((p) => p.toLowerCase()).join('|');

  return {
    codes,
    refreshTokens,
    sessions,
    handle: (bytes = DEFAULT_HANDLE_BYTES) => randomBytes(bytes).toString('base64url'),
    addUserConsent(tenantId, clientId, userId, resource, scopes) {
      const k = key(tenantId, clientId, userId, resource);
      const set = consents.get(k) ?? new Set<string>();
      for (const s of scopes) set.add(s);
      consents.set(k, set);
    },
    userConsent: (tenantId, clientId, userId, resource) => [
      ...(consents.get(key(tenantId, clientId, userId, resource)) ?? []),
    ],
    prune() {
      const now = clock.now();
      for (const [k, c] of codes) if (c.expiresAt + EXPIRED_RETENTION_MS <= now) codes.delete(k);
      for (const [k, s] of sessions) if (s.expiresAt <= now) sessions.delete(k);
      for (const [k, r] of refreshTokens)
        if (r.expiresAt + EXPIRED_RETENTION_MS <= now) refreshTokens.delete(k);
    },
  };
}
