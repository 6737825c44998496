import type { InboundLogEntryView, SyncRunView } from '../../contracts/api/connection-logs.js';
import type { InboundLogEntry, SyncRun } from '../../store/index.js';
import { CSP_TENANTS_MODULE } from '../integrations/csp/tenants-sync.js';
import { iso, isoOrNull } from './resource-helpers.js';

/** Tenant id → name, as `listTenantNames` reads them for one page. */
export type TenantNames = ReadonlyMap<string, string>;

export function syncRunView(run: SyncRun, names: TenantNames): SyncRunView {
  return {
    id: run.id,
    connectionId: run.connectionId,
    tenantId: run.tenantId,
    tenantName: names.get(run.tenantId) ?? null,
    // The integrator's name for the module (the console filters and labels by it).
    module: run.module === CSP_TENANTS_MODULE ? 'tenants' : run.module,
    mode: run.mode,
    modeReason: run.modeReason,
    trigger: run.trigger,
    dryRun: run.dryRun,
    status: run.status,
    counts: run.counts,
    error: run.error ?? null,
    warnings: run.warnings,
    graphRequests: run.graphRequests,
    startedAt: iso(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
  };
}

export function inboundLogView(entry: InboundLogEntry, names: TenantNames): InboundLogEntryView {
  return {
    id: entry.id,
    syncRunId: entry.syncRunId,
    tenantId: entry.tenantId,
    tenantName: names.get(entry.tenantId) ?? null,
    entityType: entry.entityType,
    externalId: entry.externalId,
    action: entry.action,
    reasonCode: entry.reasonCode,
    reason: entry.reason,
    details: entry.details,
    occurredAt: iso(entry.occurredAt),
  };
}
