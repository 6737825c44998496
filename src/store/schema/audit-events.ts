import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { oneOf } from './columns.js';
import { customers } from './customers.js';
import { auditEventListIndexes } from './platform-indexes.js';

export const AUDIT_ACTOR_TYPES = ['agent', 'portal-user', 'system'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** Who did what to which record, append-only. `details` must not contain secrets. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type', { enum: AUDIT_ACTOR_TYPES }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    correlationId: text('correlation_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    oneOf('audit_events_actor_type_check', t.actorType, AUDIT_ACTOR_TYPES),
    index('audit_events_target_idx').on(t.targetType, t.targetId),
    ...auditEventListIndexes(t),
  ],
);
