import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createConnectionRepository,
  queryRows,
  schema,
  SecretDecryptionError,
} from '../../../src/store/index.js';
import { testSecretBox, type HandleSource } from './fixtures.js';

const CLIENT_SECRET = 'Abc~8Q~client-secret-value-0123456789';
const REFRESH_TOKEN = '0.AQEAx-refresh-token-value';

export function describeConnectionSecrets(handle: HandleSource): void {
  async function setup() {
    const db = handle().db;
    const box = testSecretBox();
    const connections = createConnectionRepository(db, box);
    const created = await connections.create({
      kind: 'csp',
      name: `Partner ${randomUUID()}`,
      tenantId: randomUUID(),
      clientId: randomUUID(),
      settings: { region: 'uk' },
      secrets: { clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN },
    });
    const rawRow = async () => {
      const [row] = await queryRows<Record<string, string | null>>(
        db,
        sql`select client_secret_ciphertext, refresh_token_ciphertext, certificate_key_ciphertext, settings::text as settings
            from connections where id = ${created.id}`,
      );
      if (!row) throw new Error('connection row missing');
      return row;
    };
    return { db, connections, created, rawRow };
  }

  describe('connection secrets at rest', () => {
    it('stores ciphertext, never the plain secret, and decrypts it back', async () => {
      const { connections, created, rawRow } = await setup();
      const raw = await rawRow();

      expect(raw.client_secret_ciphertext).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
      expect(raw.refresh_token_ciphertext).toMatch(/^v1:/);
      expect(raw.certificate_key_ciphertext).toBeNull();
      expect(JSON.stringify(raw)).not.toContain(CLIENT_SECRET);
      expect(JSON.stringify(raw)).not.toContain(REFRESH_TOKEN);

      expect(await connections.readSecrets(created.id)).toEqual({
        clientSecret: CLIENT_SECRET,
        refreshToken: REFRESH_TOKEN,
      });
    });

    it('describes a connection without its secrets', async () => {
      const { connections, created } = await setup();
      const found = await connections.findById(created.id);

      expect(found?.hasSecret).toEqual({
        clientSecret: true,
        certificateKey: false,
        refreshToken: true,
        gdapClientSecret: false,
      });
      expect(JSON.stringify(found)).not.toContain(CLIENT_SECRET);
      expect(JSON.stringify(found)).not.toMatch(/v1:/);
    });

    it('fails loudly when read with another key', async () => {
      const { db, created } = await setup();
      const withOtherKey = createConnectionRepository(db, testSecretBox());

      const failure = withOtherKey.readSecrets(created.id);
      await expect(failure).rejects.toBeInstanceOf(SecretDecryptionError);
      await expect(failure).rejects.toThrow(/cannot decrypt secrets: the key does not match/);
    });

    it('rotates one secret and removes another', async () => {
      const { db, connections, created } = await setup();
      await connections.updateSecrets(created.id, { refreshToken: 'rotated-token', clientSecret: null });

      expect(await connections.readSecrets(created.id)).toEqual({ refreshToken: 'rotated-token' });
      const [row] = await db.select().from(schema.connections).where(eq(schema.connections.id, created.id));
      expect(row?.refreshTokenCiphertext).not.toContain('rotated-token');
    });

    it("keeps a CSP connection's GDAP app secret encrypted beside the Partner Center app's", async () => {
      const { db, connections, created } = await setup();
      const GDAP_SECRET = 'Gd4~8Q~gdap-secret-value-9876543210';
      await connections.updateSecrets(created.id, { gdapClientSecret: GDAP_SECRET });

      const found = await connections.findById(created.id);
      expect(found?.hasSecret.gdapClientSecret).toBe(true);
      expect(found?.secretsChangedAt.gdapClientSecret).toBeInstanceOf(Date);
      expect(JSON.stringify(found)).not.toContain(GDAP_SECRET);
      expect(await connections.readSecrets(created.id)).toMatchObject({
        clientSecret: CLIENT_SECRET,
        gdapClientSecret: GDAP_SECRET,
      });
      const [row] = await db.select().from(schema.connections).where(eq(schema.connections.id, created.id));
      expect(row?.gdapClientSecretCiphertext).toMatch(/^v1:/);
    });

    it('deletes a connection once', async () => {
      const { connections, created } = await setup();
      expect(await connections.delete(created.id)).toBe(true);
      expect(await connections.findById(created.id)).toBeUndefined();
      expect(await connections.delete(created.id)).toBe(false);
    });
  });
}
