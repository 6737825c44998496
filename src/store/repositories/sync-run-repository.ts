import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { syncRuns, type SyncRunStatus, type SyncRunTrigger } from '../schema/sync.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';

/** A sync run as stored. */
export type SyncRun = typeof syncRuns.$inferSelect;
export type { SyncRunTrigger } from '../schema/sync.js';

export interface StartSyncRun {
  connectionId: string;
  tenantId: string;
  /** The pipeline, e.g. `users` or `agents`. */
  module: string;
  mode: SyncRun['mode'];
  trigger: SyncRunTrigger;
  dryRun?: boolean;
}

export interface FinishSyncRun {
  status: Exclude<SyncRunStatus, 'running'>;
  /** Operation counts by kind (`created`, `updated`, …). */
  counts: Record<string, number>;
  error?: { code: string; message: string } | null;
  graphRequests: number;
  /** What the run really read, when it differs from how it started (a delta run that read in full). */
  mode?: SyncRun['mode'];
  /** Why it read that way, e.g. `delta.tokenExpired`. */
  modeReason?: string | null;
  /** What a person should know about a run that still succeeded (kept as given when absent). */
  warnings?: readonly string[];
}

export interface SyncRunListOptions {
  connectionId: string;
  tenantId?: string;
  module?: string;
  limit?: number;
  cursor?: string;
}

/** The history of sync runs ("each run is recorded"), newest first. */
export interface SyncRunRepository {
  /** Records a running run; returns its id. */
  start(input: StartSyncRun): Promise<string>;
  /** Records how a running run ended; false when it is unknown or already finished. */
  finish(id: string, result: FinishSyncRun): Promise<boolean>;
  /**
   * Marks runs of a (connection, tenant, module) still `running` that started before `before` as
   * failed with code `interrupted`: their process stopped (killed, crashed) before recording the
   * end. Their writes were one transaction, so nothing of them is in the desk. Returns how many.
   */
  interruptStale(
    key: { connectionId: string; tenantId: string; module: string },
    before: Date,
  ): Promise<number>;
  list(options: SyncRunListOptions): Promise<Page<SyncRun>>;
  findById(id: string): Promise<SyncRun | undefined>;
}

const order: KeysetOrder = {
  expression: sql`${syncRuns.startedAt}`,
  type: 'timestamptz',
  id: syncRuns.id,
  idType: 'uuid',
  direction: 'desc',
};

/** A {@link SyncRunRepository} over `db` (a database or a transaction). */
export function createSyncRunRepository(db: Database): SyncRunRepository {
  return {
    async start(input) {
      const [row] = await db
        .insert(syncRuns)
        .values({ ...input, dryRun: input.dryRun ?? false })
        .returning({ id: syncRuns.id });
      if (!row) throw new Error('insert into sync_runs returned no row');
      return row.id;
    },

    async interruptStale(key, before) {
      const interrupted = await db
        .update(syncRuns)
        .set({
          status: 'failed',
          error: {
            code: 'interrupted',
            message:
              'the process running this run stopped before it ended (restarted, killed or crashed); nothing of it was written, and a later run read the tenant again',
          },
          finishedAt: sql`clock_timestamp()`,
        })
        .where(
          and(
            eq(syncRuns.connectionId, key.connectionId),
            eq(syncRuns.tenantId, key.tenantId),
            eq(syncRuns.module, key.module),
            eq(syncRuns.status, 'running'),
            lt(syncRuns.startedAt, before),
          ),
        )
        .returning({ id: syncRuns.id });
      return interrupted.length;
    },

    async finish(id, result) {
      const finished = await db
        .update(syncRuns)
        .set({
          status: result.status,
          counts: result.counts,
          error: result.error ?? null,
          graphRequests: result.graphRequests,
          ...(result.mode ? { mode: result.mode } : {}),
          ...(result.modeReason !== undefined ? { modeReason: result.modeReason } : {}),
          ...(result.warnings ? { warnings: [...result.warnings] } : {}),
          // now() is the transaction's start; a run finished inside its apply transaction ends later.
          finishedAt: sql`clock_timestamp()`,
        })
        .where(and(eq(syncRuns.id, id), eq(syncRuns.status, 'running')))
        .returning({ id: syncRuns.id });
      return finished.length > 0;
    },

    async list(options) {
      const limit = pageSize(options.limit);
      const rows = await db
        .select({ item: syncRuns, sortKey: sortKeyOf(order), id: syncRuns.id })
        .from(syncRuns)
        .where(
          and(
            eq(syncRuns.connectionId, options.connectionId),
            options.tenantId ? eq(syncRuns.tenantId, options.tenantId) : undefined,
            options.module ? eq(syncRuns.module, options.module) : undefined,
            afterCursor(order, options.cursor),
          ),
        )
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(rows, limit);
    },

    async findById(id) {
      const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, id));
      return row;
    },
  };
}
