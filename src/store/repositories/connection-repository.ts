import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { connections, type ConnectionKind } from '../schema/connections.js';
import type { SecretBox } from '../secrets.js';
import { unlessDuplicate } from './already-exists.js';
import { afterCursor, orderTerms, sortKeyOf, startsWith, toPage, type KeysetOrder } from './keyset-page.js';

/** The secrets a connection may hold, in plain text. Only {@link ConnectionRepository.readSecrets} returns them. */
export interface ConnectionSecrets {
  clientSecret?: string;
  /** PEM private key of the app's certificate. */
  certificateKey?: string;
  /** Refresh token of a delegated (app + user) connection. */
  refreshToken?: string;
  /** CSP only: the multi-tenant GDAP app's client secret (`clientSecret` is the Partner Center app's). */
  gdapClientSecret?: string;
}

export type ConnectionSecretName = keyof Required<ConnectionSecrets>;
const SECRET_NAMES: readonly ConnectionSecretName[] = [
  'clientSecret',
  'certificateKey',
  'refreshToken',
  'gdapClientSecret',
];

/** Secret changes: a value replaces, `null` removes, absent keeps. */
export type ConnectionSecretChanges = { [K in ConnectionSecretName]?: string | null };

/**
 * The settings key where the repository records when each secret was last set (ISO times, null
 * once removed). It is maintained on every secret write; callers only read it.
 */
export const SECRETS_CHANGED_AT_SETTING = 'secretsChangedAt';

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
  hasSecret: Record<ConnectionSecretName, boolean>;
  /** When each stored secret was set (null: none stored, or stored before this was recorded). */
  secretsChangedAt: Record<ConnectionSecretName, Date | null>;
  createdAt: Date;
  updatedAt: Date;
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

export interface ConnectionChanges {
  name?: string;
  tenantId?: string;
  clientId?: string | null;
  /** Merged into the stored settings key by key (other keys are kept); never put a secret here. */
  settings?: Record<string, unknown>;
  inactive?: boolean;
  secrets?: ConnectionSecretChanges;
}

export interface ConnectionListOptions {
  kind?: ConnectionKind;
  /** Prefix of the name, case-insensitive. */
  search?: string;
  inactive?: boolean;
  sort?: 'name' | '-name';
  limit?: number;
  cursor?: string;
}

/** Connections, with secrets encrypted at rest. Depend on the methods you use. */
export interface ConnectionRepository {
  /** Throws `AlreadyExistsError` (field `name`) when another connection has the name. */
  create(input: NewConnection): Promise<ConnectionSummary>;
  findById(id: string): Promise<ConnectionSummary | undefined>;
  /** Keyset-paged by name. */
  list(options: ConnectionListOptions): Promise<Page<ConnectionSummary>>;
  /** Connections matching the filters (connections are few: cheap). */
  count(options: Pick<ConnectionListOptions, 'kind' | 'search' | 'inactive'>): Promise<number>;
  /** The updated connection, or undefined when there is none. Throws `AlreadyExistsError` on a taken name. */
  update(id: string, changes: ConnectionChanges): Promise<ConnectionSummary | undefined>;
  setInactive(id: string, inactive: boolean): Promise<ConnectionSummary | undefined>;
  /** Decrypts the stored secrets; throws `SecretDecryptionError` if the key is wrong. */
  readSecrets(id: string): Promise<ConnectionSecrets | undefined>;
  /** Replaces the given secrets (e.g. a rotated refresh token); `null` removes one. */
  updateSecrets(id: string, secrets: ConnectionSecretChanges): Promise<void>;
  /** Deletes the connection (its tenant mappings and grants go with it); false when there was none. */
  delete(id: string): Promise<boolean>;
}

type Row = typeof connections.$inferSelect;

/** The column holding each secret, encrypted. */
const CIPHERTEXT_COLUMN = {
  clientSecret: 'clientSecretCiphertext',
  certificateKey: 'certificateKeyCiphertext',
  refreshToken: 'refreshTokenCiphertext',
  gdapClientSecret: 'gdapClientSecretCiphertext',
} as const satisfies Record<ConnectionSecretName, keyof Row>;

const NAME_TAKEN = { connections_name_key: { field: 'name', message: 'Another connection has this name.' } };
const nameKey = sql`lower(${connections.name}) collate "C"`;

function keysetOrder(sort: ConnectionListOptions['sort'] = 'name'): KeysetOrder {
  const direction = sort === '-name' ? 'desc' : 'asc';
  return { expression: nameKey, type: 'text', id: connections.id, idType: 'uuid', direction };
}

function filters(options: Pick<ConnectionListOptions, 'kind' | 'search' | 'inactive'>): (SQL | undefined)[] {
  return [
    options.kind ? eq(connections.kind, options.kind) : undefined,
    options.search ? startsWith(nameKey, options.search) : undefined,
    options.inactive === undefined ? undefined : eq(connections.inactive, options.inactive),
  ];
}

