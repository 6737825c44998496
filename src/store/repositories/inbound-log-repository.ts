import { and, eq, or, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { inboundLog, syncRuns } from '../schema/sync.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';
import { containsPattern } from './like-pattern.js';

/** An inbound log entry as stored: one record a sync created, changed, deactivated or sent to review. */
export type InboundLogEntry = typeof inboundLog.$inferSelect;

export interface InboundLogListOptions {
  connectionId: string;
  syncRunId?: string;
  /** One tenant of the connection (a CSP customer tenant). */
  tenantId?: string;
  /** The module whose run wrote the entry (`users`, `agents`, `tenants`, `licences`). */
  module?: string;
  /** The plan outcome: `create`, `update`, `deactivate`, `review`. */
  action?: string;
  /** Case-insensitive substring of the Microsoft id or the display name. */
  search?: string;
  limit?: number;
  cursor?: string;
}

/** A connection's "Inbound Requests" tab, newest first. */
export interface InboundLogRepository {
  list(options: InboundLogListOptions): Promise<Page<InboundLogEntry>>;
}

const order: KeysetOrder = {
  expression: sql`${inboundLog.occurredAt}`,
  type: 'timestamptz',
  id: inboundLog.id,
  idType: 'bigint',
  direction: 'desc',
};

/** An {@link InboundLogRepository} over `db` (a database or a transaction). */
export function createInboundLogRepository(db: Database): InboundLogRepository {
  return {
    async list(options) {
      const limit = pageSize(options.limit);
      const pattern = containsPattern(options.search);
      const rows = await db
        .select({ item: inboundLog, sortKey: sortKeyOf(order), id: inboundLog.id })
        .from(inboundLog)
        .where(
          and(
            eq(inboundLog.connectionId, options.connectionId),
            options.syncRunId ? eq(inboundLog.syncRunId, options.syncRunId) : undefined,
            options.tenantId ? eq(inboundLog.tenantId, options.tenantId) : undefined,
            options.module
              ? sql`exists (select 1 from ${syncRuns} where ${syncRuns.id} = ${inboundLog.syncRunId} and ${syncRuns.module} = ${options.module})`
              : undefined,
            options.action ? eq(inboundLog.action, options.action) : undefined,
            pattern
              ? or(
                  sql`${inboundLog.externalId} ilike ${pattern}`,
                  sql`${inboundLog.details}->>'displayName' ilike ${pattern}`,
                )
              : undefined,
            afterCursor(order, options.cursor),
          ),
        )
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(rows, limit);
    },
  };
}
