import type { IntegratorModule, IntegratorTenantState } from '../../../../../src/contracts/api/integrator.js';
import { formatDateTime } from '../../../lib/format.js';
import { Button } from '../../../ui/button.js';
import { DataTable, type TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { MODULE_LABELS } from './integrator-settings.js';

type Row = IntegratorTenantState & { id: string };

const JOB_LABELS: Record<string, string> = {
  created: 'Queued',
  retry: 'Waiting to retry',
  active: 'Running',
};

function statusOf(state: IntegratorTenantState) {
  if (state.quarantine) return <span className="badge badge-off">Quarantined</span>;
  if (state.consecutiveFailures > 0) {
    return <span className="badge badge-warn">Failing ({state.consecutiveFailures} in a row)</span>;
  }
  if (state.job) return <span className="badge">{JOB_LABELS[state.job.state] ?? state.job.state}</span>;
  if (!state.lastSuccessAt) return <span className="badge">Not run yet</span>;
  return <span className="badge badge-ok">OK</span>;
}

function problemOf(state: IntegratorTenantState): string {
  const reason = state.quarantine?.reason ?? state.lastError;
  if (!reason) return '';
  const since = state.quarantine
    ? ` Quarantined ${formatDateTime(state.quarantine.at)}; a successful Run now lifts it.`
    : '';
  return `${reason.message} (${reason.code}).${since}`;
}

export interface IntegratorStatusProps {
  states: IntegratorTenantState[];
  enabled: boolean;
  canRun: boolean;
  busy: boolean;
  onRun: (target: { tenantId?: string; module?: IntegratorModule }) => void;
}

/** Where the integrator stands per tenant and module, with "Run now" for each. */
export function IntegratorStatus({ states, enabled, canRun, busy, onRun }: IntegratorStatusProps) {
  // "Run tenant" (every module of it) sits on the tenant's first row.
  const firstOfTenant = new Set(
    states
      .filter((s, i) => states.findIndex((o) => o.tenantId === s.tenantId) === i)
      .map((s) => `${s.tenantId}/${s.module}`),
  );
  const columns: TableColumn<Row>[] = [
    {
      id: 'tenant',
      name: 'Tenant',
      isRowHeader: true,
      render: (s) => (
        <>
          <span className="code">{s.tenantId}</span>
          {canRun && firstOfTenant.has(`${s.tenantId}/${s.module}`) ? (
            <Button
              variant="quiet"
              isDisabled={busy}
              aria-label={`Run tenant ${s.tenantId} now`}
              onPress={() => onRun({ tenantId: s.tenantId })}
            >
              Run tenant
            </Button>
          ) : null}
        </>
      ),
    },
    { id: 'module', name: 'Module', render: (s) => MODULE_LABELS[s.module] },
    { id: 'status', name: 'Status', render: statusOf },
    { id: 'lastRun', name: 'Last run', render: (s) => formatDateTime(s.lastRunAt) },
    { id: 'lastSuccess', name: 'Last success', render: (s) => formatDateTime(s.lastSuccessAt) },
    {
      id: 'nextDue',
      name: 'Next due',
      render: (s) =>
        !s.scheduled
          ? 'Not scheduled'
          : s.quarantine
            ? 'Held (quarantined)'
            : s.nextDueAt
              ? formatDateTime(s.nextDueAt)
              : 'At the next tick',
    },
    {
      id: 'job',
      name: 'Now',
      render: (s) =>
        s.job
          ? `${JOB_LABELS[s.job.state] ?? s.job.state}${s.job.retryCount ? ` (retry ${s.job.retryCount})` : ''}`
          : '',
    },
    { id: 'problem', name: 'Problem', render: problemOf },
    {
      id: 'run',
      name: 'Run now',
      render: (s) =>
        canRun ? (
          <Button
            variant="quiet"
            isDisabled={busy}
            aria-label={`Run ${MODULE_LABELS[s.module]} of tenant ${s.tenantId} now`}
            onPress={() => onRun({ tenantId: s.tenantId, module: s.module })}
          >
            Run now
          </Button>
        ) : (
          ''
        ),
    },
  ];
  return (
    <DataTable
      label="Integrator status per tenant and module"
      columns={columns}
      items={states.map((s) => ({ ...s, id: `${s.tenantId}/${s.module}` }))}
      empty={
        <EmptyState title="Nothing has run yet">
          <p>
            {enabled
              ? 'The schedule starts each tenant within a minute of being switched on; its runs appear here with their status.'
              : 'Switch the integrator on and save to synchronise every tenant on its schedule, or use Run now to synchronise once.'}
          </p>
        </EmptyState>
      }
    />
  );
}
