import { sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { deskUsers } from '../schema/desk-users.js';
import { arrayParam, chunk, type ArrayElementType } from '../sql-arrays.js';
import { queryRows } from '../sql-rows.js';

/**
 * Rows per statement. Large enough that a 100k-user tenant takes a handful of statements, small
 * enough to bound PGlite's memory per statement.
 */
export const UPSERT_CHUNK_ROWS = 5_000;

/** A desk user as a sync writes it, keyed by (tenantId, entraObjectId). */
export interface DeskUserUpsert {
  tenantId: string;
  entraObjectId: string;
  customerId: string;
  siteId: string;
  displayName: string;
  givenName?: string | null;
  surname?: string | null;
  userPrincipalName?: string | null;
  email?: string | null;
  networkLogin?: string | null;
  jobTitle?: string | null;
  /** Merged into the stored custom fields: keys given here overwrite, other keys are kept. */
  customFields?: Record<string, unknown>;
  inactive?: boolean;
  isServiceAccount?: boolean;
  lastSignInAt?: Date | null;
}

/** What an upsert did. Rows whose values did not change are not written at all. */
export interface UpsertSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Columns written by the upsert, in the order of the `unnest` arrays. JSON and timestamps travel
 * as text and are cast in SQL, so both drivers send the arrays the same way.
 */
const COLUMNS: readonly { name: string; sent: ArrayElementType; cast?: string }[] = [
  { name: 'tenant_id', sent: 'uuid' },
  { name: 'entra_object_id', sent: 'uuid' },
  { name: 'customer_id', sent: 'uuid' },
  { name: 'site_id', sent: 'uuid' },
  { name: 'display_name', sent: 'text' },
  { name: 'given_name', sent: 'text' },
  { name: 'surname', sent: 'text' },
  { name: 'user_principal_name', sent: 'text' },
  { name: 'email', sent: 'text' },
  { name: 'network_login', sent: 'text' },
  { name: 'job_title', sent: 'text' },
  { name: 'custom_fields', sent: 'text', cast: 'jsonb' },
  { name: 'inactive', sent: 'boolean' },
  { name: 'is_service_account', sent: 'boolean' },
  { name: 'last_sign_in_at', sent: 'text', cast: 'timestamptz' },
];

/** Columns an update may change (everything but the identity key). */
const UPDATED = COLUMNS.map((column) => column.name).filter(
  (name) => name !== 'tenant_id' && name !== 'entra_object_id',
);

function toColumns(row: DeskUserUpsert): unknown[] {
  return [
    row.tenantId,
    row.entraObjectId,
    row.customerId,
    row.siteId,
    row.displayName,
    row.givenName ?? null,
    row.surname ?? null,
    row.userPrincipalName ?? null,
    row.email ?? null,
    row.networkLogin ?? null,
    row.jobTitle ?? null,
    JSON.stringify(row.customFields ?? {}),
    row.inactive ?? false,
    row.isServiceAccount ?? false,
    row.lastSignInAt ? row.lastSignInAt.toISOString() : null,
  ];
}

/**
 * Inserts or updates desk users by (tenant id, Entra object id) with one `unnest` statement per
 * chunk, in one transaction. A key repeated in `rows` counts once, the last occurrence winning.
 */
export async function upsertDeskUsers(db: Database, rows: readonly DeskUserUpsert[]): Promise<UpsertSummary> {
  const unique = [...new Map(rows.map((row) => [identityKey(row), row])).values()];
  const summary: UpsertSummary = { created: 0, updated: 0, unchanged: 0 };
  if (unique.length === 0) return summary;
  await db.transaction(async (tx) => {
    for (const part of chunk(unique, UPSERT_CHUNK_ROWS)) {
      const written = await upsertChunk(tx, part);
      const created = written.filter((row) => row.inserted).length;
      summary.created += created;
      summary.updated += written.length - created;
      summary.unchanged += part.length - written.length;
    }
  });
  return summary;
}

function identityKey(row: DeskUserUpsert): string {
  return `${row.tenantId.toLowerCase()}/${row.entraObjectId.toLowerCase()}`;
}

async function upsertChunk(db: Database, rows: DeskUserUpsert[]): Promise<{ inserted: boolean }[]> {
  const values = rows.map(toColumns);
  const arrays = COLUMNS.map((column, index) =>
    arrayParam(
      values.map((row) => row[index]),
      column.sent,
    ),
  );
  const names = sql.raw(COLUMNS.map((column) => column.name).join(', '));
  const input = sql.raw(
    COLUMNS.map(({ name, cast }) => (cast ? `i.${name}::${cast}` : `i.${name}`)).join(', '),
  );
  const incoming = (name: string) =>
    name === 'custom_fields' ? 'desk_users.custom_fields || excluded.custom_fields' : `excluded.${name}`;
  const assignments = sql.raw(UPDATED.map((name) => `${name} = ${incoming(name)}`).join(', '));
  const current = sql.raw(UPDATED.map((name) => `desk_users.${name}`).join(', '));
  const proposed = sql.raw(UPDATED.map(incoming).join(', '));
  // The WHERE skips rows whose values are unchanged (no write, no updated_at bump, not returned);
  // `xmax = 0` is true only for rows this statement inserted, which tells created from updated.
  return queryRows<{ inserted: boolean }>(
    db,
    sql`insert into ${deskUsers} (${names})
        select ${input} from unnest(${sql.join(arrays, sql`, `)}) as i(${names})
        on conflict (tenant_id, entra_object_id) do update set ${assignments}, updated_at = now()
        where (${current}) is distinct from (${proposed})
        returning (xmax = 0) as inserted`,
  );
}
