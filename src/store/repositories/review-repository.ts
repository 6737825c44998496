import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { syncReviews, type SyncReviewModule } from '../schema/sync-reviews.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';

/** An entry of the review list as stored. */
export type SyncReview = typeof syncReviews.$inferSelect;

/** The review list: Entra users a sync left for a person to decide. */
export interface ReviewRepository {
  /** Open reviews of a connection, newest first. */
  listOpen(options: {
    connectionId: string;
    module?: SyncReviewModule;
    limit?: number;
    cursor?: string;
  }): Promise<Page<SyncReview>>;
  /** Marks a review resolved; false when it is unknown or already resolved. */
  resolve(id: string): Promise<boolean>;
}

const order: KeysetOrder = {
  expression: sql`${syncReviews.createdAt}`,
  type: 'timestamptz',
  id: syncReviews.id,
  idType: 'uuid',
  direction: 'desc',
};

/** A {@link ReviewRepository} over `db` (a database or a transaction). */
export function createReviewRepository(db: Database): ReviewRepository {
  return {
    async listOpen(options) {
      const limit = pageSize(options.limit);
      const rows = await db
        .select({ item: syncReviews, sortKey: sortKeyOf(order), id: syncReviews.id })
        .from(syncReviews)
        .where(
          and(
            eq(syncReviews.connectionId, options.connectionId),
            isNull(syncReviews.resolvedAt),
            options.module ? eq(syncReviews.module, options.module) : undefined,
            afterCursor(order, options.cursor),
          ),
        )
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(rows, limit);
    },

    async resolve(id) {
      const resolved = await db
        .update(syncReviews)
        .set({ resolvedAt: sql`now()` })
        .where(and(eq(syncReviews.id, id), isNull(syncReviews.resolvedAt)))
        .returning({ id: syncReviews.id });
      return resolved.length > 0;
    },
  };
}
