import { useState } from 'react';
import {
  OUTBOUND_STATUSES,
  type ListOutboundEndpoint,
} from '../../../../../src/contracts/api/outbound-log.js';
import type { CallResult } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/format.js';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';
import { useList } from '../../../lib/use-list.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { DialogButton } from '../../../ui/dialog.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';
import {
  ALL,
  ENTRA_LOGS,
  tenantText,
  useTenantFilter,
  type ConnectionLogKind,
} from './connection-log-kinds.js';
import { OutboundDetail } from './outbound-detail.js';

type Action = CallResult<ListOutboundEndpoint>['items'][number];

const STATUS_LABELS: Record<(typeof OUTBOUND_STATUSES)[number], string> = {
  pending: 'Waiting',
  running: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const STATUSES = [
  { id: ALL, label: 'Every status' },
  ...OUTBOUND_STATUSES.map((s) => ({ id: s, label: STATUS_LABELS[s] })),
];

function statusBadge(status: Action['status']) {
  const tone =
    status === 'succeeded'
      ? 'badge-ok'
      : status === 'failed'
        ? 'badge-off'
        : status === 'cancelled'
          ? ''
          : 'badge-warn';
  return <span className={`badge ${tone}`}>{STATUS_LABELS[status]}</span>;
}

/**
 * Outbound Requests: what this connection asked of Microsoft (licence changes, new starters, …),
 * newest first, with attempts and errors; "Show" opens the request sent and Microsoft's response.
 */
export function OutboundTab({
  connectionId,
  logs = ENTRA_LOGS,
}: {
  connectionId: string;
  logs?: ConnectionLogKind;
}) {
  const [status, setStatus] = useState(ALL);
  const [kind, setKind] = useState('');
  const kindFilter = useDebouncedValue(kind.trim());
  const tenant = useTenantFilter(logs, connectionId);
  const list = useList(logs.listOutbound, {
    params: { id: connectionId },
    filters: {
      status: status === ALL ? undefined : status,
      kind: kindFilter === '' ? undefined : kindFilter,
      tenantId: tenant.tenantId,
    },
  });
  const columns: TableColumn<Action>[] = [
    { id: 'createdAt', name: 'When', isRowHeader: true, render: (a) => formatDateTime(a.createdAt) },
    { id: 'tenant', name: 'Tenant', render: tenantText },
    { id: 'kind', name: 'Kind', render: (a) => <span className="code">{a.kind}</span> },
    { id: 'status', name: 'Status', render: (a) => statusBadge(a.status) },
    { id: 'attempts', name: 'Attempts', render: (a) => a.attempts },
    {
      id: 'error',
      name: 'Last error',
      render: (a) => (a.lastError ? `${a.lastError.message} (${a.lastError.code})` : ''),
    },
    {
      id: 'completedAt',
      name: 'Completed',
      render: (a) => (a.completedAt ? formatDateTime(a.completedAt) : ''),
    },
    {
      id: 'details',
      name: 'Details',
      render: (a) => (
        <DialogButton
          label="Show"
          variant="quiet"
          accessibleLabel={`Request and response of ${a.kind} recorded ${formatDateTime(a.createdAt)}`}
          title={`${a.kind} — ${tenantText(a)}`}
          wide
        >
          {() => <OutboundDetail logs={logs} connectionId={connectionId} actionId={a.id} />}
        </DialogButton>
      ),
    },
  ];
  const filtering = status !== ALL || kind.trim() !== '' || Boolean(tenant.tenantId);
  return (
    <ListView
      label="Outbound requests"
      searchLabel="Search by name, UPN, SKU or error"
      list={list}
      page={list.data}
      columns={columns}
      filters={
        <div className="toolbar">
          <SelectField label="Status" options={STATUSES} value={status} onChange={setStatus} />
          {tenant.control}
          <TextField label="Kind" placeholder="e.g. licence.assign" value={kind} onChange={setKind} />
        </div>
      }
      filtered={filtering ? <p>No outbound requests for these filters.</p> : undefined}
      empty={
        <EmptyState title="No outbound requests yet">
          <p>
            No outbound requests yet. Licence changes and new-starter automation sent to Microsoft appear
            here.
          </p>
        </EmptyState>
      }
    />
  );
}
