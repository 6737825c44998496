import { useState } from 'react';
import { listSyncRuns } from '../../../../../src/contracts/api/entra-import.js';
import type { CallResult } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/format.js';
import { useList } from '../../../lib/use-list.js';
import { Button } from '../../../ui/button.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { SelectField } from '../../../ui/select-field.js';
import { RUN_TRIGGER_LABELS, runModeText } from './labels.js';

type SyncRun = CallResult<typeof listSyncRuns>['items'][number];

const MODULES = [
  { id: 'all', label: 'Users and agents' },
  { id: 'users', label: 'Users' },
  { id: 'agents', label: 'Agents' },
];

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
 * full or only changes (and why), what it did and what it cost.
 */
export function RunsTab({
  connectionId,
  showInbound,
}: {
  connectionId: string;
  showInbound: (runId: string) => void;
}) {
  const [module, setModule] = useState('all');
  const list = useList(listSyncRuns, {
    params: { id: connectionId },
    filters: { module: module === 'all' ? undefined : module },
  });
  const columns: TableColumn<SyncRun>[] = [
    { id: 'startedAt', name: 'Started', isRowHeader: true, render: (r) => formatDateTime(r.startedAt) },
    { id: 'module', name: 'Module', render: (r) => r.module },
    {
      id: 'trigger',
      name: 'Trigger',
      render: (r) => `${RUN_TRIGGER_LABELS[r.trigger] ?? r.trigger}${r.dryRun ? ' (preview)' : ''}`,
    },
    { id: 'read', name: 'Read', render: (r) => runModeText(r.mode, r.modeReason) },
    { id: 'status', name: 'Status', render: (r) => statusBadge(r.status) },
    { id: 'counts', name: 'Counts', render: (r) => countsText(r.counts) },
    { id: 'error', name: 'Errors', render: (r) => (r.error ? `${r.error.message} (${r.error.code})` : '') },
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
      filters={<SelectField label="Module" options={MODULES} value={module} onChange={setModule} />}
      filtered={module === 'all' ? undefined : <p>No {module} runs yet.</p>}
      empty={
        <EmptyState title="No runs yet">
          <p>
            Each preview and import is listed here, with its counts, errors and the Graph requests it made.
          </p>
        </EmptyState>
      }
    />
  );
}
