import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { integratorTenantStates } from '../schema/integrator.js';

/** One (connection, tenant, module) the integrator runs. */
export interface IntegratorTenantKey {
  connectionId: string;
  tenantId: string;
  module: string;
}

/** A failure as the integrator records it: a catalogue code and words for people. */
export interface IntegratorFailure {
  code: string;
  message: string;
}

/** Where the integrator stands for one (connection, tenant, module). */
export interface IntegratorTenantState extends IntegratorTenantKey {
  consecutiveFailures: number;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: IntegratorFailure | null;
  /** When the schedule runs it next; null: not scheduled (never, or a cron that never matches). */
  nextDueAt: Date | null;
  quarantinedAt: Date | null;
  quarantineReason: IntegratorFailure | null;
  updatedAt: Date;
}

/**
 * The integrator's per-tenant state: due times, runs, failures in a row and quarantine. Every
 * write is one statement (an upsert), so concurrent workers never lose each other's counts.
 */
export interface IntegratorStateRepository {
  list(connectionId: string): Promise<IntegratorTenantState[]>;
  get(key: IntegratorTenantKey): Promise<IntegratorTenantState | undefined>;
  /** Creates the states of `keys` that do not exist yet, due at `dueAt`; existing ones are kept. */
  ensure(keys: readonly IntegratorTenantKey[], dueAt: Date): Promise<void>;
  /**
   * Marks due: sets the next due time. With `ifNextDueAt`, only when it is still that
   * (compare-and-swap: a tick claims a due pair); returns whether it was set.
   */
  markDue(
    key: IntegratorTenantKey,
    dueAt: Date | null,
    options?: { ifNextDueAt: Date | null },
  ): Promise<boolean>;
  /** A run began. */
  recordStart(key: IntegratorTenantKey, at: Date): Promise<void>;
  /** An attempt failed and will be retried: the error is shown, the failure not yet counted. */
  recordRetry(key: IntegratorTenantKey, error: IntegratorFailure): Promise<void>;
  /** A run succeeded: failures back to 0; `unquarantine` (a manual run) also lifts the quarantine. */
  recordSuccess(
    key: IntegratorTenantKey,
    options: { at: Date; nextDueAt: Date | null; unquarantine: boolean },
  ): Promise<IntegratorTenantState>;
  /**
   * A run failed for good: failures + 1, and quarantined with `error` as the reason when that
   * reaches `quarantineAfter` (a quarantine already in place keeps its first reason).
   */
  recordFailure(
    key: IntegratorTenantKey,
    options: { at: Date; error: IntegratorFailure; nextDueAt: Date | null; quarantineAfter: number },
  ): Promise<IntegratorTenantState>;
  quarantine(key: IntegratorTenantKey, reason: IntegratorFailure, at: Date): Promise<void>;
  unquarantine(key: IntegratorTenantKey): Promise<void>;
}

const t = integratorTenantStates;

function matches(key: IntegratorTenantKey): SQL | undefined {
  return and(eq(t.connectionId, key.connectionId), eq(t.tenantId, key.tenantId), eq(t.module, key.module));
}

const keyOf = (key: IntegratorTenantKey) => ({
  connectionId: key.connectionId,
  tenantId: key.tenantId,
  module: key.module,
});

const conflictTarget = [t.connectionId, t.tenantId, t.module];

type Row = typeof t.$inferSelect;

function stateOf(row: Row): IntegratorTenantState {
  return {
    connectionId: row.connectionId,
    tenantId: row.tenantId,
    module: row.module,
    consecutiveFailures: row.consecutiveFailures,
    lastRunAt: row.lastRunAt,
    lastSuccessAt: row.lastSuccessAt,
    lastError: row.lastError ?? null,
    nextDueAt: row.nextDueAt,
    quarantinedAt: row.quarantinedAt,
    quarantineReason: row.quarantineReason ?? null,
    updatedAt: row.updatedAt,
  };
}

/** A timestamp parameter inside a raw expression (drizzle maps Dates only for typed columns). */
const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const json = (value: IntegratorFailure) => sql`${JSON.stringify(value)}::jsonb`;

