import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSecretBox,
  generateSecretKey,
  loadSecretKey,
  parseSecretKey,
  SECRET_KEY_ENV,
  SECRET_KEY_FILE_NAME,
  SecretDecryptionError,
  SecretKeyError,
} from '../../src/store/index.js';
import { temporaryDataDir } from './engines.js';

const HEX_KEY = 'a'.repeat(64);

function box(text = generateSecretKey()) {
  return createSecretBox(parseSecretKey(text, 'test key'));
}

describe('secret box (AES-256-GCM)', () => {
  it('round-trips, with a fresh ciphertext every time in the versioned format', () => {
    const secrets = box();
    const plain = 'Pa55~wörd 🔑 with unicode';
    const first = secrets.encrypt(plain);
    const second = secrets.encrypt(plain);

    expect(first).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(first).not.toBe(second);
    expect(secrets.decrypt(first)).toBe(plain);
    expect(secrets.decrypt(second)).toBe(plain);
  });

  it('fails loudly with another key, naming where the key came from', () => {
    const sealed = box().encrypt('client-secret');
    const other = createSecretBox(parseSecretKey(generateSecretKey(), SECRET_KEY_ENV));

    expect(() => other.decrypt(sealed)).toThrow(SecretDecryptionError);
    expect(() => other.decrypt(sealed)).toThrow(
      /cannot decrypt secrets: the key does not match the one they were encrypted with \(key from ROLLCALL_SECRET_KEY\)/,
    );
  });

  it('refuses a tampered or foreign value', () => {
    const secrets = box();
    const [version, iv, tag, body] = secrets.encrypt('client-secret').split(':');
    const flipped = `${body!.startsWith('A') ? 'B' : 'A'}${body!.slice(1)}`;

    expect(() => secrets.decrypt([version, iv, tag, flipped].join(':'))).toThrow(SecretDecryptionError);
    const notOurs = (() => {
      try {
        secrets.decrypt('plain-text-secret');
      } catch (error) {
        return error;
      }
    })();
    expect(notOurs).toMatchObject({ code: 'secret-ciphertext-invalid' });
  });
});

describe('secret key', () => {
  it('accepts 32 bytes as hex, base64 or base64url', () => {
    const plain = 'x';
    const bytes = Buffer.alloc(32, 0xfb);
    const sealed = box(HEX_KEY).encrypt(plain);
    expect(box(Buffer.from(HEX_KEY, 'hex').toString('base64')).decrypt(sealed)).toBe(plain);
    expect(box(bytes.toString('base64url')).decrypt(box(bytes.toString('base64')).encrypt(plain))).toBe(
      plain,
    );
  });

  it('explains a key of the wrong length without echoing it', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    const attempt = () => parseSecretKey(short, SECRET_KEY_ENV);

    expect(attempt).toThrow(SecretKeyError);
    expect(attempt).toThrow(
      /ROLLCALL_SECRET_KEY must be 32 bytes .* \(found 16 bytes\)\. Generate one with `openssl rand -base64 32`/,
    );
    expect(attempt).not.toThrow(short);
  });

  it('never shows its bytes in logs, JSON or strings', () => {
    const key = parseSecretKey(HEX_KEY, 'key file ./data/secret.key');
    const shown = [JSON.stringify({ key }), inspect(key), `${key}`].join(' ');

    expect(shown).not.toContain(HEX_KEY);
    expect(shown).not.toContain(Buffer.from(HEX_KEY, 'hex').toString('base64'));
    expect(shown).toContain('[secret key from key file ./data/secret.key]');
  });
});

describe('loading the secret key', () => {
  let folder: Awaited<ReturnType<typeof temporaryDataDir>> | undefined;
  afterEach(async () => {
    await folder?.dispose();
  });

  it('prefers ROLLCALL_SECRET_KEY and then writes no key file', async () => {
    folder = await temporaryDataDir();
    const key = await loadSecretKey({ env: { [SECRET_KEY_ENV]: HEX_KEY }, dataDir: folder.dataDir });

    expect(key.source).toBe(SECRET_KEY_ENV);
    await expect(stat(join(folder.dataDir, SECRET_KEY_FILE_NAME))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates secret.key with mode 0600 once and keeps using it', async () => {
    folder = await temporaryDataDir();
    const first = await loadSecretKey({ env: {}, dataDir: folder.dataDir });
    const path = join(folder.dataDir, SECRET_KEY_FILE_NAME);
    const contents = await readFile(path, 'utf8');
    const second = await loadSecretKey({ env: {}, dataDir: folder.dataDir });

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe(contents);
    expect(createSecretBox(second).decrypt(createSecretBox(first).encrypt('kept'))).toBe('kept');
  });

  it('refuses a key file that other users can read', async () => {
    folder = await temporaryDataDir();
    const path = join(folder.dataDir, SECRET_KEY_FILE_NAME);
    await writeFile(path, `${generateSecretKey()}\n`);
    await chmod(path, 0o644);

    const load = loadSecretKey({ env: {}, dataDir: folder.dataDir });
    await expect(load).rejects.toMatchObject({ code: 'secret-key-file-permissions' });
    await expect(load).rejects.toThrow(`chmod 600 ${path}`);
  });

  it('requires ROLLCALL_SECRET_KEY when there is no data folder (PostgreSQL)', async () => {
    await expect(loadSecretKey({ env: {} })).rejects.toMatchObject({ code: 'secret-key-missing' });
    await expect(loadSecretKey({ env: {} })).rejects.toThrow(/ROLLCALL_SECRET_KEY is not set/);
  });
});
