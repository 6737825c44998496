import { and, asc, count, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { HrPerson } from '../../contracts/hr/person.js';
import type { HrSourceKind } from '../../contracts/hr/source.js';
import type { Database } from '../database-types.js';
import { hrPersons, hrSources } from '../schema/hr.js';
import { AlreadyExistsError, unlessDuplicate } from './already-exists.js';

/**
 * What the SCIM endpoint of an HR source (issue 9) reads and writes. A person deleted through SCIM
 * stays in `hr_persons` as a leaver (removed_on set) so the lifecycle still disables the account,
 * but loses its userName: a row without one is gone as far as SCIM is concerned (404, not listed),
 * and its userName and employee id can be pushed again (a rehire takes the row over).
 */

/** A source as the endpoint authenticates against it. */
export interface HrScimSource {
  id: string;
  kind: HrSourceKind;
  /** Hex SHA-256 of the bearer token; null until one is issued. */
  scimTokenHash: string | null;
}

/** A person as SCIM shows them. */
export interface HrScimPersonRow {
  scimId: string;
  employeeId: string;
  person: HrPerson;
  contentHash: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  removedOn: string | null;
  /** What enforcement did in the target (contracts/hr/lifecycle.ts HrAppliedState, as stored). */
  applied: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/** A create, replace or patch, already mapped and hashed by the caller. */
export interface HrScimWrite {
  person: HrPerson;
  contentHash: string;
  displayName: string;
  userName: string;
  externalId: string | null;
  active: boolean;
}

/** `attribute eq value`, as the endpoint's filter parser reads it. */
export interface HrScimFilter {
  attribute: 'userName' | 'externalId' | 'id' | 'employeeNumber';
  value: string;
}

export interface HrScimListQuery {
  filter: HrScimFilter | null;
  /** 1-based. */
  startIndex: number;
  count: number;
}

export interface HrScimRepository {
  findSource(id: string): Promise<HrScimSource | null>;
  list(sourceId: string, query: HrScimListQuery): Promise<{ totalResults: number; rows: HrScimPersonRow[] }>;
  get(sourceId: string, scimId: string): Promise<HrScimPersonRow | null>;
  /** SCIM id → employee id of the source's persons among `scimIds` (deleted ones included). */
  employeeIdsOf(sourceId: string, scimIds: string[]): Promise<Map<string, string>>;
  /** Employee id → SCIM id of the source's visible persons among `employeeIds`. */
  scimIdsOf(sourceId: string, employeeIds: string[]): Promise<Map<string, string>>;
  /** A new resource; {@link AlreadyExistsError} (`userName` or `employeeId`) on a duplicate. */
  insert(sourceId: string, write: HrScimWrite, today: string): Promise<HrScimPersonRow>;
  /** Null when the resource is not there (or deleted); {@link AlreadyExistsError} on a taken userName. */
  replace(
    sourceId: string,
    scimId: string,
    write: HrScimWrite,
    today: string,
  ): Promise<HrScimPersonRow | null>;
  /** Makes the person a leaver from `today` and hides them; false when not there. */
  remove(sourceId: string, scimId: string, today: string): Promise<boolean>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const visible = isNotNull(hrPersons.scimUserName);

const DUPLICATES = {
  hr_persons_scim_user_name_key: {
    field: 'userName',
    message: 'Another person of this source has that userName.',
  },
  hr_persons_source_id_employee_id_pk: {
    field: 'employeeId',
    message: 'Another person of this source has that employee id.',
  },
};

function rowOf(row: typeof hrPersons.$inferSelect): HrScimPersonRow {
  return {
    scimId: row.scimId,
    employeeId: row.employeeId,
    person: row.person as HrPerson,
    contentHash: row.contentHash,
    userName: row.scimUserName ?? '',
    externalId: row.scimExternalId,
    active: row.scimActive,
    removedOn: row.removedOn,
    applied: row.applied,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function filterOf(filter: HrScimFilter | null): SQL | undefined {
  if (filter === null) return undefined;
  switch (filter.attribute) {
    case 'userName':
      return sql`lower(${hrPersons.scimUserName}) = lower(${filter.value})`;
    case 'externalId':
      return eq(hrPersons.scimExternalId, filter.value);
    case 'employeeNumber':
      return eq(hrPersons.employeeId, filter.value);
    case 'id':
      // Not a uuid: no resource has it (and the cast would fail).
      return UUID.test(filter.value) ? eq(hrPersons.scimId, filter.value) : sql`false`;
  }
}

/** The columns a write sets; `active=false` makes the person a leaver from today (kept if earlier). */
function columnsOf(write: HrScimWrite, today: string) {
  return {
    person: write.person as unknown as Record<string, unknown>,
    contentHash: write.contentHash,
    displayName: write.displayName,
    scimUserName: write.userName,
    scimExternalId: write.externalId,
    scimActive: write.active,
    removedOn: write.active ? null : sql<string>`coalesce(${hrPersons.removedOn}, ${today}::date)`,
    updatedAt: sql`now()`,
  };
}

export function createHrScimRepository(db: Database): HrScimRepository {
  const inSource = (sourceId: string, ...conditions: (SQL | undefined)[]) =>
    and(eq(hrPersons.sourceId, sourceId), ...conditions);
  const byScimId = (scimId: string) => (UUID.test(scimId) ? eq(hrPersons.scimId, scimId) : sql`false`);

  return {
    async findSource(id) {
      if (!UUID.test(id)) return null;
      const [row] = await db
        .select({ id: hrSources.id, kind: hrSources.kind, scimTokenHash: hrSources.scimTokenHash })
        .from(hrSources)
        .where(eq(hrSources.id, id));
      return row ?? null;
    },

    async list(sourceId, query) {
      const where = inSource(sourceId, visible, filterOf(query.filter));
      const [total] = await db.select({ n: count() }).from(hrPersons).where(where);
      const rows =
        query.count > 0
          ? await db
              .select()
              .from(hrPersons)
              .where(where)
              .orderBy(asc(hrPersons.createdAt), asc(hrPersons.scimId))
              .offset(query.startIndex - 1)
              .limit(query.count)
          : [];
      return { totalResults: Number(total?.n ?? 0), rows: rows.map(rowOf) };
    },

    async get(sourceId, scimId) {
      const [row] = await db
        .select()
        .from(hrPersons)
        .where(inSource(sourceId, visible, byScimId(scimId)));
      return row ? rowOf(row) : null;
    },

    async employeeIdsOf(sourceId, scimIds) {
      const ids = scimIds.filter((id) => UUID.test(id));
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ scimId: hrPersons.scimId, employeeId: hrPersons.employeeId })
        .from(hrPersons)
        .where(inSource(sourceId, inArray(hrPersons.scimId, ids)));
      return new Map(rows.map((r) => [r.scimId, r.employeeId]));
    },

    async scimIdsOf(sourceId, employeeIds) {
      if (employeeIds.length === 0) return new Map();
      const rows = await db
        .select({ scimId: hrPersons.scimId, employeeId: hrPersons.employeeId })
        .from(hrPersons)
        .where(inSource(sourceId, visible, inArray(hrPersons.employeeId, employeeIds)));
      return new Map(rows.map((r) => [r.employeeId, r.scimId]));
    },

    async insert(sourceId, write, today) {
      const employeeId = write.person.employeeId;
      return unlessDuplicate(
        () =>
          db.transaction(async (tx) => {
            const [existing] = await tx
              .select({ userName: hrPersons.scimUserName })
              .from(hrPersons)
              .where(inSource(sourceId, eq(hrPersons.employeeId, employeeId)))
              .for('update');
            if (existing && existing.userName !== null) {
              throw new AlreadyExistsError(
                'employeeId',
                DUPLICATES.hr_persons_source_id_employee_id_pk.message,
              );
            }
            const columns = columnsOf(write, today);
            const [row] = existing
              ? // A deleted person pushed again (a rehire): a new resource on the same row.
                await tx
                  .update(hrPersons)
                  .set({ ...columns, scimId: sql`gen_random_uuid()` })
                  .where(inSource(sourceId, eq(hrPersons.employeeId, employeeId)))
                  .returning()
              : await tx
                  .insert(hrPersons)
                  .values({
                    sourceId,
                    employeeId,
                    ...columns,
                    removedOn: write.active ? null : today,
                  })
                  .returning();
            return rowOf(row!);
          }),
        DUPLICATES,
      );
    },

    async replace(sourceId, scimId, write, today) {
      const [row] = await unlessDuplicate(
        () =>
          db
            .update(hrPersons)
            .set(columnsOf(write, today))
            .where(inSource(sourceId, visible, byScimId(scimId)))
            .returning(),
        DUPLICATES,
      );
      return row ? rowOf(row) : null;
    },

    async remove(sourceId, scimId, today) {
      const rows = await db
        .update(hrPersons)
        .set({
          scimUserName: null,
          scimActive: false,
          removedOn: sql`coalesce(${hrPersons.removedOn}, ${today}::date)`,
          updatedAt: sql`now()`,
        })
        .where(inSource(sourceId, visible, byScimId(scimId)))
        .returning({ scimId: hrPersons.scimId });
      return rows.length > 0;
    },
  };
}
