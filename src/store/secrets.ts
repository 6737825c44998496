import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretDecryptionError } from './errors.js';
import type { SecretKey } from './secret-key.js';

export {
  SECRET_KEY_ENV,
  SECRET_KEY_FILE_NAME,
  SecretKey,
  generateSecretKey,
  loadSecretKey,
  loadSecretKeyFor,
  parseSecretKey,
  type LoadSecretKeyOptions,
} from './secret-key.js';

const ALGORITHM = 'aes-256-gcm';
/** GCM's recommended nonce size; a fresh random one per value. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Ciphertext format version; a new format (or key rotation) gets a new prefix. */
const FORMAT = 'v1';

/** Encrypts and decrypts secrets for storage: `v1:<iv>:<tag>:<ciphertext>`, each base64url. */
export interface SecretBox {
  encrypt(plaintext: string): string;
  /** Throws {@link SecretDecryptionError} if the key is wrong or the value damaged. */
  decrypt(ciphertext: string): string;
}

/** A {@link SecretBox} using AES-256-GCM with `key`. */
export function createSecretBox(key: SecretKey): SecretBox {
  return {
    encrypt(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key.bytes, iv, { authTagLength: TAG_BYTES });
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [FORMAT, iv, cipher.getAuthTag(), body].map(encodePart).join(':');
    },
    decrypt(ciphertext) {
      const [format, iv, tag, body, ...rest] = ciphertext.split(':');
      if (
        format !== FORMAT ||
        iv === undefined ||
        tag === undefined ||
        body === undefined ||
        rest.length > 0
      ) {
        throw new SecretDecryptionError(
          'secret-ciphertext-invalid',
          `cannot decrypt secret: the stored value is not in Rollcall's ${FORMAT} format; it was damaged or written by something else.`,
        );
      }
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
        throw new SecretDecryptionError(
          'secret-ciphertext-invalid',
          'cannot decrypt secret: the stored value is truncated or damaged.',
        );
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key.bytes, ivBytes, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretDecryptionError(
          'secret-key-mismatch',
          `cannot decrypt secrets: the key does not match the one they were encrypted with (key from ${key.source}). ` +
            'Restore the original key (ROLLCALL_SECRET_KEY, or secret.key from your backup of the data folder), ' +
            'or enter the connection secrets again.',
        );
      }
    },
  };
}

function encodePart(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}
