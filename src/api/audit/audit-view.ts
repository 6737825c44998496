import type { AuditEventView } from '../../contracts/api/audit.js';
import type { AuditEvent } from '../../store/index.js';
import type { AuditDetails } from './audit-log.js';
import { csvRow } from './csv.js';

/** A stored audit event as the API shows it. */
export function auditEventView(event: AuditEvent): AuditEventView {
  const details = event.details as AuditDetails;
  return {
    id: String(event.id),
    occurredAt: event.occurredAt.toISOString(),
    actor: { type: event.actorType, id: event.actorId, name: details.actorName ?? null },
    action: event.action,
    target: { type: event.targetType, id: event.targetId },
    customerId: event.customerId,
    ipAddress: details.ipAddress ?? null,
    requestId: event.correlationId,
    ...('before' in details ? { before: details.before } : {}),
    ...('after' in details ? { after: details.after } : {}),
  };
}

export const AUDIT_CSV_HEADER = csvRow([
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_name',
  'action',
  'target_type',
  'target_id',
  'customer_id',
  'ip_address',
  'request_id',
  'before',
  'after',
]);

const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

/** One audit event as a CSV record (before/after as JSON text). */
export function auditCsvRow(view: AuditEventView): string {
  return csvRow([
    view.occurredAt,
    view.actor.type,
    view.actor.id,
    view.actor.name,
    view.action,
    view.target.type,
    view.target.id,
    view.customerId,
    view.ipAddress,
    view.requestId,
    json(view.before),
    json(view.after),
  ]);
}
