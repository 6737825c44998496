import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { REQUEST_STATUSES, REQUEST_TYPES, STEP_STATUSES } from '../../contracts/onboarding/workflow.js';
import { accounts } from './access.js';
import { agents } from './agents.js';
import { oneOf, primaryId, timestamps } from './columns.js';
import { customers } from './customers.js';
import { deskUsers } from './desk-users.js';

/**
 * A customer's request settings (issue 8): the validated configuration, and its groups as last
 * checked against the tenant (ids and kinds, so the automation need not look them up again).
 */
export const onboardingConfigs = pgTable('onboarding_configs', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  groups: jsonb('groups').$type<Record<string, unknown>[]>().notNull().default([]),
  updatedBy: uuid('updated_by'),
  ...timestamps(),
});

/**
 * A request (ticket): a new starter or a leaver, raised in the portal or the console. `fields`
 * holds what was asked (contracts/onboarding/request-fields.ts); `approval` the customer's
 * approval settings as they were when it was raised, so later edits do not change open requests.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: primaryId(),
    /** The number people quote (REQ-000042). */
    number: integer('number').generatedAlwaysAsIdentity().notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    type: text('type', { enum: REQUEST_TYPES }).notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    summary: text('summary').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    approval: jsonb('approval').$type<Record<string, unknown>>().notNull(),
    notifications: jsonb('notifications').$type<Record<string, unknown>>().notNull(),
    requestedByAccountId: uuid('requested_by_account_id').references(() => accounts.id, {
      onDelete: 'set null',
    }),
    requestedByName: text('requested_by_name').notNull(),
    /** "Trigger automation", as decided on the last approval; null until approved. */
    triggerAutomation: boolean('trigger_automation'),
    /** The tenant the automation writes to. */
    tenantId: uuid('tenant_id'),
    /** The Entra user the request created or concerns. */
    entraObjectId: uuid('entra_object_id'),
    deskUserId: uuid('desk_user_id').references(() => deskUsers.id, { onDelete: 'set null' }),
    /** The agent working on the request; null: unassigned (guide 001: an import may unassign). */
    assignedAgentId: uuid('assigned_agent_id').references(() => agents.id, { onDelete: 'set null' }),
    /** Contract compliance's remark on the user the request concerns; null when none. */
    flag: text('flag'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    oneOf('tickets_type_check', t.type, REQUEST_TYPES),
    oneOf('tickets_status_check', t.status, REQUEST_STATUSES),
    index('tickets_created_idx').on(t.createdAt, t.id),
    index('tickets_customer_created_idx').on(t.customerId, t.createdAt),
    index('tickets_requester_idx').on(t.requestedByAccountId, t.createdAt),
    index('tickets_open_idx')
      .on(t.status)
      .where(sql`${t.status} in ('awaitingApproval', 'inProgress', 'scheduled', 'failed')`),
    index('tickets_assigned_idx')
      .on(t.assignedAgentId)
      .where(sql`${t.assignedAgentId} is not null`),
    index('tickets_entra_user_idx')
      .on(t.tenantId, t.entraObjectId)
      .where(sql`${t.entraObjectId} is not null`),
  ],
);

/** One approval step of a request; any one of its approvers decides it. */
export const ticketApprovals = pgTable(
  'ticket_approvals',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    stepIndex: integer('step_index').notNull(),
    status: text('status', { enum: ['waiting', 'open', 'approved', 'rejected', 'skipped'] }).notNull(),
    decidedByAccountId: uuid('decided_by_account_id'),
    decidedByName: text('decided_by_name'),
    comment: text('comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.stepIndex] }),
    oneOf('ticket_approvals_status_check', t.status, ['waiting', 'open', 'approved', 'rejected', 'skipped']),
  ],
);

/**
 * One step of a request's automation: the persisted state machine (src/workflows/requests).
 * `state` is the step's own memory across attempts (the address tried, the user id created), so a
 * retry after a crash adopts what an earlier attempt did instead of doing it twice.
 */
export const ticketSteps = pgTable(
  'ticket_steps',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    status: text('status', { enum: STEP_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When a waiting step is due (a start date, Microsoft's Retry-After). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    detail: text('detail'),
    items: jsonb('items').$type<Record<string, unknown>[]>().notNull().default([]),
    error: jsonb('error').$type<Record<string, unknown>>(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.key] }),
    oneOf('ticket_steps_status_check', t.status, STEP_STATUSES),
    index('ticket_steps_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} in ('waiting', 'running', 'pending')`),
  ],
);

/**
 * A new starter's temporary password, encrypted with the secrets key; revealed once to an
 * authorised agent (every reveal audited), then kept only encrypted for the automation.
 */
export const ticketSecrets = pgTable('ticket_secrets', {
  ticketId: uuid('ticket_id')
    .primaryKey()
    .references(() => tickets.id, { onDelete: 'cascade' }),
  passwordCiphertext: text('password_ciphertext').notNull(),
  revealedAt: timestamp('revealed_at', { withTimezone: true }),
  revealedByAccountId: uuid('revealed_by_account_id'),
  revealedByName: text('revealed_by_name'),
});
