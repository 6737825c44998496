import { setImmediate } from 'node:timers/promises';
import { sql, type SQL } from 'drizzle-orm';
import { CUSTOM_FIELD_PREFIX } from '../../../contracts/entra/fields.js';
import { planTime, type PlanDeskUser, type PlanSite } from '../../../contracts/entra/import-plan.js';
import type { Database } from '../../database-types.js';
import { arrayParam, chunk } from '../../sql-arrays.js';
import { queryRows } from '../../sql-rows.js';
import { USER_IMPORT_TEXT_COLUMNS } from './desk-fields.js';

/** Which desk users and sites a user import plans against. */
export interface UserPlanStateQuery {
  /** Tenants the connection reads: every desk user linked to one of them. */
  tenantIds: readonly string[];
  /** Customers the configuration reaches: their unlinked users (adoption candidates) and sites. */
  customerIds: readonly string[] | 'all';
  /** The desk fields the plan reads; default every one. Users' other values are left out. */
  fields?: readonly string[];
  /**
   * Partial (delta) runs: only users linked to these Entra users, and the unlinked users of the
   * customers only when one of these has no linked user (someone new, who may adopt a record).
   */
  entraIds?: readonly string[];
  /**
   * With `entraIds`: count the active linked users only up to this many (the number past which
   * the mass-deactivation guard cannot trip for this run); default: count them all.
   */
  countLinkedUpTo?: number;
}

/** The desk as the user planner sees it. */
export interface UserPlanState {
  users: PlanDeskUser[];
  /** Active sites only: nobody is placed on an inactive site. */
  sites: PlanSite[];
  /**
   * With `entraIds`: the active users linked to the tenants in the whole desk (the guard's base),
   * or `countLinkedUpTo` when there are at least that many.
   */
  linkedTotal?: number;
}

type UserRow = Record<string, unknown> & {
  id: string;
  customer_id: string;
  site_id: string;
  tenant_id: string | null;
  entra_object_id: string | null;
  inactive: boolean;
  role_ids: string[];
};

/** A value a loaded user carries: its name in the row, and the SQL that selects it. */
interface LoadedColumn {
  name: string;
  select: string;
}

const ALWAYS: LoadedColumn[] = [
  'id',
  'customer_id',
  'site_id',
  'tenant_id',
  'entra_object_id',
  'inactive',
].map((name) => ({ name, select: `u.${name}` }));
const ROLE_IDS: LoadedColumn = {
  name: 'role_ids',
  select: `array(select a.role_id::text from desk_user_role_assignments a where a.desk_user_id = u.id order by 1)`,
};

/** The columns that carry `fields` (every desk field when undefined), in the row's order. */
function loadedColumns(fields: readonly string[] | undefined): LoadedColumn[] {
  const wanted = (field: string) => fields === undefined || fields.includes(field);
  const columns = [...ALWAYS, ROLE_IDS];
  if (wanted('isServiceAccount'))
    columns.push({ name: 'is_service_account', select: 'u.is_service_account' });
  if (wanted('manager')) columns.push({ name: 'manager', select: 'm.entra_object_id' });
  if (wanted('lastSignInAt')) columns.push({ name: 'last_sign_in_at', select: 'u.last_sign_in_at' });
  if (fields === undefined || fields.some((f) => f.startsWith(CUSTOM_FIELD_PREFIX)))
    columns.push({ name: 'custom_fields', select: 'u.custom_fields' });
  for (const [field, column] of Object.entries(USER_IMPORT_TEXT_COLUMNS))
    if (wanted(field)) columns.push({ name: column, select: `u.${column}` });
  return columns;
}

/** Users per query of {@link loadUserPlanState}. */
export const PLAN_STATE_CHUNK_ROWS = 2_000;
const NO_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Loads the desk users and sites a user plan needs (roles and the manager's Entra id come with
 * each user, never one query per user).
 *
 * A re-run reads every linked user while Graph is read, so two things keep it cheap:
 * - each user comes as one JSON array: one text column per row is parsed natively, where two
 *   dozen columns cost the embedded engine's JavaScript protocol reader 2.5 times as long
 *   (measured: 50k users, 1.8 s → 0.7 s);
 * - users come in keyset chunks of {@link PLAN_STATE_CHUNK_ROWS}, with a turn of the event loop
 *   between them, so Graph pages keep being requested while the embedded engine (which runs on
 *   this thread) loads the desk, and Microsoft prepares the next page meanwhile.
 */
