import { and, eq, or, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { outboundActions, type OutboundActionStatus } from '../schema/outbound-actions.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';
import type { OutboundAction } from './outbound-action-repository.js';
import { containsPattern } from './like-pattern.js';

export interface OutboundLogListOptions {
  connectionId: string;
  status?: OutboundActionStatus;
  /** The action's kind, e.g. `licence.assign`. */
  kind?: string;
  tenantId?: string;
  /** Case-insensitive substring of the kind, the payload (names, UPNs, SKUs) or the last error. */
  search?: string;
  limit?: number;
  cursor?: string;
}

/** A connection's "Outbound Requests" tab: the outbox read back, newest first. */
export interface OutboundLogRepository {
  list(options: OutboundLogListOptions): Promise<Page<OutboundAction>>;
  /** The action `id` when it belongs to `connectionId`, else undefined. */
  findForConnection(connectionId: string, id: string): Promise<OutboundAction | undefined>;
}

const order: KeysetOrder = {
  expression: sql`${outboundActions.createdAt}`,
  type: 'timestamptz',
  id: outboundActions.id,
  idType: 'uuid',
  direction: 'desc',
};

/** An {@link OutboundLogRepository} over `db` (a database or a transaction). */
export function createOutboundLogRepository(db: Database): OutboundLogRepository {
  return {
    async list(options) {
      const limit = pageSize(options.limit);
      const pattern = containsPattern(options.search);
      const rows = await db
        .select({ item: outboundActions, sortKey: sortKeyOf(order), id: outboundActions.id })
        .from(outboundActions)
        .where(
          and(
            eq(outboundActions.connectionId, options.connectionId),
            options.status ? eq(outboundActions.status, options.status) : undefined,
            options.kind ? eq(outboundActions.kind, options.kind) : undefined,
            options.tenantId ? eq(outboundActions.tenantId, options.tenantId) : undefined,
            pattern
              ? or(
                  sql`${outboundActions.kind} ilike ${pattern}`,
                  sql`${outboundActions.payload}::text ilike ${pattern}`,
                  sql`${outboundActions.lastError}->>'message' ilike ${pattern}`,
                )
              : undefined,
            afterCursor(order, options.cursor),
          ),
        )
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(rows, limit);
    },

    async findForConnection(connectionId, id) {
      const [row] = await db
        .select()
        .from(outboundActions)
        .where(and(eq(outboundActions.id, id), eq(outboundActions.connectionId, connectionId)));
      return row;
    },
  };
}
