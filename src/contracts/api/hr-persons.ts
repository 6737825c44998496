import { z } from 'zod';
import { HR_ACTION_KINDS, HR_EVENTS, HR_PHASES } from '../hr/lifecycle.js';
import { hrPersonSchema } from '../hr/person.js';
import { defineEndpoint } from './endpoint.js';
import { idSchema, timestampSchema } from './fields.js';
import { HR_TAGS } from './hr-sources.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/** A source's persons, what Rollcall wants and has done for each, and their audit trail. */

export const HR_EVENT_RESULT_VALUES = ['done', 'failed', 'dryRun', 'skipped'] as const;

export const hrPersonSummarySchema = z.object({
  employeeId: z.string(),
  displayName: z.string(),
  department: z.string().nullable(),
  title: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  phase: z.enum(HR_PHASES),
  /** No longer listed by the source since this day. */
  removedOn: z.string().nullable(),
  userPrincipalName: z.string().nullable(),
  accountEnabled: z.boolean().nullable(),
  /** Actions the published rules still want for this person (0: Entra matches). */
  pendingActions: z.number().int(),
  lastError: z.string().nullable(),
});
export type HrPersonSummary = z.infer<typeof hrPersonSummarySchema>;

export const hrPersonListQuerySchema = listQuerySchema.extend({
  phase: z.enum(HR_PHASES).optional(),
  /** Only persons whose last enforcement failed. */
  failing: z.stringbool().optional(),
});

export const hrEventSchema = z.object({
  id: idSchema,
  runId: idSchema.nullable(),
  employeeId: z.string(),
  event: z.enum(HR_EVENTS),
  action: z.enum(HR_ACTION_KINDS),
  reasons: z.array(z.string()),
  detail: z.record(z.string(), z.unknown()),
  request: z.record(z.string(), z.unknown()).nullable(),
  response: z.record(z.string(), z.unknown()).nullable(),
  result: z.enum(HR_EVENT_RESULT_VALUES),
  message: z.string().nullable(),
  at: timestampSchema,
});
export type HrEventView = z.infer<typeof hrEventSchema>;

const plannedActionSchema = z.object({
  action: z.enum(HR_ACTION_KINDS),
  event: z.enum(HR_EVENTS),
  reasons: z.array(z.string()),
  /** What it changes, in words ("add to Dept-Sales", "jobTitle: Analyst → Senior Analyst"). */
  summary: z.string(),
});

export const hrPersonDetailSchema = hrPersonSummarySchema.extend({
  person: hrPersonSchema,
  objectId: z.string().nullable(),
  mail: z.string().nullable(),
  /** What the published rules grant, with the granting rules. */
  entitlements: z.array(
    z.object({ kind: z.enum(['account', 'group', 'licence']), name: z.string(), rules: z.array(z.string()) }),
  ),
  /** What the next enforcement would do. */
  pending: z.array(plannedActionSchema),
  /**
   * How the source learns the account's UPN and e-mail: written back to its write-back URL (a JSON
   * source with one), read from the SCIM User (a SCIM source), or copied by hand (any other).
   */
  addressesToSource: z.enum(['writeBack', 'scim', 'manual']),
  /** What was last written back to the source; null: nothing yet. */
  writtenBack: z.object({ userPrincipalName: z.string().nullable(), mail: z.string().nullable() }).nullable(),
});
export type HrPersonDetail = z.infer<typeof hrPersonDetailSchema>;

const personParamsSchema = z.object({ id: idSchema, employeeId: z.string().min(1).max(64) });

export const listHrPersons = defineEndpoint({
  method: 'GET',
  path: '/api/hr/sources/:id/persons',
  access: { permission: 'hr.read' },
  summary: 'A source’s persons with their phase and account',
  tags: HR_TAGS,
  params: z.object({ id: idSchema }),
  query: hrPersonListQuerySchema,
  response: pageSchema(hrPersonSummarySchema),
});

export const getHrPerson = defineEndpoint({
  method: 'GET',
  path: '/api/hr/sources/:id/persons/:employeeId',
  access: { permission: 'hr.read' },
  summary: 'One person: HR data, entitlements, and what the next enforcement would do',
  tags: HR_TAGS,
  params: personParamsSchema,
  response: hrPersonDetailSchema,
});

export const hrEventListQuerySchema = listQuerySchema.pick({ cursor: true, limit: true }).extend({
  employeeId: z.string().max(64).optional(),
  runId: idSchema.optional(),
  result: z.enum(HR_EVENT_RESULT_VALUES).optional(),
});

export const listHrEvents = defineEndpoint({
  method: 'GET',
  path: '/api/hr/sources/:id/events',
  access: { permission: 'hr.read' },
  summary: 'The audit trail of a source (per person, per run), newest first',
  tags: HR_TAGS,
  params: z.object({ id: idSchema }),
  query: hrEventListQuerySchema,
  response: pageSchema(hrEventSchema),
});

export const exportHrEvents = defineEndpoint({
  method: 'GET',
  path: '/api/hr/sources/:id/events/export.csv',
  access: { permission: 'hr.read' },
  summary: 'The audit trail as CSV (same filters as the list)',
  tags: HR_TAGS,
  params: z.object({ id: idSchema }),
  query: hrEventListQuerySchema.omit({ cursor: true, limit: true }),
  response: z.string().describe('text/csv; RFC 4180; formula-like cells start with a quote'),
});
