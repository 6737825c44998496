import { z } from 'zod';

const serialisedCacheSchema = z.object({
  RefreshToken: z
    .record(z.string(), z.looseObject({ secret: z.string(), client_id: z.string().optional() }))
    .default({}),
});

/**
 * The refresh token MSAL stored after a refresh-token grant. msal-node 7 never returns refresh
 * tokens in `AuthenticationResult`; its serialised token cache is the supported way to read them
 * (the same format its persistence plugins write). Undefined when Microsoft sent none.
 */
export function refreshTokenFromCache(serialisedCache: string, clientId: string): string | undefined {
  const cache = serialisedCacheSchema.parse(JSON.parse(serialisedCache));
  const entries = Object.values(cache.RefreshToken);
  const mine = entries.filter((e) => !e.client_id || e.client_id.toLowerCase() === clientId.toLowerCase());
  return mine.at(-1)?.secret;
}
