import {
  bigserial,
  boolean,
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
    /**
     * What the reader must keep beside the cursor to read changes correctly (e.g. the members of
     * the mapped groups a delta round compares against); written with the cursor, by the same CAS.
     */
    state: jsonb('state').$type<Record<string, unknown>>(),
    version: integer('version').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('sync_checkpoints_key').on(t.connectionId, t.tenantId, t.resource)],
);

export const SYNC_RUN_MODES = ['full', 'delta'] as const;
export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed', 'stopped'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
/**
 * What started a run: a person in the console, the scheduler, `rollcall sync`, an API client, or
 * a Microsoft change notification.
 */
export const SYNC_RUN_TRIGGERS = ['manual', 'scheduled', 'cli', 'api', 'notification'] as const;
export type SyncRunTrigger = (typeof SYNC_RUN_TRIGGERS)[number];

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
    /**
     * Why a run read what it read when that is news, e.g. `delta.tokenExpired` (a delta run that
     * fell back to a full read) or `delta.cleared` (the checkpoint was reset by a person).
     */
    modeReason: text('mode_reason'),
    status: text('status', { enum: SYNC_RUN_STATUSES }).notNull().default('running'),
    trigger: text('trigger', { enum: SYNC_RUN_TRIGGERS }).notNull().default('manual'),
    /** A dry run plans and records its counts but writes nothing to the desk. */
    dryRun: boolean('dry_run').notNull().default(false),
    /** HTTP requests the run made to Microsoft Graph (each `$batch` item counts as one). */
    graphRequests: integer('graph_requests').notNull().default(0),
    /** Operation counts by kind, e.g. `{ created: 3, updated: 10, deactivated: 1, excluded: 4 }`. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** Why the run failed or stopped, in words for a person plus a machine code. */
    error: jsonb('error').$type<{ code: string; message: string }>(),
    /**
     * What a person should know about a run that still succeeded, in words with the fix, e.g. last
     * sign-in dates not imported because the tenant has no Entra ID P1/P2.
     */
    warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    oneOf('sync_runs_mode_check', t.mode, SYNC_RUN_MODES),
    oneOf('sync_runs_status_check', t.status, SYNC_RUN_STATUSES),
    oneOf('sync_runs_trigger_check', t.trigger, SYNC_RUN_TRIGGERS),
    index('sync_runs_tenant_started_idx').on(t.tenantId, t.startedAt),
    // Serves the connection's run history, newest first (sync-run-repository.ts).
    index('sync_runs_connection_started_idx').on(t.connectionId, t.startedAt, t.id),
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
    // Serves the connection's "Inbound Requests" tab, newest first (inbound-log-repository.ts).
    index('inbound_log_connection_page_idx').on(t.connectionId, t.occurredAt, t.id),
  ],
);
