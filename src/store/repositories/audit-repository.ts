import { and, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { auditEvents } from '../schema/audit-events.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';
import { containsPattern } from './like-pattern.js';

/** An audit event as stored. */
export type AuditEvent = typeof auditEvents.$inferSelect;

/** An event to append; `details` must already be free of secrets. */
export type NewAuditEvent = Omit<typeof auditEvents.$inferInsert, 'id'>;

/** Filters of the audit trail; every one given must match. */
export interface AuditFilter {
  actorType?: AuditEvent['actorType'];
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  customerId?: string;
  /** Inclusive lower bound of `occurredAt`. */
  from?: Date;
  /** Exclusive upper bound of `occurredAt`. */
  to?: Date;
  /** Case-insensitive substring of the action, target, actor id or actor name. */
  search?: string;
}

/** The append-only audit trail, read newest first. */
export interface AuditRepository {
  append(event: NewAuditEvent): Promise<void>;
  list(filter: AuditFilter & { limit?: number; cursor?: string }): Promise<Page<AuditEvent>>;
  count(filter: AuditFilter): Promise<number>;
}

const order: KeysetOrder = {
  expression: sql`${auditEvents.occurredAt}`,
  type: 'timestamptz',
  id: auditEvents.id,
  idType: 'bigint',
  direction: 'desc',
};

function filters(filter: AuditFilter): (SQL | undefined)[] {
  const pattern = containsPattern(filter.search);
  return [
    filter.actorType ? eq(auditEvents.actorType, filter.actorType) : undefined,
    filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
    filter.customerId ? eq(auditEvents.customerId, filter.customerId) : undefined,
    filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
    filter.to ? lt(auditEvents.occurredAt, filter.to) : undefined,
    pattern
      ? or(
          sql`${auditEvents.action} ilike ${pattern}`,
          sql`${auditEvents.targetType} ilike ${pattern}`,
          sql`${auditEvents.targetId} ilike ${pattern}`,
          sql`${auditEvents.actorId} ilike ${pattern}`,
          sql`${auditEvents.details}->>'actorName' ilike ${pattern}`,
        )
      : undefined,
  ];
}

/** An {@link AuditRepository} over `db` (a database or a transaction). */
export function createAuditRepository(db: Database): AuditRepository {
  return {
    async append(event) {
      await db.insert(auditEvents).values(event);
    },

    async list(filter) {
      const limit = pageSize(filter.limit);
      const rows = await db
        .select({ item: auditEvents, sortKey: sortKeyOf(order), id: auditEvents.id })
        .from(auditEvents)
        .where(and(...filters(filter), afterCursor(order, filter.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(rows, limit);
    },

    async count(filter) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(auditEvents)
        .where(and(...filters(filter)));
      return row?.count ?? 0;
    },
  };
}
