import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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
import { HR_SOURCE_KINDS } from '../../contracts/hr/source.js';
import { accounts } from './access.js';
import { oneOf, primaryId, timestamps } from './columns.js';
import { customers } from './customers.js';

/** What an HR import became: applied at once, held by a threshold, then confirmed or discarded. */
export const HR_IMPORT_STATUSES = ['applied', 'held', 'confirmed', 'discarded', 'failed'] as const;
export const HR_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export const HR_EVENT_RESULTS = ['done', 'failed', 'dryRun', 'skipped'] as const;

/**
 * An HR source (issue 9): its validated settings, the draft rule set being edited, and the
 * published version being enforced. Secrets live in their own columns: the JSON source's token
 * encrypted, the SCIM bearer token only as a SHA-256 hash.
 */
export const hrSources = pgTable(
  'hr_sources',
  {
    id: primaryId(),
    name: text('name').notNull(),
    kind: text('kind', { enum: HR_SOURCE_KINDS }).notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    jsonTokenCiphertext: text('json_token_ciphertext'),
    scimTokenHash: text('scim_token_hash'),
    /** The token's last four characters, so people can tell which one is in use. */
    scimTokenHint: text('scim_token_hint'),
    draftRules: jsonb('draft_rules').$type<Record<string, unknown>[]>().notNull().default([]),
    draftUpdatedAt: timestamp('draft_updated_at', { withTimezone: true }),
    publishedVersion: integer('published_version').notNull().default(0),
    lastImportAt: timestamp('last_import_at', { withTimezone: true }),
    lastEnforcedAt: timestamp('last_enforced_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    oneOf('hr_sources_kind_check', t.kind, HR_SOURCE_KINDS),
    uniqueIndex('hr_sources_name_key').on(sql`lower(${t.name})`),
  ],
);

/** Every published rule set, kept so the audit can say which version granted what. */
export const hrRuleVersions = pgTable(
  'hr_rule_versions',
  {
    sourceId: uuid('source_id')
      .notNull()
      .references(() => hrSources.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    rules: jsonb('rules').$type<Record<string, unknown>[]>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedByAccountId: uuid('published_by_account_id').references(() => accounts.id, {
      onDelete: 'set null',
    }),
    publishedByName: text('published_by_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.version] })],
);

/**
 * A person of a source as last imported (`person`, contracts/hr/person.ts), and what Rollcall has
 * done for them in Entra (`applied`, contracts/hr/lifecycle.ts), written after every confirmed
 * change so an interrupted enforcement resumes where it stopped.
 */
export const hrPersons = pgTable(
  'hr_persons',
  {
    sourceId: uuid('source_id')
      .notNull()
      .references(() => hrSources.id, { onDelete: 'cascade' }),
    employeeId: text('employee_id').notNull(),
    person: jsonb('person').$type<Record<string, unknown>>().notNull(),
    contentHash: text('content_hash').notNull(),
    displayName: text('display_name').notNull(),
    /** The day the source stopped listing the person (a leaver from then on); null while listed. */
    removedOn: date('removed_on', { mode: 'string' }),
    /** SCIM: the resource id Rollcall issued, and `active` as the HR system last set it. */
    scimId: uuid('scim_id').notNull().defaultRandom(),
    scimActive: boolean('scim_active').notNull().default(true),
    /** SCIM: userName (unique per source, compared case-insensitively) and externalId as pushed. */
    scimUserName: text('scim_user_name'),
    scimExternalId: text('scim_external_id'),
    applied: jsonb('applied').$type<Record<string, unknown>>().notNull().default({}),
    objectId: text('object_id'),
    userPrincipalName: text('user_principal_name'),
    /** As last evaluated (import or enforcement), for lists and filters. */
    phase: text('phase').notNull().default('future'),
    pendingActions: integer('pending_actions').notNull().default(0),
    /** The last enforcement's outcome for this person: null (nothing to do) or what failed. */
    lastError: text('last_error'),
    enforcedAt: timestamp('enforced_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.sourceId, t.employeeId] }),
    uniqueIndex('hr_persons_scim_id_key').on(t.scimId),
    uniqueIndex('hr_persons_scim_user_name_key').on(t.sourceId, sql`lower(${t.scimUserName})`),
    index('hr_persons_name_idx').on(t.sourceId, sql`lower(${t.displayName})`),
  ],
);

/** One import of a source: counts, problems, and (while held) the persons it would write. */
export const hrImports = pgTable(
  'hr_imports',
  {
    id: primaryId(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => hrSources.id, { onDelete: 'cascade' }),
    origin: text('origin').notNull(),
    fileName: text('file_name'),
    status: text('status', { enum: HR_IMPORT_STATUSES }).notNull(),
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
    problems: jsonb('problems').$type<Record<string, unknown>[]>().notNull().default([]),
    heldReasons: jsonb('held_reasons').$type<string[]>().notNull().default([]),
    staged: jsonb('staged').$type<Record<string, unknown>[] | null>(),
    createdByName: text('created_by_name').notNull(),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    oneOf('hr_imports_status_check', t.status, HR_IMPORT_STATUSES),
    index('hr_imports_source_idx').on(t.sourceId, t.createdAt),
  ],
);

/** One enforcement (or dry run) of a source's published rules. */
export const hrRuns = pgTable(
  'hr_runs',
  {
    id: primaryId(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => hrSources.id, { onDelete: 'cascade' }),
    dryRun: boolean('dry_run').notNull(),
    status: text('status', { enum: HR_RUN_STATUSES }).notNull(),
    rulesVersion: integer('rules_version').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    triggeredByName: text('triggered_by_name').notNull(),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    oneOf('hr_runs_status_check', t.status, HR_RUN_STATUSES),
    index('hr_runs_source_idx').on(t.sourceId, t.startedAt),
  ],
);

/** The audit trail per person: every action (or dry-run action), its reason, request and result. */
export const hrEvents = pgTable(
  'hr_events',
  {
    id: primaryId(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => hrSources.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => hrRuns.id, { onDelete: 'set null' }),
    employeeId: text('employee_id').notNull(),
    event: text('event').notNull(),
    action: text('action').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    request: jsonb('request').$type<Record<string, unknown> | null>(),
    response: jsonb('response').$type<Record<string, unknown> | null>(),
    result: text('result', { enum: HR_EVENT_RESULTS }).notNull(),
    message: text('message'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    oneOf('hr_events_result_check', t.result, HR_EVENT_RESULTS),
    index('hr_events_person_idx').on(t.sourceId, t.employeeId, t.at),
    index('hr_events_run_idx').on(t.runId),
  ],
);
