import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import type { Page } from '../pagination.js';
import { hrEvents, hrRuns } from '../schema/hr.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';

export type StoredHrRun = typeof hrRuns.$inferSelect;
export type StoredHrEvent = typeof hrEvents.$inferSelect;
export type NewHrEvent = Omit<typeof hrEvents.$inferInsert, 'id' | 'at'>;

export interface HrEventFilter {
  employeeId?: string;
  runId?: string;
  result?: StoredHrEvent['result'];
}

const RUNS_NEWEST_FIRST: KeysetOrder = {
  expression: sql`${hrRuns.startedAt}`,
  type: 'timestamptz',
  id: hrRuns.id,
  idType: 'uuid',
  direction: 'desc',
};

const EVENTS_NEWEST_FIRST: KeysetOrder = {
  expression: sql`${hrEvents.at}`,
  type: 'timestamptz',
  id: hrEvents.id,
  idType: 'uuid',
  direction: 'desc',
};

function eventWhere(sourceId: string, filter: HrEventFilter): SQL | undefined {
  return and(
    eq(hrEvents.sourceId, sourceId),
    filter.employeeId ? eq(hrEvents.employeeId, filter.employeeId) : undefined,
    filter.runId ? eq(hrEvents.runId, filter.runId) : undefined,
    filter.result ? eq(hrEvents.result, filter.result) : undefined,
  );
}

/** Enforcement runs and the per-person audit trail (issue 9). */
export function createHrRunRepository(db: Database) {
  return {
    async start(value: {
      sourceId: string;
      dryRun: boolean;
      rulesVersion: number;
      asOf: string;
      triggeredByName: string;
    }): Promise<StoredHrRun> {
      const [row] = await db
        .insert(hrRuns)
        .values({ ...value, status: 'running' })
        .returning();
      return row!;
    },

    async find(id: string): Promise<StoredHrRun | undefined> {
      const [row] = await db.select().from(hrRuns).where(eq(hrRuns.id, id));
      return row;
    },

    async finish(
      id: string,
      outcome: { status: 'completed' | 'failed'; counts: Record<string, number>; error: string | null },
    ): Promise<void> {
      await db
        .update(hrRuns)
        .set({ ...outcome, finishedAt: sql`now()` })
        .where(eq(hrRuns.id, id));
    },

    /** The rules version of the last completed enforcement (not a dry run), 0 when none. */
    async lastEnforcedVersion(sourceId: string): Promise<number> {
      const [row] = await db
        .select({ version: hrRuns.rulesVersion })
        .from(hrRuns)
        .where(and(eq(hrRuns.sourceId, sourceId), eq(hrRuns.dryRun, false), eq(hrRuns.status, 'completed')))
        .orderBy(desc(hrRuns.startedAt))
        .limit(1);
      return row?.version ?? 0;
    },

    async saveCounts(id: string, counts: Record<string, number>): Promise<void> {
      await db.update(hrRuns).set({ counts }).where(eq(hrRuns.id, id));
    },

    async runs(sourceId: string, query: { cursor?: string; limit: number }): Promise<Page<StoredHrRun>> {
      const after = afterCursor(RUNS_NEWEST_FIRST, query.cursor);
      const rows = await db
        .select({ row: hrRuns, sortKey: sortKeyOf(RUNS_NEWEST_FIRST) })
        .from(hrRuns)
        .where(and(eq(hrRuns.sourceId, sourceId), after))
        .orderBy(...orderTerms(RUNS_NEWEST_FIRST))
        .limit(query.limit + 1);
      return toPage(
        rows.map((r) => ({ item: r.row, sortKey: r.sortKey, id: r.row.id })),
        query.limit,
      );
    },

    async record(events: readonly NewHrEvent[]): Promise<void> {
      if (events.length > 0) await db.insert(hrEvents).values([...events]);
    },

    async events(
      sourceId: string,
      filter: HrEventFilter & { cursor?: string; limit: number },
    ): Promise<Page<StoredHrEvent>> {
      const after = afterCursor(EVENTS_NEWEST_FIRST, filter.cursor);
      const rows = await db
        .select({ row: hrEvents, sortKey: sortKeyOf(EVENTS_NEWEST_FIRST) })
        .from(hrEvents)
        .where(and(eventWhere(sourceId, filter), after))
        .orderBy(...orderTerms(EVENTS_NEWEST_FIRST))
        .limit(filter.limit + 1);
      return toPage(
        rows.map((r) => ({ item: r.row, sortKey: r.sortKey, id: r.row.id })),
        filter.limit,
      );
    },

    /** Every matching event, newest first, a page at a time (the CSV export streams these). */
    async *allEvents(sourceId: string, filter: HrEventFilter): AsyncGenerator<StoredHrEvent[]> {
      let cursor: string | undefined;
      do {
        const page = await this.events(sourceId, { ...filter, cursor, limit: 1000 });
        yield page.items;
        cursor = page.nextCursor;
      } while (cursor);
    },
  };
}
export type HrRunRepository = ReturnType<typeof createHrRunRepository>;
