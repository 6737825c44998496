import type { AuthenticationResult, ConfidentialClientApplication } from '@azure/msal-node';
import { createHash } from 'node:crypto';
import { classifyMicrosoftError } from '../errors/classify.js';
import type { FetchLike } from '../http/transport.js';
import type { HttpObserver, RetryTools, TokenSource } from '../http/types.js';
import { createMsalApp } from './msal-app.js';
import { createMsalNetworkClient } from './network-client.js';
import { refreshTokenFromCache } from './refresh-token.js';
import { createTokenCache } from './token-cache.js';
import {
  appTokenRequestSchema,
  type AccessToken,
  type AppTokenRequest,
  type ClientCredential,
  type DelegatedTokenRequest,
} from './types.js';

export interface TokenProviderOptions {
  /** `https://login.microsoftonline.com` in production; the sandbox's origin otherwise. */
  authorityHost: string;
  /** The same transport (and trusted CA) as the Graph and Partner Center calls. */
  fetch: FetchLike;
  retry: RetryTools;
  /** Renew tokens this long before they expire (default: MSAL's 5 minutes). */
  renewalOffsetMs?: number;
  /** Token endpoint calls are reported with `service: 'identity'`. */
  observer?: HttpObserver;
}

export interface TokenProvider {
  /** App-only tokens (client credentials with a secret or a certificate). */
  app(request: AppTokenRequest): TokenSource;
  /** Delegated (app + user) tokens from a stored refresh token; new refresh tokens are saved back. */
  delegated(request: DelegatedTokenRequest): TokenSource;
  /** Drops cached tokens and MSAL apps (after credentials changed). */
  clear(): void;
}

function credentialFingerprint(credential: ClientCredential): string {
  const material = credential.kind === 'secret' ? credential.secret : credential.thumbprintSha256;
  return createHash('sha256').update(`${credential.kind}:${material}`).digest('base64url');
}

function toAccessToken(result: AuthenticationResult | null, now: number): AccessToken {
  if (!result?.accessToken) {
    throw classifyMicrosoftError({
      service: 'client',
      clientCode: 'InvalidResponse',
      message: 'no access token',
    });
  }
  return { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? now };
}

/**
 * Tokens for every (tenant, app, scope) Rollcall talks to, through msal-node. Tokens are cached
 * until 5 minutes before expiry and concurrent callers share one acquisition; every failure is
 * thrown as a catalogued `MicrosoftError` (AADSTS codes included).
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const cache = createTokenCache({ now: options.retry.now, renewalOffsetMs: options.renewalOffsetMs });
  const apps = new Map<string, ConfidentialClientApplication>();
  const networkClient = createMsalNetworkClient({
    fetch: options.fetch,
    retry: options.retry,
    observer: options.observer,
  });

  const appFor = (request: AppTokenRequest, accountKey?: string) => {
    const key = [
      request.tenantId.toLowerCase(),
      request.clientId.toLowerCase(),
      credentialFingerprint(request.credential),
      accountKey ?? '',
    ].join('|');
    let app = apps.get(key);
    if (!app) {
      app = createMsalApp({ ...request, authorityHost: options.authorityHost, networkClient });
      apps.set(key, app);
    }
    return app;
  };
  // Per tenant + app + scope; the credential is part of the key so a newly pasted (possibly
  // wrong) secret is tried at once instead of hiding behind a token the old one obtained.
  const cacheKey = (request: AppTokenRequest, accountKey?: string) =>
    [
      request.tenantId.toLowerCase(),
      request.clientId.toLowerCase(),
      [...request.scopes].sort().join(' '),
      credentialFingerprint(request.credential),
      accountKey ?? 'app',
    ].join('|');

  return {
    app(input) {
      const request = appTokenRequestSchema.parse(input);
      const key = cacheKey(request);
      return {
        getToken: ({ forceRefresh = false } = {}) =>
          cache.get(
            key,
            async (force) => {
              try {
                const result = await appFor(request).acquireTokenByClientCredential({
                  scopes: request.scopes,
                  skipCache: force,
                });
                return toAccessToken(result, options.retry.now());
              } catch (err) {
                throw classifyMicrosoftError(err);
              }
            },
            forceRefresh,
          ),
      };
    },

    delegated(input) {
      const request = { ...appTokenRequestSchema.parse(input), accountKey: input.accountKey };
      const key = cacheKey(request, request.accountKey);
      const store = input.refreshTokens;
      return {
        getToken: ({ forceRefresh = false } = {}) =>
          cache.get(
            key,
            async () => {
              // One MSAL app per account, emptied around each grant, so the refresh token read
              // back from its cache is the one Microsoft just issued for this account.
              const app = appFor(request, request.accountKey);
              try {
                const refreshToken = await store.load();
                app.clearCache();
                const result = await app.acquireTokenByRefreshToken({
                  scopes: request.scopes,
                  refreshToken,
                  forceCache: true,
                });
                const rotated = refreshTokenFromCache(app.getTokenCache().serialize(), request.clientId);
                if (rotated && rotated !== refreshToken) await store.save(rotated);
                return toAccessToken(result, options.retry.now());
              } catch (err) {
                throw classifyMicrosoftError(err);
              } finally {
                app.clearCache();
              }
            },
            forceRefresh,
          ),
      };
    },

    clear() {
      cache.clear();
      apps.clear();
    },
  };
}
