import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: N = 2^log2N, block size r, parallelism p. */
export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

/**
 * Memory-hard and about 100 ms on a server core (32 MiB per hash). Hashes carry their parameters,
 * so raising these later only makes new hashes (and re-hashes on the next sign-in).
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { log2N: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly too small for N=2^15, r=8. */
const maxmemFor = (params: ScryptParams) => 2 * 128 * 2 ** params.log2N * params.r;

function derive(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** params.log2N,
    r: params.r,
    p: params.p,
    maxmem: maxmemFor(params),
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

// PHC string format: $scrypt$ln=15,r=8,p=1$<salt>$<hash> (base64url, no padding).
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([\w-]+)\$([\w-]+)$/;

function parse(encoded: string): Parsed | null {
  const m = PHC.exec(encoded);
  if (!m) return null;
  return {
    params: { log2N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) },
    salt: Buffer.from(m[4]!, 'base64url'),
    hash: Buffer.from(m[5]!, 'base64url'),
  };
}

/** Hashing and checking passwords; one per process (it keeps a decoy hash for unknown accounts). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * True when `password` matches `encoded`. With `encoded` null (unknown account, or an account
   * without a password) it spends the same time on a decoy hash and answers false, so a response's
   * timing does not tell whether the account exists.
   */
  verify(password: string, encoded: string | null): Promise<boolean>;
  /** The hash was made with weaker parameters than today's. */
  needsRehash(encoded: string): boolean;
}

export function createPasswordHasher(params: ScryptParams = DEFAULT_SCRYPT_PARAMS): PasswordHasher {
  const hash = async (password: string) => {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, KEY_BYTES, params);
    return `$scrypt$ln=${params.log2N},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  };
  let decoy: Promise<string> | undefined;

  return {
    hash,
    async verify(password, encoded) {
      const parsed = encoded === null ? null : parse(encoded);
      if (!parsed) {
        decoy ??= hash(randomBytes(KEY_BYTES).toString('base64url'));
        const d = parse(await decoy)!;
        await derive(password, d.salt, d.hash.length, d.params);
        return false;
      }
      const key = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
      return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
    },
    needsRehash(encoded) {
      const parsed = parse(encoded);
      if (!parsed) return true;
      const p = parsed.params;
      return p.log2N < params.log2N || p.r < params.r || p.p < params.p;
    },
  };
}
