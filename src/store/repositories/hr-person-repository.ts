import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import type { Page } from '../pagination.js';
import { hrPersons } from '../schema/hr.js';
import { arrayParam, chunk } from '../sql-arrays.js';
import { queryRows } from '../sql-rows.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';
import { containsPattern } from './like-pattern.js';

/** A person as enforcement and imports read them: HR data plus what was done in the target. */
export interface HrPersonRow {
  employeeId: string;
  person: Record<string, unknown>;
  contentHash: string;
  displayName: string;
  removedOn: string | null;
  applied: Record<string, unknown>;
  objectId: string | null;
  userPrincipalName: string | null;
  phase: string;
  pendingActions: number;
  lastError: string | null;
}

export interface HrPersonUpsert {
  employeeId: string;
  person: Record<string, unknown>;
  contentHash: string;
  displayName: string;
}

export interface HrPersonPageQuery {
  search?: string;
  phase?: string;
  failing?: boolean;
  cursor?: string;
  limit: number;
}

const ROWS_PER_STATEMENT = 2000;

const COLUMNS = sql`employee_id as "employeeId", person, content_hash as "contentHash", display_name as "displayName",
  removed_on::text as "removedOn", applied, object_id as "objectId", user_principal_name as "userPrincipalName",
  phase, pending_actions as "pendingActions", last_error as "lastError"`;

const BY_NAME: KeysetOrder = {
  expression: sql`lower(${hrPersons.displayName}) collate "C"`,
  type: 'text',
  id: hrPersons.scimId,
  idType: 'uuid',
  direction: 'asc',
};

/** The persons of HR sources (issue 9). Bulk writes go through `unnest` arrays. */
export function createHrPersonRepository(db: Database) {
  return {
    /** Every person of a source (listed and removed), for imports and enforcement. */
    all(sourceId: string): Promise<HrPersonRow[]> {
      return queryRows<HrPersonRow>(db, sql`select ${COLUMNS} from hr_persons where source_id = ${sourceId}`);
    },

    async get(sourceId: string, employeeId: string): Promise<HrPersonRow | undefined> {
      const [row] = await queryRows<HrPersonRow>(
        db,
        sql`select ${COLUMNS} from hr_persons where source_id = ${sourceId} and employee_id = ${employeeId}`,
      );
      return row;
    },

    /**
     * Writes an import: new and changed persons upserted (listed again if they had been removed),
     * and persons the source no longer lists marked removed from `today` (a leaver from then on).
     */
    async applyImport(
      sourceId: string,
      upserts: readonly HrPersonUpsert[],
      removedIds: readonly string[],
      today: string,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        for (const part of chunk(upserts, ROWS_PER_STATEMENT)) {
          await tx.execute(sql`
            insert into hr_persons (source_id, employee_id, person, content_hash, display_name)
            select ${sourceId}, e, p::jsonb, h, d
              from unnest(${arrayParam(
                part.map((u) => u.employeeId),
                'text',
              )}, ${arrayParam(
                part.map((u) => JSON.stringify(u.person)),
                'text',
              )}, ${arrayParam(
                part.map((u) => u.contentHash),
                'text',
              )}, ${arrayParam(
                part.map((u) => u.displayName),
                'text',
              )}) as x(e, p, h, d)
            on conflict (source_id, employee_id) do update
               set person = excluded.person, content_hash = excluded.content_hash,
                   display_name = excluded.display_name, removed_on = null, updated_at = now()`);
        }
        for (const part of chunk(removedIds, ROWS_PER_STATEMENT)) {
          await tx.execute(sql`
            update hr_persons set removed_on = ${today}::date, updated_at = now()
             where source_id = ${sourceId} and removed_on is null and employee_id = any(${arrayParam(part, 'text')})`);
        }
      });
    },

    /** Stores each person's phase and pending action count as last evaluated. */
    async saveEvaluation(
      sourceId: string,
      rows: readonly { employeeId: string; phase: string; pendingActions: number }[],
    ): Promise<void> {
      for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
        await db.execute(sql`
          update hr_persons p set phase = x.phase, pending_actions = x.pending
            from unnest(${arrayParam(
              part.map((r) => r.employeeId),
              'text',
            )}, ${arrayParam(
              part.map((r) => r.phase),
              'text',
            )}, ${sql.param(part.map((r) => r.pendingActions))}::int[]) as x(employee_id, phase, pending)
           where p.source_id = ${sourceId} and p.employee_id = x.employee_id
             and (p.phase is distinct from x.phase or p.pending_actions is distinct from x.pending)`);
      }
    },

    /** What was done in the target for one person, after a confirmed change. */
    async saveApplied(
      sourceId: string,
      employeeId: string,
      change: {
        applied: Record<string, unknown>;
        objectId: string | null;
        userPrincipalName: string | null;
        lastError: string | null;
        pendingActions: number;
      },
    ): Promise<void> {
      await db
        .update(hrPersons)
        .set({ ...change, enforcedAt: sql`now()` })
        .where(and(eq(hrPersons.sourceId, sourceId), eq(hrPersons.employeeId, employeeId)));
    },

    async page(sourceId: string, query: HrPersonPageQuery): Promise<Page<HrPersonRow> & { total: number }> {
      const pattern = containsPattern(query.search);
      const filters: SQL[] = [sql`source_id = ${sourceId}`];
      if (pattern)
        filters.push(
          sql`(display_name ilike ${pattern} or employee_id ilike ${pattern} or user_principal_name ilike ${pattern})`,
        );
      if (query.phase) filters.push(sql`phase = ${query.phase}`);
      if (query.failing) filters.push(sql`last_error is not null`);
      const where = sql.join(filters, sql` and `);
      const after = afterCursor(BY_NAME, query.cursor);
      const rows = await queryRows<HrPersonRow & { sortKey: string; id: string }>(
        db,
        sql`select ${COLUMNS}, ${sortKeyOf(BY_NAME)} as "sortKey", scim_id as id from hr_persons
             where ${where} ${after ? sql`and ${after}` : sql``}
             order by ${sql.join(orderTerms(BY_NAME), sql`, `)} limit ${query.limit + 1}`,
      );
      const [count] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from hr_persons where ${where}`,
      );
      const page = toPage(
        rows.map(({ sortKey, id, ...item }) => ({ item, sortKey, id })),
        query.limit,
      );
      return { ...page, total: count?.n ?? 0 };
    },

    /** Distinct values per rule field among listed persons (for the rule editor), capped per field. */
    async fieldValues(
      sourceId: string,
      fields: readonly string[],
      cap = 200,
    ): Promise<Record<string, string[]>> {
      const result: Record<string, string[]> = {};
      for (const field of fields) {
        const rows = await queryRows<{ v: string }>(
          db,
          sql`select distinct c->>${field} as v from hr_persons, jsonb_array_elements(person->'contracts') c
               where source_id = ${sourceId} and removed_on is null and c->>${field} is not null
               order by 1 limit ${cap}`,
        );
        result[field] = rows.map((r) => r.v);
      }
      return result;
    },
  };
}
export type HrPersonRepository = ReturnType<typeof createHrPersonRepository>;
