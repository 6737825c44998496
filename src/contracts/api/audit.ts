import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { countQuerySchema, idSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

export const AUDIT_ACTOR_TYPES = ['agent', 'portal-user', 'system'] as const;

/**
 * One audit event: who (actor), did what (action, e.g. `customer.update`), to which record
 * (target), before/after (only the fields that changed, secrets shown as `[redacted]`), when and
 * from where (client address, request id).
 */
export const auditEventSchema = z.object({
  id: z.string().describe('Increasing with time; stable'),
  occurredAt: timestampSchema,
  actor: z.object({
    type: z.enum(AUDIT_ACTOR_TYPES),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable() }),
  customerId: idSchema.nullable(),
  ipAddress: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type AuditEventView = z.infer<typeof auditEventSchema>;

const auditFilterFields = z.object({
  search: listQuerySchema.shape.search.describe(
    'Part of the action, target, actor id or actor name, any case',
  ),
  actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional().describe('Exact action, e.g. `role.update`'),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(100).optional(),
  customerId: idSchema.optional(),
  from: timestampSchema.optional().describe('Events at or after this time'),
  to: timestampSchema.optional().describe('Events before this time'),
});

const toAfterFrom = (f: { from?: string; to?: string }) =>
  !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to);
const TO_AFTER_FROM = { path: ['to'], message: 'to must be later than from' };

/** The filters of the audit trail, shared by the list and the CSV export. */
export const auditFilterSchema = auditFilterFields.refine(toAfterFrom, TO_AFTER_FROM);

export const auditListQuerySchema = auditFilterFields
  .extend({
    cursor: listQuerySchema.shape.cursor,
    limit: listQuerySchema.shape.limit,
    count: countQuerySchema,
  })
  .refine(toAfterFrom, TO_AFTER_FROM);

export const listAuditEvents = defineEndpoint({
  method: 'GET',
  path: '/api/audit',
  access: { permission: 'logs.view' },
  summary: 'The audit trail, newest first',
  tags: ['audit'],
  query: auditListQuerySchema,
  response: pageSchema(auditEventSchema),
});

export const exportAuditEvents = defineEndpoint({
  method: 'GET',
  path: '/api/audit/export.csv',
  access: { permission: 'logs.view' },
  summary: 'The audit trail as CSV (same filters as the list), newest first',
  tags: ['audit'],
  query: auditFilterSchema,
  response: z
    .string()
    .describe('text/csv; RFC 4180; cells that a spreadsheet would run as a formula start with a quote'),
});
