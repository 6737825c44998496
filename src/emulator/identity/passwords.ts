import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Password every seeded user signs in with on the emulator's sign-in page. Seeding 100k users
 * cannot afford a KDF per user, so seeded records keep no hash and accept this one.
 */
export const DEMO_PASSWORD = 'Rollcall-Demo-2026!';

/**
 * scrypt cost for users' passwords. The emulator holds no real secrets and hashes on the request
 * path of `POST /users`: 2^10 keeps a user creation near 5 ms of CPU (2^14 took ~90 ms and
 * dominated provisioning benchmarks) while still exercising a real KDF.
 */
const COST = 1 << 10;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: COST });
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** `hash` undefined means a seeded user: only {@link DEMO_PASSWORD} matches. */
export function verifyPassword(password: string, hash: string | undefined): boolean {
  if (hash === undefined) return password === DEMO_PASSWORD;
  const [, saltB64, hashB64] = hash.split('$');
  if (!saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64url');
  const actual = scryptSync(password, Buffer.from(saltB64, 'base64url'), expected.length, { N: COST });
  return timingSafeEqual(expected, actual);
}
