import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { oneOf, primaryId, timestamps } from './columns.js';
import { connections } from './connections.js';

export const OUTBOUND_ACTION_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type OutboundActionStatus = (typeof OUTBOUND_ACTION_STATUSES)[number];

/** A recorded HTTP exchange with Microsoft, secrets already redacted by the writer. */
export interface RedactedExchange {
  method?: string;
  url?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * The outbox of writes to Microsoft ("Outbound Requests" log). A workflow records an action in
 * the same transaction as its own state; a worker executes it. The idempotency key makes a
 * retried workflow step find its earlier action instead of creating a second one.
 */
export const outboundActions = pgTable(
  'outbound_actions',
  {
    id: primaryId(),
    idempotencyKey: text('idempotency_key').notNull(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    /** What to do, e.g. `user.create`, `group.add-member`, `licence.assign`. */
    kind: text('kind').notNull(),
    /** The desk record the action changes (a desk user for licence changes); its history's key. */
    subjectId: uuid('subject_id'),
    /** Actions requested together (a bulk licence change): executed in batches, reported together. */
    batchId: uuid('batch_id'),
    /** Who asked (an account id); null for the system (workflows, HR rules). */
    requestedBy: uuid('requested_by'),
    /** The action's input; must not contain secrets (passwords are generated at execution). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: OUTBOUND_ACTION_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: jsonb('last_error').$type<{ code: string; message: string }>(),
    /**
     * What the action achieved, in the desk's terms (e.g. the licences Microsoft confirmed, the
     * usage location set first, a created user's id); null until it succeeded.
     */
    result: jsonb('result').$type<Record<string, unknown>>(),
    request: jsonb('request').$type<RedactedExchange>(),
    response: jsonb('response').$type<RedactedExchange>(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('outbound_actions_idempotency_key').on(t.idempotencyKey),
    oneOf('outbound_actions_status_check', t.status, OUTBOUND_ACTION_STATUSES),
    index('outbound_actions_due_idx').on(t.status, t.nextAttemptAt),
    index('outbound_actions_tenant_idx').on(t.tenantId, t.createdAt),
    // Serves a connection's Outbound Requests, newest first (outbound-log-repository.ts).
    index('outbound_actions_connection_created_idx').on(t.connectionId, t.createdAt, t.id),
    index('outbound_actions_subject_idx')
      .on(t.subjectId, t.createdAt)
      .where(sql`${t.subjectId} is not null`),
    index('outbound_actions_batch_idx')
      .on(t.batchId)
      .where(sql`${t.batchId} is not null`),
  ],
);
