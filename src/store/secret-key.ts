import { randomBytes } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { DatabaseHandle } from './database-types.js';
import { SECRET_KEY_HOWTO, SecretKeyError } from './errors.js';

/** AES-256 needs exactly this many key bytes. */
export const SECRET_KEY_BYTES = 32;
/** The environment variable that holds the key (base64, base64url or hex of 32 bytes). */
export const SECRET_KEY_ENV = 'ROLLCALL_SECRET_KEY';
/** The generated key file in the data folder, used when the variable is not set. */
export const SECRET_KEY_FILE_NAME = 'secret.key';

const KEY_FILE_MODE = 0o600;
const GROUP_OR_OTHER_BITS = 0o077;
const HEX_KEY = /^[0-9a-f]{64}$/i;
const BASE64_KEY = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The key that encrypts secrets at rest. Its bytes never show in logs, JSON or `inspect`. */
export class SecretKey {
  readonly #bytes: Buffer;

  constructor(
    bytes: Buffer,
    /** Where the key came from, for messages: the variable name or the file path. */
    readonly source: string,
  ) {
    this.#bytes = bytes;
  }

  /** The raw key; hand it only to the cipher. */
  get bytes(): Buffer {
    return this.#bytes;
  }

  toString(): string {
    return `[secret key from ${this.source}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** Decodes a key written as hex or base64(url) of 32 bytes; `source` names it in errors. */
export function parseSecretKey(text: string, source: string): SecretKey {
  const value = text.trim();
  let bytes: Buffer | undefined;
  if (HEX_KEY.test(value)) bytes = Buffer.from(value, 'hex');
  else if (BASE64_KEY.test(value))
    bytes = Buffer.from(value.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  if (!bytes || bytes.length !== SECRET_KEY_BYTES) {
    const found = bytes ? `${bytes.length} bytes` : 'neither hex nor base64';
    throw new SecretKeyError(
      'secret-key-invalid',
      `${source} must be ${SECRET_KEY_BYTES} bytes written as base64 or hex (found ${found}). ${SECRET_KEY_HOWTO}`,
    );
  }
  return new SecretKey(bytes, source);
}

/** A new random key, base64-encoded, as written to a key file or put in the variable. */
export function generateSecretKey(): string {
  return randomBytes(SECRET_KEY_BYTES).toString('base64');
}

export interface LoadSecretKeyOptions {
  env?: NodeJS.ProcessEnv;
  /** The data folder; without it, the variable is required (e.g. with PostgreSQL). */
  dataDir?: string;
}

/**
 * The key from `ROLLCALL_SECRET_KEY` if set; otherwise from `<dataDir>/secret.key`, created with
 * mode 0600 on first use. A key file readable by group or others is refused.
 */
export async function loadSecretKey(options: LoadSecretKeyOptions): Promise<SecretKey> {
  const fromEnv = (options.env ?? process.env)[SECRET_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseSecretKey(fromEnv, SECRET_KEY_ENV);
  if (options.dataDir === undefined) {
    throw new SecretKeyError(
      'secret-key-missing',
      `${SECRET_KEY_ENV} is not set. Every process sharing a PostgreSQL database needs the same key. ${SECRET_KEY_HOWTO}`,
    );
  }
  const path = join(options.dataDir, SECRET_KEY_FILE_NAME);
  await createKeyFileIfMissing(path);
  await assertPrivate(path);
  return parseSecretKey(await readFile(path, 'utf8'), `key file ${path}`);
}

async function createKeyFileIfMissing(path: string): Promise<void> {
  let file;
  try {
    // 'wx' fails if the file exists, so two processes never write different keys.
    file = await open(path, 'wx', KEY_FILE_MODE);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return;
    throw error;
  }
  try {
    await file.writeFile(`${generateSecretKey()}\n`);
  } finally {
    await file.close();
  }
}

async function assertPrivate(path: string): Promise<void> {
  // Windows has no POSIX modes; its ACLs are the folder's business.
  if (process.platform === 'win32') return;
  const { mode } = await stat(path);
  if ((mode & GROUP_OR_OTHER_BITS) !== 0) {
    throw new SecretKeyError(
      'secret-key-file-permissions',
      `key file ${path} is readable by other users (mode ${(mode & 0o777).toString(8)}); ` +
        `restrict it with \`chmod 600 ${path}\` and check who could have copied it.`,
    );
  }
}

/**
 * The key of the instance whose database `handle` is: `ROLLCALL_SECRET_KEY`, or (embedded engine
 * only) the key file in its data folder. PostgreSQL deployments must set the variable, so every
 * process sharing the database encrypts alike.
 */
export function loadSecretKeyFor(handle: DatabaseHandle, env: NodeJS.ProcessEnv): Promise<SecretKey> {
  return loadSecretKey({ env, ...(handle.kind === 'pglite' ? { dataDir: handle.dataDir } : {}) });
}
