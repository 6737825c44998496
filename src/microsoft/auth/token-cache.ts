import type { AccessToken } from './types.js';

/** MSAL's own renewal margin: a token is renewed 5 minutes before it expires. */
export const DEFAULT_RENEWAL_OFFSET_MS = 5 * 60_000;

export interface TokenCache {
  /**
   * The cached token for `key`, or one from `acquire`. Concurrent callers for the same key share
   * one in-flight acquisition (single flight), so a burst of requests or of 401s costs one call
   * to the token endpoint.
   */
  get(
    key: string,
    acquire: (forceRefresh: boolean) => Promise<AccessToken>,
    forceRefresh?: boolean,
  ): Promise<string>;
  /** Forgets every cached token (credentials changed). */
  clear(): void;
}

export function createTokenCache(options: { now: () => number; renewalOffsetMs?: number }): TokenCache {
  const renewalOffsetMs = options.renewalOffsetMs ?? DEFAULT_RENEWAL_OFFSET_MS;
  const tokens = new Map<string, AccessToken & { generation: number }>();
  let generation = 0;
  const inFlight = new Map<string, { forced: boolean; promise: Promise<AccessToken> }>();

  return {
    async get(key, acquire, forceRefresh = false) {
      const cached = tokens.get(key);
      if (!forceRefresh && cached && options.now() < cached.expiresAt - renewalOffsetMs) return cached.token;
      const pending = inFlight.get(key);
      // A forced refresh must not settle for an acquisition that may answer from a cache.
      if (pending && (pending.forced || !forceRefresh)) return (await pending.promise).token;
      const started = ++generation;
      const promise = acquire(forceRefresh)
        .then((token) => {
          // A slower, older acquisition must not overwrite a token fetched after it.
          if ((tokens.get(key)?.generation ?? 0) < started)
            tokens.set(key, { ...token, generation: started });
          return token;
        })
        .finally(() => {
          if (inFlight.get(key)?.promise === promise) inFlight.delete(key);
        });
      inFlight.set(key, { forced: forceRefresh, promise });
      return (await promise).token;
    },
    clear() {
      tokens.clear();
    },
  };
}
