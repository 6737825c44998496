import { sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { deskUsers } from '../schema/desk-users.js';
import { chunk } from '../sql-arrays.js';
import { bulkRows, type BulkType } from '../bulk-rows.js';
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

/** Columns written by the upsert, in the order of {@link toColumns}' values. */
const COLUMNS: readonly { name: string; type: BulkType }[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'entra_object_id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'site_id', type: 'uuid' },
  { name: 'display_name', type: 'text' },
  { name: 'given_name', type: 'text' },
  { name: 'surname', type: 'text' },
  { name: 'user_principal_name', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'network_login', type: 'text' },
  { name: 'job_title', type: 'text' },
  { name: 'custom_fields', type: 'jsonb' },
  { name: 'inactive', type: 'boolean' },
  { name: 'is_service_account', type: 'boolean' },
  { name: 'last_sign_in_at', type: 'timestamptz' },
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
    row.customFields ?? {},
    row.inactive ?? false,
    row.isServiceAccount ?? false,
    row.lastSignInAt ? row.lastSignInAt.toISOString() : null,
  ];
}

/**
 * Inserts or updates desk users by (tenant id, Entra object id) with one bulk statement per
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
  const input = bulkRows(
    COLUMNS.map(({ name, type }, index) => ({ name, type, values: values.map((row) => row[index]) })),
  );
  const names = sql.raw(COLUMNS.map((column) => column.name).join(', '));
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
        select ${names} from ${input} as i
        on conflict (tenant_id, entra_object_id) do update set ${assignments}, updated_at = now()
        where (${current}) is distinct from (${proposed})
        returning (xmax = 0) as inserted`,
  );
}