/** An {@link IntegratorStateRepository} over `db` (a database or a transaction). */
export function createIntegratorStateRepository(db: Database): IntegratorStateRepository {
  return {
    async list(connectionId) {
      const rows = await db
        .select()
        .from(t)
        .where(eq(t.connectionId, connectionId))
        .orderBy(t.tenantId, t.module);
      return rows.map(stateOf);
    },

    async get(key) {
      const [row] = await db.select().from(t).where(matches(key));
      return row ? stateOf(row) : undefined;
    },

    async ensure(keys, dueAt) {
      if (!keys.length) return;
      await db
        .insert(t)
        .values(keys.map((key) => ({ ...keyOf(key), nextDueAt: dueAt })))
        .onConflictDoNothing();
    },

    async markDue(key, dueAt, options) {
      if (!options) {
        await db
          .insert(t)
          .values({ ...keyOf(key), nextDueAt: dueAt })
          .onConflictDoUpdate({ target: conflictTarget, set: { nextDueAt: dueAt, updatedAt: sql`now()` } });
        return true;
      }
      const expected = options.ifNextDueAt;
      const rows = await db
        .update(t)
        .set({ nextDueAt: dueAt, updatedAt: sql`now()` })
        .where(and(matches(key), expected ? eq(t.nextDueAt, expected) : isNull(t.nextDueAt)))
        .returning({ module: t.module });
      return rows.length > 0;
    },

    async recordStart(key, when) {
      await db
        .insert(t)
        .values({ ...keyOf(key), lastRunAt: when })
        .onConflictDoUpdate({ target: conflictTarget, set: { lastRunAt: when, updatedAt: sql`now()` } });
    },

    async recordRetry(key, error) {
      await db
        .insert(t)
        .values({ ...keyOf(key), lastError: error })
        .onConflictDoUpdate({ target: conflictTarget, set: { lastError: error, updatedAt: sql`now()` } });
    },

    async recordSuccess(key, { at: when, nextDueAt, unquarantine }) {
      const lift = unquarantine ? { quarantinedAt: null, quarantineReason: null } : {};
      const [row] = await db
        .insert(t)
        .values({ ...keyOf(key), lastRunAt: when, lastSuccessAt: when, nextDueAt })
        .onConflictDoUpdate({
          target: conflictTarget,
          set: {
            consecutiveFailures: 0,
            lastSuccessAt: when,
            lastError: null,
            nextDueAt,
            ...lift,
            updatedAt: sql`now()`,
          },
        })
        .returning();
      return stateOf(row!);
    },

    async recordFailure(key, { at: when, error, nextDueAt, quarantineAfter }) {
      const failures = sql`${t.consecutiveFailures} + 1`;
      const reaches = sql`${t.quarantinedAt} IS NULL AND ${failures} >= ${quarantineAfter}`;
      const first = quarantineAfter <= 1;
      const [row] = await db
        .insert(t)
        .values({
          ...keyOf(key),
          consecutiveFailures: 1,
          lastRunAt: when,
          lastError: error,
          nextDueAt,
          ...(first ? { quarantinedAt: when, quarantineReason: error } : {}),
        })
        .onConflictDoUpdate({
          target: conflictTarget,
          set: {
            consecutiveFailures: failures,
            lastError: error,
            nextDueAt,
            quarantinedAt: sql`CASE WHEN ${reaches} THEN ${at(when)} ELSE ${t.quarantinedAt} END`,
            quarantineReason: sql`CASE WHEN ${reaches} THEN ${json(error)} ELSE ${t.quarantineReason} END`,
            updatedAt: sql`now()`,
          },
        })
        .returning();
      return stateOf(row!);
    },

    async quarantine(key, reason, when) {
      await db
        .insert(t)
        .values({ ...keyOf(key), quarantinedAt: when, quarantineReason: reason })
        .onConflictDoUpdate({
          target: conflictTarget,
          set: { quarantinedAt: when, quarantineReason: reason, updatedAt: sql`now()` },
        });
    },

    async unquarantine(key) {
      await db
        .update(t)
        .set({ quarantinedAt: null, quarantineReason: null, consecutiveFailures: 0, updatedAt: sql`now()` })
        .where(matches(key));
    },
  };
}
