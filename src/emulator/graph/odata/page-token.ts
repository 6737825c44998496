import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { queryErrors, type QueryError } from './query-errors.js';

/** Where the next page starts: the last id returned, or `[sortKey, id]` under `$orderby`. */
export type Cursor = string | [string, string];

const payloadSchema = z.object({
  /** Cursor. */
  c: z.union([z.string(), z.tuple([z.string(), z.string()])]),
  /** Hash of the query the token belongs to. */
  q: z.string(),
  /** Issue time, epoch ms (emulator clock). */
  t: z.number(),
});

const SIGNATURE_CHARS = 22;
const SCOPE_CHARS = 16;

/**
 * Opaque, signed `$skiptoken`s: a keyset cursor bound to the query that produced it, expiring
 * like Graph's directory page tokens (`Directory_ExpiredPageToken`). Tampered tokens, or tokens
 * replayed against another query, are refused.
 */
export interface PageTokens {
  issue(cursor: Cursor, scope: string): string;
  read(token: string, scope: string): Cursor | QueryError;
}

export function createPageTokens(clock: Clock, lifetimeSeconds: () => number): PageTokens {
  const key = randomBytes(32);
  const sign = (payload: string) =>
    createHmac('sha256', key).update(payload).digest('base64url').slice(0, SIGNATURE_CHARS);
  const scopeHash = (scope: string) =>
    createHash('sha256').update(scope).digest('base64url').slice(0, SCOPE_CHARS);

  return {
    issue(cursor, scope) {
      const payload = Buffer.from(
        JSON.stringify({ c: cursor, q: scopeHash(scope), t: clock.now() }),
      ).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    read(token, scope) {
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length) return queryErrors.invalidPageToken();
      const expected = Buffer.from(sign(payload));
      const actual = Buffer.from(signature);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
        return queryErrors.invalidPageToken();
      }
      let parsed: z.infer<typeof payloadSchema>;
      try {
        parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        return queryErrors.invalidPageToken();
      }
      if (parsed.q !== scopeHash(scope)) return queryErrors.invalidPageToken();
      if (clock.now() - parsed.t > lifetimeSeconds() * 1000) return queryErrors.expiredPageToken();
      return parsed.c;
    },
  };
}
