import { eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { connections, type ConnectionKind } from '../schema/connections.js';
import type { SecretBox } from '../secrets.js';

/** The secrets a connection may hold, in plain text. Only {@link ConnectionRepository.readSecrets} returns them. */
export interface ConnectionSecrets {
  clientSecret?: string;
  /** PEM private key of the app's certificate. */
  certificateKey?: string;
  /** Refresh token of a delegated (app + user) connection. */
  refreshToken?: string;
}

/** A connection without its secrets: safe to log and to return from the API. */
export interface ConnectionSummary {
  id: string;
  kind: ConnectionKind;
  name: string;
  tenantId: string;
  clientId: string | null;
  settings: Record<string, unknown>;
  inactive: boolean;
  /** Which secrets are stored, never their values. */
  hasSecret: { clientSecret: boolean; certificateKey: boolean; refreshToken: boolean };
}

export interface NewConnection {
  kind: ConnectionKind;
  name: string;
  tenantId: string;
  clientId?: string;
  /** Non-secret settings; secrets go in `secrets`. */
  settings?: Record<string, unknown>;
  secrets?: ConnectionSecrets;
}

/** Connections, with secrets encrypted at rest. Depend on the methods you use. */
export interface ConnectionRepository {
  create(input: NewConnection): Promise<ConnectionSummary>;
  findById(id: string): Promise<ConnectionSummary | undefined>;
  /** Decrypts the stored secrets; throws `SecretDecryptionError` if the key is wrong. */
  readSecrets(id: string): Promise<ConnectionSecrets | undefined>;
  /** Replaces the given secrets (e.g. a rotated refresh token); `null` removes one. */
  updateSecrets(id: string, secrets: { [K in keyof ConnectionSecrets]?: string | null }): Promise<void>;
}

type Row = typeof connections.$inferSelect;

/** A {@link ConnectionRepository} over `db`, encrypting with `secrets`. */
export function createConnectionRepository(db: Database, secrets: SecretBox): ConnectionRepository {
  const seal = (value: string | null | undefined) =>
    value === undefined ? undefined : value === null ? null : secrets.encrypt(value);
  const open = (value: string | null) => (value === null ? undefined : secrets.decrypt(value));

  return {
    async create(input) {
      const [row] = await db
        .insert(connections)
        .values({
          kind: input.kind,
          name: input.name,
          tenantId: input.tenantId,
          clientId: input.clientId ?? null,
          settings: input.settings ?? {},
          clientSecretCiphertext: seal(input.secrets?.clientSecret) ?? null,
          certificateKeyCiphertext: seal(input.secrets?.certificateKey) ?? null,
          refreshTokenCiphertext: seal(input.secrets?.refreshToken) ?? null,
        })
        .returning();
      if (!row) throw new Error('insert into connections returned no row');
      return summarise(row);
    },

    async findById(id) {
      const [row] = await db.select().from(connections).where(eq(connections.id, id));
      return row && summarise(row);
    },

    async readSecrets(id) {
      const [row] = await db.select().from(connections).where(eq(connections.id, id));
      if (!row) return undefined;
      const result: ConnectionSecrets = {};
      const clientSecret = open(row.clientSecretCiphertext);
      const certificateKey = open(row.certificateKeyCiphertext);
      const refreshToken = open(row.refreshTokenCiphertext);
      if (clientSecret !== undefined) result.clientSecret = clientSecret;
      if (certificateKey !== undefined) result.certificateKey = certificateKey;
      if (refreshToken !== undefined) result.refreshToken = refreshToken;
      return result;
    },

    async updateSecrets(id, changes) {
      await db
        .update(connections)
        .set({
          clientSecretCiphertext: seal(changes.clientSecret),
          certificateKeyCiphertext: seal(changes.certificateKey),
          refreshTokenCiphertext: seal(changes.refreshToken),
          updatedAt: sql`now()`,
        })
        .where(eq(connections.id, id));
    },
  };
}

function summarise(row: Row): ConnectionSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    tenantId: row.tenantId,
    clientId: row.clientId,
    settings: row.settings,
    inactive: row.inactive,
    hasSecret: {
      clientSecret: row.clientSecretCiphertext !== null,
      certificateKey: row.certificateKeyCiphertext !== null,
      refreshToken: row.refreshTokenCiphertext !== null,
    },
  };
}
