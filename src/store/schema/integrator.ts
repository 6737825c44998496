import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { connections } from './connections.js';

/**
 * The integrator configuration of one connection (`IntegratorConfig`: enabled, modules, schedule,
 * per-tenant overrides, quarantine threshold), one JSON document. `version` grows by one on every
 * save (compare-and-swap, as `entra_import_configs`).
 */
export const integratorConfigs = pgTable('integrator_configs', {
  connectionId: uuid('connection_id')
    .primaryKey()
    .references(() => connections.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  config: jsonb('config').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/**
 * Where the integrator stands for one (connection, tenant, module): when it last ran and
 * succeeded, when it is due, and failures in a row; past the threshold the tenant is quarantined
 * (skipped by the schedule) with the reason, until a manual run succeeds.
 */
export const integratorTenantStates = pgTable(
  'integrator_tenant_states',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    module: text('module').notNull(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: jsonb('last_error').$type<{ code: string; message: string }>(),
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    quarantinedAt: timestamp('quarantined_at', { withTimezone: true }),
    quarantineReason: jsonb('quarantine_reason').$type<{ code: string; message: string }>(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'integrator_tenant_states_pkey', columns: [t.connectionId, t.tenantId, t.module] }),
    index('integrator_tenant_states_due_idx')
      .on(t.nextDueAt)
      .where(sql`${t.quarantinedAt} is null`),
  ],
);

/**
 * A Microsoft Graph change-notification subscription Rollcall holds for one tenant's resource
 * (`users` or `groups`). The client state is kept only as a SHA-256 hash: notifications are
 * checked against it, and nothing needs the secret back.
 */
export const graphSubscriptions = pgTable(
  'graph_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    resource: text('resource').notNull(),
    /** Microsoft's subscription id; null until created. */
    subscriptionId: text('subscription_id'),
    clientStateHash: text('client_state_hash').notNull(),
    /** `pending`, `active`, `failed` (see lastError), `removed`. */
    status: text('status').notNull().default('pending'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastError: jsonb('last_error').$type<{ code: string; message: string }>(),
    lastNotificationAt: timestamp('last_notification_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('graph_subscriptions_key').on(t.connectionId, t.tenantId, t.resource),
    uniqueIndex('graph_subscriptions_microsoft_id').on(t.subscriptionId),
    index('graph_subscriptions_expiry_idx').on(t.expiresAt),
  ],
);