export async function loadUserPlanState(db: Database, query: UserPlanStateQuery): Promise<UserPlanState> {
  const columns = loadedColumns(query.fields);
  const rows: UserRow[] = [];
  const tenants = arrayParam(query.tenantIds, 'uuid');
  for (const tenantId of query.tenantIds) {
    if (query.entraIds) {
      // A few users by their keys: one index probe each, whatever the size of the tenant.
      for (const ids of chunk(query.entraIds, PLAN_STATE_CHUNK_ROWS)) {
        const only = sql`u.tenant_id = ${tenantId} and u.entra_object_id = any(${arrayParam(ids, 'uuid')})`;
        rows.push(...(await selectUsers(db, columns, only, sql``)));
      }
      continue;
    }
    const linked = (after: string) => sql`u.tenant_id = ${tenantId} and u.entra_object_id > ${after}`;
    rows.push(...(await loadInChunks(db, columns, linked, 'entra_object_id')));
  }
  const customers = query.customerIds === 'all' ? null : arrayParam(query.customerIds, 'uuid');
  const found = new Set(rows.map((row) => row.entra_object_id));
  if (!query.entraIds || query.entraIds.some((id) => !found.has(id))) {
    const reached = customers ? sql`u.customer_id = any(${customers})` : sql`true`;
    const unlinked = (after: string) => sql`u.tenant_id is null and ${reached} and u.id > ${after}`;
    rows.push(...(await loadInChunks(db, columns, unlinked, 'id')));
  }
  const linkedTotal = query.entraIds ? await countLinked(db, tenants, query.countLinkedUpTo) : undefined;
  const sites = await queryRows<{
    id: string;
    customer_id: string;
    name: string;
    reference: string | null;
    is_default: boolean;
  }>(
    db,
    sql`select id, customer_id, name, reference, is_default from sites
        where not inactive ${customers ? sql`and customer_id = any(${customers})` : sql``}`,
  );
  return {
    ...(linkedTotal === undefined ? {} : { linkedTotal }),
    users: rows.map(toPlanUser),
    sites: sites.map((s) => ({
      id: s.id,
      customerId: s.customer_id,
      name: s.name,
      reference: s.reference,
      isDefault: s.is_default,
    })),
  };
}

/** The active users linked to `tenants`, counted up to `upTo` (all of them without it). */
async function countLinked(db: Database, tenants: SQL, upTo: number | undefined): Promise<number> {
  const linked = sql`select 1 from desk_users
      where tenant_id = any(${tenants}) and entra_object_id is not null and not inactive
      ${upTo === undefined ? sql`` : sql`limit ${upTo}`}`;
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${linked}) as l`);
  return row!.n;
}

/** Desk users matching `filter`, each as one JSON array (see {@link loadUserPlanState}). */
async function selectUsers(
  db: Database,
  columns: readonly LoadedColumn[],
  filter: SQL,
  tail: SQL,
): Promise<UserRow[]> {
  const selected = sql.raw(columns.map((c) => c.select).join(', '));
  const manager = columns.some((c) => c.name === 'manager')
    ? sql`left join desk_users m on m.id = u.manager_id`
    : sql``;
  const rows = await queryRows<{ r: string }>(
    db,
    sql`select json_build_array(${selected})::text as r from desk_users u ${manager} where ${filter} ${tail}`,
  );
  return rows.map(({ r }) => userRow(columns, JSON.parse(r) as unknown[]));
}

/** Desk users matching `filter`, read in keyset order of `key` (a unique, indexed uuid). */
async function loadInChunks(
  db: Database,
  columns: readonly LoadedColumn[],
  filter: (after: string) => SQL,
  key: 'id' | 'entra_object_id',
): Promise<UserRow[]> {
  const rows: UserRow[] = [];
  let after = NO_UUID;
  for (;;) {
    // A turn of the event loop first: Graph responses waiting meanwhile are taken in.
    await setImmediate();
    const order = sql`order by ${sql.raw(`u.${key}`)} limit ${PLAN_STATE_CHUNK_ROWS}`;
    const loaded = await selectUsers(db, columns, filter(after), order);
    rows.push(...loaded);
    if (loaded.length < PLAN_STATE_CHUNK_ROWS) return rows;
    after = rows.at(-1)![key]!;
  }
}

function userRow(columns: readonly LoadedColumn[], values: readonly unknown[]): UserRow {
  const row: Record<string, unknown> = {};
  columns.forEach((column, i) => (row[column.name] = values[i] ?? null));
  return row as UserRow;
}

function toPlanUser(row: UserRow): PlanDeskUser {
  // Only the values loaded: a field the plan does not read is absent, never a false null.
  const values: Record<string, string | null> = {};
  for (const [field, column] of Object.entries(USER_IMPORT_TEXT_COLUMNS))
    if (column in row) values[field] = row[column] as string | null;
  if ('is_service_account' in row) values.isServiceAccount = String(row.is_service_account);
  if ('manager' in row) values.manager = row.manager as string | null;
  if ('last_sign_in_at' in row) values.lastSignInAt = planTime(row.last_sign_in_at as string | null);
  const custom = (row.custom_fields ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(custom)) {
    values[`${CUSTOM_FIELD_PREFIX}${name}`] = customText(value);
  }
  return {
    id: row.id,
    customerId: row.customer_id,
    siteId: row.site_id,
    tenantId: row.tenant_id,
    entraObjectId: row.entra_object_id,
    inactive: row.inactive,
    values,
    roleIds: row.role_ids,
  };
}

/** A custom field's stored JSON as the text a mapping would have written. */
function customText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}
