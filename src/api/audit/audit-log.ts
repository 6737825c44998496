import type { Database } from '../../store/index.js';

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

/** Owned by: RBAC/audit helper. Records audit events (append-only). */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

export function createAuditLog(_db: Database): AuditLog {
  return { record: async () => undefined };
}
