import { sql } from 'drizzle-orm';
import type { Database } from '../../database-types.js';
import { StalePlanError } from '../../errors.js';
import { arrayParam, chunk } from '../../sql-arrays.js';
import { queryRows } from '../../sql-rows.js';
import { uniqueViolation } from '../already-exists.js';
import { UPSERT_CHUNK_ROWS } from '../user-upsert.js';
import { bulkRows, type BulkColumn } from '../../bulk-rows.js';
import { patchedColumns, patchOf, valueColumns } from './bulk-sql.js';
import type { DeskRecordKind } from './desk-fields.js';
import type { PreparedRecord } from './plan-records.js';

/** The table a plan writes records to (`desk_users` or `agents`) and how. */
export interface RecordTable {
  name: 'desk_users' | 'agents';
  kind: DeskRecordKind;
  managerColumn: 'manager_id' | 'line_manager_id';
}

/**
 * Table-specific columns of a chunk (a user's site and customer, an agent's licence type and
 * default team). On update a null keeps the stored value.
 */
export type ExtraColumns = (records: readonly PreparedRecord[]) => BulkColumn[];

/** Inserts `records` (managers first) with one `unnest` statement per chunk; returns their ids. */
export async function insertRecords(
  db: Database,
  table: RecordTable,
  records: readonly PreparedRecord[],
  extra: ExtraColumns,
): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunk(records, UPSERT_CHUNK_ROWS)) {
    const splits = part.map((r) => ({
      ...r.split,
      text: { ...r.split.text, display_name: r.split.text.display_name ?? r.planned.displayName },
    }));
    const columns = [...valueColumns(table.kind, splits), ...extra(part)];
    const written = columns.map((column) => column.name);
    const input = bulkRows([...identityColumns(part), ...columns, ...managerColumns(part)]);
    const names = sql.raw([...written, table.managerColumn].join(', '));
    const values = sql.raw(written.map((name) => `i.${name}`).join(', '));
    // A manager already linked in the desk is looked up by its Entra link; one created by this
    // very statement comes as `manager_id`, set by the plan.
    const rows = await unlessLinkedElsewhere(() =>
      queryRows<{ id: string }>(
        db,
        sql`insert into ${sql.identifier(table.name)} (id, tenant_id, entra_object_id, ${names})
            select i.id, i.tenant_id, i.entra_object_id, ${values},
                   coalesce(i.manager_id, ${managerLookup(table)})
            from ${input} as i
            returning id`,
      ),
    );
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/**
 * Applies `records`' changes with one statement per chunk: only the columns a plan names change,
 * an adopted record gets its Entra link, and a row whose values end up equal is not written.
 * Returns the ids of the rows written.
 */
export async function updateRecords(
  db: Database,
  table: RecordTable,
  records: readonly PreparedRecord[],
  extra: ExtraColumns,
): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunk(records, UPSERT_CHUNK_ROWS)) {
    const extras = extra(part);
    const input = bulkRows([
      ...identityColumns(part),
      { name: 'p', type: 'jsonb', values: part.map((r) => patchOf(r.split)) },
      { name: 'set_manager', type: 'boolean', values: part.map((r) => r.setManager) },
      ...managerColumns(part),
      ...extras,
    ]);
    const manager = table.managerColumn;
    const assigned = [
      { column: 'tenant_id', expression: 'i.tenant_id' },
      { column: 'entra_object_id', expression: 'i.entra_object_id' },
      ...patchedColumns(table.kind),
      {
        column: manager,
        expression: `case when i.set_manager then coalesce(i.manager_id, ${managerLookupText(table)}) else u.${manager} end`,
      },
      ...extras.map(({ name }) => ({ column: name, expression: `coalesce(i.${name}, u.${name})` })),
    ];
    const columns = sql.raw(assigned.map((a) => a.column).join(', '));
    const current = sql.raw(assigned.map((a) => `d.${a.column}`).join(', '));
    const next = sql.raw(assigned.map((a) => `n.${a.column}`).join(', '));
    const computed = sql.raw(assigned.map((a) => `${a.expression} as ${a.column}`).join(', '));
    const target = sql.identifier(table.name);
    // Each row is reached through its primary key: the fenced lateral read and the id array keep
    // the planner from hashing the whole table once per chunk (see `managerLookupText`).
    const rows = await unlessLinkedElsewhere(() =>
      queryRows<{ id: string }>(
        db,
        sql`with n as materialized (
              select u.id, ${computed}
                from ${input} as i
                cross join lateral (select * from ${target} as u where u.id = i.id offset 0) as u)
            update ${target} as d set (${columns}) = (${next}), updated_at = now()
              from n
             where d.id = n.id and d.id = any(array(select n.id from n))
               and (${current}) is distinct from (${next})
             returning d.id`,
      ),
    );
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** Sets managers the insert could not (created by a later chunk); returns the ids written. */
export async function linkManagers(
  db: Database,
  table: RecordTable,
  links: readonly { id: string; managerId: string }[],
): Promise<string[]> {
  if (links.length === 0) return [];
  const m = sql.raw(table.managerColumn);
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update ${sql.identifier(table.name)} as d set ${m} = i.manager_id, updated_at = now()
        from unnest(${arrayParam(
          links.map((l) => l.id),
          'uuid',
        )}, ${arrayParam(
          links.map((l) => l.managerId),
          'uuid',
        )}) as i(id, manager_id)
        where d.id = i.id and d.${m} is distinct from i.manager_id
        returning d.id`,
  );
  return rows.map((row) => row.id);
}

/**
 * The desk id of the row's manager when the manager is already linked in the desk (by its Entra
 * link, `manager_lookup`). A scalar subquery runs once per row through the `(tenant_id,
 * entra_object_id)` key; as a join, the planner (which cannot estimate rows read from the JSON
 * parameter) read and hashed the whole table for every chunk of an import (ADR 0024).
 */
function managerLookupText(table: RecordTable): string {
  return `(select m.id from ${table.name} as m where m.tenant_id = i.tenant_id and m.entra_object_id = i.manager_lookup)`;
}

const managerLookup = (table: RecordTable) => sql.raw(managerLookupText(table));

function identityColumns(part: readonly PreparedRecord[]): BulkColumn[] {
  return [
    { name: 'id', type: 'uuid', values: part.map((r) => r.id) },
    { name: 'tenant_id', type: 'uuid', values: part.map((r) => r.planned.tenantId) },
    { name: 'entra_object_id', type: 'uuid', values: part.map((r) => r.planned.entraId) },
  ];
}

function managerColumns(part: readonly PreparedRecord[]): BulkColumn[] {
  return [
    { name: 'manager_id', type: 'uuid', values: part.map((r) => r.managerId) },
    { name: 'manager_lookup', type: 'uuid', values: part.map((r) => r.managerLookup) },
  ];
}

async function unlessLinkedElsewhere<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === 'desk_users_entra_key' || constraint === 'agents_entra_key') {
      throw new StalePlanError('an Entra user the plan links is already linked to another desk record', {
        cause: error,
      });
    }
    throw error;
  }
}
