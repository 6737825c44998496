import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { oneOf, primaryId } from './columns.js';
import { connections } from './connections.js';

/**
 * Where a (connection, tenant, resource) read stands: a delta link or continuation cursor.
 * `version` grows by one on every write so concurrent writers use compare-and-swap, and a cursor
 * only moves forward after the apply that consumed it committed.
 */
export const syncCheckpoints = pgTable(
  'sync_checkpoints',
  {
    id: primaryId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    resource: text('resource').notNull(),
    cursor: text('cursor'),
    version: integer('version').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('sync_checkpoints_key').on(t.connectionId, t.tenantId, t.resource)],
);

export const SYNC_RUN_MODES = ['full', 'delta'] as const;
export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed', 'stopped'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** One execution of a sync pipeline (read → plan → apply → checkpoint) for one tenant and module. */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: primaryId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    module: text('module').notNull(),
    mode: text('mode', { enum: SYNC_RUN_MODES }).notNull(),
    status: text('status', { enum: SYNC_RUN_STATUSES }).notNull().default('running'),
    /** Operation counts by kind, e.g. `{ created: 3, updated: 10, deactivated: 1, excluded: 4 }`. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** Why the run failed or stopped, in words for a person plus a machine code. */
    error: jsonb('error').$type<{ code: string; message: string }>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    oneOf('sync_runs_mode_check', t.mode, SYNC_RUN_MODES),
    oneOf('sync_runs_status_check', t.status, SYNC_RUN_STATUSES),
    index('sync_runs_tenant_started_idx').on(t.tenantId, t.startedAt),
  ],
);

/** The "inbound log": every record a sync created, changed, deactivated or excluded, with its reason. */
export const inboundLog = pgTable(
  'inbound_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    syncRunId: uuid('sync_run_id').references(() => syncRuns.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    entityType: text('entity_type').notNull(),
    /** The Microsoft id (Entra object id, Partner Center id) of the record the entry is about. */
    externalId: text('external_id').notNull(),
    action: text('action').notNull(),
    /** A reason code, e.g. `excluded.guest` or `matched.site-mapping`. */
    reasonCode: text('reason_code'),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('inbound_log_tenant_occurred_idx').on(t.tenantId, t.occurredAt),
    index('inbound_log_run_idx').on(t.syncRunId),
  ],
);
