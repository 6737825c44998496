import { useEffect } from 'react';
import { listHrRuns, type HrRun } from '../../../../../../src/contracts/api/hr-runs.js';
import type { HrActionKind } from '../../../../../../src/contracts/hr/lifecycle.js';
import { useApi } from '../../../../lib/api-context.js';
import { formatDateTime } from '../../../../lib/format.js';
import { useQuery } from '../../../../lib/use-query.js';
import { Alert } from '../../../../ui/alert.js';
import { DataTable, type TableColumn } from '../../../../ui/data-table.js';
import { ACTION_LABELS } from '../labels.js';

/** How often a page with a running run asks again (the run works in the background). */
const RUNNING_POLL_MS = 2000;

/** Run counts that are not actions. */
const COUNT_LABELS: Record<string, string> = {
  persons: 'Persons checked',
  personsWithActions: 'Persons changed',
  failed: 'Failed',
};

function countsText(counts: Record<string, number>): string {
  const label = (key: string) => COUNT_LABELS[key] ?? ACTION_LABELS[key as HrActionKind] ?? key;
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${label(key)}: ${n}`);
  return parts.length ? parts.join(', ') : 'Nothing to do';
}

const STATUS: Record<HrRun['status'], { label: string; badge: string }> = {
  running: { label: 'Running', badge: 'badge' },
  completed: { label: 'Completed', badge: 'badge badge-ok' },
  failed: { label: 'Failed', badge: 'badge badge-off' },
};

const COLUMNS: TableColumn<HrRun>[] = [
  { id: 'startedAt', name: 'Started', isRowHeader: true, render: (r) => formatDateTime(r.startedAt) },
  { id: 'kind', name: 'Kind', render: (r) => (r.dryRun ? 'Dry run' : 'Enforcement') },
  {
    id: 'status',
    name: 'Status',
    render: (r) => <span className={STATUS[r.status].badge}>{STATUS[r.status].label}</span>,
  },
  { id: 'rules', name: 'Rules', render: (r) => `Version ${r.rulesVersion}` },
  { id: 'counts', name: 'Actions', render: (r) => countsText(r.counts) },
  { id: 'by', name: 'Started by', render: (r) => r.triggeredByName },
  { id: 'error', name: 'Error', render: (r) => r.error ?? '—' },
];

/** A source's recent enforcement runs with what each did per action; refreshed while one runs. */
export function RunsTable({
  sourceId,
  refreshKey,
  onSettled,
}: {
  sourceId: string;
  refreshKey: number;
  onSettled: () => void;
}) {
  const call = useApi();
  const runs = useQuery(`hr-runs:${sourceId}:${refreshKey}`, (signal) =>
    call(listHrRuns, { params: { id: sourceId }, query: { limit: 10 }, signal }),
  );
  const items = runs.data?.items ?? [];
  const running = items.some((r) => r.status === 'running');
  const { reload } = runs;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, RUNNING_POLL_MS);
    return () => {
      clearInterval(timer);
      // The run finished: the source's counts (persons failing, last enforced) changed too.
      onSettled();
    };
  }, [running, reload, onSettled]);
  return (
    <section className="stack" aria-labelledby="hr-runs">
      <h2 id="hr-runs">Recent runs</h2>
      {runs.error ? <Alert title="The runs could not be loaded">{runs.error.message}</Alert> : null}
      <DataTable
        label="Recent runs"
        columns={COLUMNS}
        items={items}
        busy={runs.loading}
        empty="No runs yet. Publish rules, then Run now (or Dry run to see what it would do)."
      />
    </section>
  );
}
