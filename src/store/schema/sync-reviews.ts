import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { oneOf, primaryId } from './columns.js';
import { connections } from './connections.js';

export const SYNC_REVIEW_MODULES = ['users', 'agents'] as const;
export type SyncReviewModule = (typeof SYNC_REVIEW_MODULES)[number];

/**
 * The review list: Entra users a sync would not decide for itself (two desk records matched
 * equally, or the record is linked elsewhere). One open entry per Entra user and module; a person
 * resolves it, or a later run that can decide closes it.
 */
export const syncReviews = pgTable(
  'sync_reviews',
  {
    id: primaryId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    module: text('module', { enum: SYNC_REVIEW_MODULES }).notNull(),
    entraId: uuid('entra_id').notNull(),
    displayName: text('display_name').notNull(),
    /** Desk record ids that matched equally. */
    candidates: uuid('candidates')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    oneOf('sync_reviews_module_check', t.module, SYNC_REVIEW_MODULES),
    unique('sync_reviews_entra_key').on(t.connectionId, t.tenantId, t.module, t.entraId),
    index('sync_reviews_open_idx')
      .on(t.connectionId, t.createdAt, t.id)
      .where(sql`${t.resolvedAt} is null`),
  ],
);
