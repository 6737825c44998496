import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { syncCheckpoints } from '../schema/sync.js';

/** Identifies one read position: a resource (e.g. `users.delta`) of a tenant through a connection. */
export interface CheckpointKey {
  connectionId: string;
  tenantId: string;
  resource: string;
}

/** A checkpoint as read. A key never written reads as `{ cursor: null, state: null, version: 0 }`. */
export interface Checkpoint {
  cursor: string | null;
  /** What the reader keeps beside the cursor (written with it); null when none. */
  state: Record<string, unknown> | null;
  version: number;
  updatedAt: Date | null;
}

/**
 * Sync checkpoints with compare-and-swap: read `version`, do the work, then write the new cursor
 * only if nobody else wrote since. Depend on the methods you use (`Pick<CheckpointRepository, …>`).
 */
export interface CheckpointRepository {
  get(key: CheckpointKey): Promise<Checkpoint>;
  /**
   * Sets the cursor (`null` forgets it, forcing a full read) and its state (`undefined` keeps the
   * stored state) if the stored version is still `expectedVersion`, and bumps the version. Returns
   * false, changing nothing, if it is not.
   */
  compareAndSwap(
    key: CheckpointKey,
    expectedVersion: number,
    newCursor: string | null,
    newState?: Record<string, unknown> | null,
  ): Promise<boolean>;
}

/** A {@link CheckpointRepository} over `db` (a database or a transaction). */
export function createCheckpointRepository(db: Database): CheckpointRepository {
  const matches = (key: CheckpointKey) =>
    and(
      eq(syncCheckpoints.connectionId, key.connectionId),
      eq(syncCheckpoints.tenantId, key.tenantId),
      eq(syncCheckpoints.resource, key.resource),
    );

  return {
    async get(key) {
      const [row] = await db
        .select({
          cursor: syncCheckpoints.cursor,
          state: syncCheckpoints.state,
          version: syncCheckpoints.version,
          updatedAt: syncCheckpoints.updatedAt,
        })
        .from(syncCheckpoints)
        .where(matches(key));
      return row ?? { cursor: null, state: null, version: 0, updatedAt: null };
    },

    async compareAndSwap(key, expectedVersion, newCursor, newState) {
      if (expectedVersion === 0) {
        const inserted = await db
          .insert(syncCheckpoints)
          .values({ ...key, cursor: newCursor, state: newState ?? null, version: 1 })
          .onConflictDoNothing()
          .returning({ id: syncCheckpoints.id });
        if (inserted.length > 0) return true;
      }
      const updated = await db
        .update(syncCheckpoints)
        .set({
          cursor: newCursor,
          ...(newState === undefined ? {} : { state: newState }),
          version: sql`${syncCheckpoints.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(matches(key), eq(syncCheckpoints.version, expectedVersion)))
        .returning({ id: syncCheckpoints.id });
      return updated.length > 0;
    },
  };
}
