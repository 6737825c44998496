import type { FastifyRequest } from 'fastify';
import type { Database } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import { createAuditLog, type AuditEntry } from './audit-log.js';

/** Who made a request and from where: the part of an audit entry every route shares. */
export type AuditSource = Pick<AuditEntry, 'actor' | 'ipAddress' | 'requestId'>;

/** What a route says about one change; `audited` adds the {@link AuditSource}. */
export type AuditChange = Omit<AuditEntry, 'actor' | 'ipAddress' | 'requestId'>;

/** The actor, client address and request id of `request`, made by `principal` (null: the system). */
export function auditSource(principal: Principal | null, request: FastifyRequest): AuditSource {
  return {
    actor: principal
      ? {
          type: principal.kind === 'agent' ? 'agent' : 'portal-user',
          id: principal.accountId,
          name: principal.displayName,
        }
      : { type: 'system', id: null },
    ipAddress: request.ip ?? null,
    requestId: String(request.id),
  };
}

/**
 * Runs `work` in one transaction and records its audit events in that same transaction: a change
 * is never committed without its audit event, nor an event without its change.
 */
export function audited<T>(
  db: Database,
  source: AuditSource,
  work: (tx: Database, record: (change: AuditChange) => Promise<void>) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const log = createAuditLog(tx);
    return work(tx, (change) => log.record({ ...change, ...source }));
  });
}

/**
 * The fields among `fields` whose values differ between `before` and `after`, as the
 * before/after pair of an audit entry; null when nothing changed (nothing to record).
 */
export function changedFields<T extends object, K extends keyof T & string>(
  before: T,
  after: T,
  fields: readonly K[],
): { before: Partial<Pick<T, K>>; after: Partial<Pick<T, K>> } | null {
  const was: Partial<Pick<T, K>> = {};
  const now: Partial<Pick<T, K>> = {};
  for (const field of fields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      was[field] = before[field];
      now[field] = after[field];
    }
  }
  return Object.keys(now).length > 0 ? { before: was, after: now } : null;
}