/** `settings` with the change times of the secrets in `changes` recorded (SQL, atomic). */
function stampSecrets(base: SQL, changes: ConnectionSecretChanges): SQL {
  const now = new Date().toISOString();
  const stamps = Object.fromEntries(
    SECRET_NAMES.filter((name) => changes[name] !== undefined).map((name) => [
      name,
      changes[name] === null ? null : now,
    ]),
  );
  if (Object.keys(stamps).length === 0) return base;
  const key = SECRETS_CHANGED_AT_SETTING;
  return sql`(${base}) || jsonb_build_object(${key}::text, coalesce(${connections.settings} -> ${key}::text, '{}'::jsonb) || ${JSON.stringify(stamps)}::jsonb)`;
}

/** A {@link ConnectionRepository} over `db`, encrypting with `secrets`. */
export function createConnectionRepository(db: Database, secrets: SecretBox): ConnectionRepository {
  const seal = (value: string | null | undefined) =>
    value === undefined ? undefined : value === null ? null : secrets.encrypt(value);
  const open = (value: string | null) => (value === null ? undefined : secrets.decrypt(value));
  const sealAll = (changes: ConnectionSecretChanges) => ({
    clientSecretCiphertext: seal(changes.clientSecret),
    certificateKeyCiphertext: seal(changes.certificateKey),
    refreshTokenCiphertext: seal(changes.refreshToken),
    gdapClientSecretCiphertext: seal(changes.gdapClientSecret),
  });

  const findById = async (id: string) => {
    const [row] = await db.select().from(connections).where(eq(connections.id, id));
    return row && summarise(row);
  };

  const update = async (id: string, changes: ConnectionChanges) => {
    const secretChanges = changes.secrets ?? {};
    const settings = changes.settings
      ? sql`${connections.settings} || ${JSON.stringify(changes.settings)}::jsonb`
      : sql`${connections.settings}`;
    const [row] = await unlessDuplicate(
      () =>
        db
          .update(connections)
          .set({
            name: changes.name,
            tenantId: changes.tenantId,
            clientId: changes.clientId,
            inactive: changes.inactive,
            settings: stampSecrets(settings, secretChanges),
            ...sealAll(secretChanges),
            updatedAt: sql`now()`,
          })
          .where(eq(connections.id, id))
          .returning(),
      NAME_TAKEN,
    );
    return row && summarise(row);
  };

  return {
    async create(input) {
      const given = SECRET_NAMES.filter((name) => input.secrets?.[name] !== undefined);
      const now = new Date().toISOString();
      const [row] = await unlessDuplicate(
        () =>
          db
            .insert(connections)
            .values({
              kind: input.kind,
              name: input.name,
              tenantId: input.tenantId,
              clientId: input.clientId ?? null,
              settings: {
                ...input.settings,
                ...(given.length > 0
                  ? { [SECRETS_CHANGED_AT_SETTING]: Object.fromEntries(given.map((n) => [n, now])) }
                  : {}),
              },
              clientSecretCiphertext: seal(input.secrets?.clientSecret) ?? null,
              certificateKeyCiphertext: seal(input.secrets?.certificateKey) ?? null,
              refreshTokenCiphertext: seal(input.secrets?.refreshToken) ?? null,
              gdapClientSecretCiphertext: seal(input.secrets?.gdapClientSecret) ?? null,
            })
            .returning(),
        NAME_TAKEN,
      );
      if (!row) throw new Error('insert into connections returned no row');
      return summarise(row);
    },

    findById,

    async list(options) {
      const limit = pageSize(options.limit);
      const order = keysetOrder(options.sort);
      const rows = await db
        .select({ item: connections, sortKey: sortKeyOf(order), id: connections.id })
        .from(connections)
        .where(and(...filters(options), afterCursor(order, options.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(
        rows.map((row) => ({ ...row, item: summarise(row.item) })),
        limit,
      );
    },

    async count(options) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(connections)
        .where(and(...filters(options)));
      return row?.count ?? 0;
    },

    update,

    setInactive: (id, inactive) => update(id, { inactive }),

    async readSecrets(id) {
      const [row] = await db.select().from(connections).where(eq(connections.id, id));
      if (!row) return undefined;
      const result: ConnectionSecrets = {};
      for (const name of SECRET_NAMES) {
        const value = open(row[CIPHERTEXT_COLUMN[name]]);
        if (value !== undefined) result[name] = value;
      }
      return result;
    },

    async updateSecrets(id, changes) {
      await update(id, { secrets: changes });
    },

    async delete(id) {
      const rows = await db
        .delete(connections)
        .where(eq(connections.id, id))
        .returning({ id: connections.id });
      return rows.length > 0;
    },
  };
}

function changedAt(settings: Record<string, unknown>, name: ConnectionSecretName): Date | null {
  const stamps = settings[SECRETS_CHANGED_AT_SETTING];
  const value = stamps && typeof stamps === 'object' ? (stamps as Record<string, unknown>)[name] : null;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;
}

function mapSecrets<T>(value: (name: ConnectionSecretName) => T): Record<ConnectionSecretName, T> {
  return Object.fromEntries(SECRET_NAMES.map((name) => [name, value(name)])) as Record<
    ConnectionSecretName,
    T
  >;
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
    hasSecret: mapSecrets((name) => row[CIPHERTEXT_COLUMN[name]] !== null),
    secretsChangedAt: mapSecrets((name) =>
      row[CIPHERTEXT_COLUMN[name]] === null ? null : changedAt(row.settings, name),
    ),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
