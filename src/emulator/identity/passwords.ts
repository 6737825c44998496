import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Password every seeded user signs in with on the emulator's sign-in page. Seeding 100k users
 * cannot afford a KDF per user, so seeded records keep no hash and accept this one.
 */
export const DEMO_PASSWORD = 'Rollcall-Demo-2026!';

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 1 << 14 });
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** `hash` undefined means a seeded user: only {@link DEMO_PASSWORD} matches. */
export function verifyPassword(password: string, hash: string | undefined): boolean {
  if (hash === undefined) return password === DEMO_PASSWORD;
  const [, saltB64, hashB64] = hash.split('$');
  if (!saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64url');
  const actual = scryptSync(password, Buffer.from(saltB64, 'base64url'), expected.length, { N: 1 << 14 });
  return timingSafeEqual(expected, actual);
}
