import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 48 random bytes: 64 characters of base64url, well inside Graph's 128-character limit. */
const CLIENT_STATE_BYTES = 48;

/**
 * A new client state for one subscription: the secret goes to Graph once, at creation, and only
 * its SHA-256 is kept (notifications are compared with it; nothing needs the secret back).
 */
export function newClientState(): { secret: string; hash: string } {
  const secret = randomBytes(CLIENT_STATE_BYTES).toString('base64url');
  return { secret, hash: hashClientState(secret) };
}

export function hashClientState(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether a notification's `clientState` is the one whose hash is stored (constant time). */
export function clientStateMatches(given: string | null | undefined, storedHash: string): boolean {
  if (!given) return false;
  const actual = Buffer.from(hashClientState(given), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
