import { useState } from 'react';
import type { ListRunsEndpoint } from '../../../../../src/contracts/api/connection-logs.js';
import type { CallResult } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/format.js';
import { useList } from '../../../lib/use-list.js';
import { Button } from '../../../ui/button.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { SelectField } from '../../../ui/select-field.js';
import {
  ALL,
  ENTRA_LOGS,
  tenantText,
  useTenantFilter,
  type ConnectionLogKind,
} from './connection-log-kinds.js';
import { RUN_TRIGGER_LABELS, runModeText } from './labels.js';

type SyncRun = CallResult<ListRunsEndpoint>['items'][number];

/** "3 created, 1 updated" from a run's counts (zeros left out). */
export function countsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return parts.length > 0 ? parts.join(', ') : 'Nothing';
}

function statusBadge(status: string) {
  const tone =
    status === 'succeeded'
      ? 'badge-ok'
      : status === 'failed'
        ? 'badge-off'
        : status === 'running'
          ? ''
          : 'badge-warn';
  return <span className={`badge ${tone}`}>{status}</span>;
}

function duration(run: SyncRun): string {
  if (!run.finishedAt) return 'Running';
  const seconds = (new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds / 60)} min`;
}

/**
 * Runs: every import of this connection, newest first, with what started it, whether it read in
 * full or only changes (and why), what it did and what it cost. `logs` says which kind of
 * connection (Entra by default; CSP adds the tenant column and filter).
 */
/** A run's error, then what it warns about although it succeeded (e.g. last sign-in not read). */
function problemsOf(run: SyncRun) {
  if (!run.error && run.warnings.length === 0) return '';
  return (
    <div className="stack">
      {run.error ? <span>{`${run.error.message} (${run.error.code})`}</span> : null}
      {run.warnings.map((warning) => (
        <span key={warning} className="badge badge-warn">
          Warning: {warning}
        </span>
      ))}
    </div>
  );
}

export function RunsTab({
  connectionId,
  showInbound,
  logs = ENTRA_LOGS,
}: {
  connectionId: string;
  showInbound: (runId: string) => void;
  logs?: ConnectionLogKind;
}) {
  const [module, setModule] = useState(ALL);
  const tenant = useTenantFilter(logs, connectionId);
  const list = useList(logs.listRuns, {
    params: { id: connectionId },
    filters: { module: module === ALL ? undefined : module, tenantId: tenant.tenantId },
  });
  const columns: TableColumn<SyncRun>[] = [
    { id: 'startedAt', name: 'Started', isRowHeader: true, render: (r) => formatDateTime(r.startedAt) },
    ...(logs.manyTenants ? [{ id: 'tenant', name: 'Tenant', render: (r: SyncRun) => tenantText(r) }] : []),
    { id: 'module', name: 'Module', render: (r) => r.module },
    {
      id: 'trigger',
      name: 'Trigger',
      render: (r) => `${RUN_TRIGGER_LABELS[r.trigger] ?? r.trigger}${r.dryRun ? ' (preview)' : ''}`,
    },
    { id: 'read', name: 'Read', render: (r) => runModeText(r.mode, r.modeReason) },
    { id: 'status', name: 'Status', render: (r) => statusBadge(r.status) },
    { id: 'counts', name: 'Counts', render: (r) => countsText(r.counts) },
    { id: 'error', name: 'Errors and warnings', render: problemsOf },
    { id: 'graphRequests', name: 'Graph requests', render: (r) => r.graphRequests },
    { id: 'duration', name: 'Took', render: duration },
    {
      id: 'inbound',
      name: 'Log',
      render: (r) =>
        r.dryRun ? (
          ''
        ) : (
          <Button
            variant="quiet"
            aria-label={`Inbound requests of the run started ${formatDateTime(r.startedAt)}`}
            onPress={() => showInbound(r.id)}
          >
            Inbound requests
          </Button>
        ),
    },
  ];
  return (
    <ListView
      label="Import runs"
      list={list}
      page={list.data}
      columns={columns}
      filters={
        <div className="toolbar">
          <SelectField label="Module" options={logs.modules} value={module} onChange={setModule} />
          {tenant.control}
        </div>
      }
      filtered={module === ALL && !tenant.tenantId ? undefined : <p>No runs for these filters yet.</p>}
      empty={
        <EmptyState title="No runs yet">
          <p>{logs.runsEmpty}</p>
        </EmptyState>
      }
    />
  );
}
