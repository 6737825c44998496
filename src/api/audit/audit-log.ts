import { createAuditRepository, type Database } from '../../store/index.js';
import { redactSecrets } from './redact.js';

/** One audited event: who did what to which record, before/after (secrets redacted), from where. */
export interface AuditEntry {
  actor: { type: 'agent' | 'portal-user' | 'system'; id: string | null; name?: string };
  action: string;
  target: { type: string; id: string | null };
  customerId?: string | null;
  before?: unknown;
  after?: unknown;
  ipAddress?: string | null;
  requestId?: string | null;
}

/** Records audit events (append-only). */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/**
 * What `audit_events.details` holds. The actor's name and address sit here rather than in
 * columns of their own; the request id is the event's `correlation_id`.
 */
export interface AuditDetails {
  actorName?: string;
  ipAddress?: string;
  before?: unknown;
  after?: unknown;
}

/**
 * An {@link AuditLog} writing to `db`. Pass a transaction to record an event atomically with the
 * change it describes (see `audited`). Every key that looks like a secret is redacted first.
 */
export function createAuditLog(db: Database): AuditLog {
  const repository = createAuditRepository(db);
  return {
    async record(entry) {
      const details: AuditDetails = {};
      if (entry.actor.name) details.actorName = entry.actor.name;
      if (entry.ipAddress) details.ipAddress = entry.ipAddress;
      if (entry.before !== undefined) details.before = redactSecrets(entry.before);
      if (entry.after !== undefined) details.after = redactSecrets(entry.after);
      await repository.append({
        actorType: entry.actor.type,
        actorId: entry.actor.id,
        action: entry.action,
        targetType: entry.target.type,
        targetId: entry.target.id,
        customerId: entry.customerId ?? null,
        correlationId: entry.requestId ?? null,
        details: details as Record<string, unknown>,
      });
    },
  };
}
