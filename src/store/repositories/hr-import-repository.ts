import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import type { Page } from '../pagination.js';
import { hrImports } from '../schema/hr.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';

export type StoredHrImport = typeof hrImports.$inferSelect;
export type NewHrImport = Omit<
  typeof hrImports.$inferInsert,
  'id' | 'createdAt' | 'decidedAt' | 'decidedByName'
>;

const NEWEST_FIRST: KeysetOrder = {
  expression: sql`${hrImports.createdAt}`,
  type: 'timestamptz',
  id: hrImports.id,
  idType: 'uuid',
  direction: 'desc',
};

/** Imports of HR sources: what each brought, and held ones awaiting a decision. */
export function createHrImportRepository(db: Database) {
  return {
    async create(value: NewHrImport): Promise<StoredHrImport> {
      const [row] = await db.insert(hrImports).values(value).returning();
      return row!;
    },

    async find(sourceId: string, id: string): Promise<StoredHrImport | undefined> {
      const [row] = await db
        .select()
        .from(hrImports)
        .where(and(eq(hrImports.sourceId, sourceId), eq(hrImports.id, id)));
      return row;
    },

    /** Settles a held import; false when it was not held any more (decided by someone else). */
    async decide(
      id: string,
      status: 'confirmed' | 'discarded',
      byName: string,
    ): Promise<StoredHrImport | undefined> {
      const [row] = await db
        .update(hrImports)
        .set({ status, decidedByName: byName, decidedAt: sql`now()`, staged: null })
        .where(and(eq(hrImports.id, id), eq(hrImports.status, 'held')))
        .returning();
      return row;
    },

    /** Held imports of a source, oldest first (a newer import supersedes them). */
    held(sourceId: string): Promise<StoredHrImport[]> {
      return db
        .select()
        .from(hrImports)
        .where(and(eq(hrImports.sourceId, sourceId), eq(hrImports.status, 'held')))
        .orderBy(hrImports.createdAt);
    },

    async page(sourceId: string, query: { cursor?: string; limit: number }): Promise<Page<StoredHrImport>> {
      const after = afterCursor(NEWEST_FIRST, query.cursor);
      const rows = await db
        .select({ row: hrImports, sortKey: sortKeyOf(NEWEST_FIRST) })
        .from(hrImports)
        .where(and(eq(hrImports.sourceId, sourceId), after))
        .orderBy(...orderTerms(NEWEST_FIRST))
        .limit(query.limit + 1);
      return toPage(
        rows.map((r) => ({ item: r.row, sortKey: r.sortKey, id: r.row.id })),
        query.limit,
      );
    },

    latest(sourceId: string, limit: number): Promise<StoredHrImport[]> {
      return db
        .select()
        .from(hrImports)
        .where(eq(hrImports.sourceId, sourceId))
        .orderBy(desc(hrImports.createdAt))
        .limit(limit);
    },
  };
}
export type HrImportRepository = ReturnType<typeof createHrImportRepository>;
