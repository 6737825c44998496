import { useState } from 'react';
import type { ListInboundEndpoint } from '../../../../../src/contracts/api/connection-logs.js';
import { PLAN_REASON_CODES, type PlanReasonCode } from '../../../../../src/contracts/entra/index.js';
import type { CallResult } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { useList } from '../../../lib/use-list.js';
import { useQuery } from '../../../lib/use-query.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { DialogButton } from '../../../ui/dialog.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { SelectField } from '../../../ui/select-field.js';
import { ChangesDetails, changesOf } from './changes-table.js';
import {
  ALL,
  ENTRA_LOGS,
  tenantText,
  useTenantFilter,
  type ConnectionLogKind,
} from './connection-log-kinds.js';
import { REASON_LABELS } from './labels.js';

type Entry = CallResult<ListInboundEndpoint>['items'][number];
type Row = Omit<Entry, 'id'> & { id: string };

function reasonText(e: Row): string {
  const known = (PLAN_REASON_CODES as readonly string[]).includes(e.reasonCode ?? '');
  return e.reason ?? (known ? REASON_LABELS[e.reasonCode as PlanReasonCode] : (e.reasonCode ?? ''));
}

function nameOf(e: Pick<Entry, 'details' | 'externalId'>): string {
  return typeof e.details.displayName === 'string' ? e.details.displayName : e.externalId;
}

function EntryDetails({ entry }: { entry: Row }) {
  const { displayName: _name, changes: _changes, ...rest } = entry.details;
  return (
    <div className="stack">
      <dl className="details">
        <dt>When</dt>
        <dd>{formatDateTime(entry.occurredAt)}</dd>
        <dt>Record</dt>
        <dd>
          {entry.entityType} {nameOf(entry)} <span className="code">{entry.externalId}</span>
        </dd>
        <dt>Tenant</dt>
        <dd>
          {entry.tenantName ?? null} <span className="code">{entry.tenantId}</span>
        </dd>
        <dt>Action</dt>
        <dd>{entry.action}</dd>
        <dt>Reason</dt>
        <dd>
          {reasonText(entry)} {entry.reasonCode ? <span className="code">{entry.reasonCode}</span> : null}
        </dd>
      </dl>
      <ChangesDetails changes={changesOf(entry.details)} label={nameOf(entry)} />
      {Object.keys(rest).length > 0 ? <pre className="code">{JSON.stringify(rest, null, 2)}</pre> : null}
    </div>
  );
}

/**
 * Inbound Requests: every record this connection's imports changed, with the reason and the
 * changes. `logs` says which kind of connection (Entra by default; CSP adds module and tenant).
 */
export function InboundTab(props: {
  connectionId: string;
  runId: string | null;
  setRunId: (id: string | null) => void;
  logs?: ConnectionLogKind;
}) {
  const logs = props.logs ?? ENTRA_LOGS;
  const call = useApi();
  const [action, setAction] = useState(ALL);
  const [module, setModule] = useState(ALL);
  const tenant = useTenantFilter(logs, props.connectionId);
  const runs = useQuery(`runs-for-filter:${props.connectionId}`, (signal) =>
    call(logs.listRuns, { params: { id: props.connectionId }, query: { limit: 50 }, signal }),
  );
  const list = useList(logs.listInbound, {
    params: { id: props.connectionId },
    filters: {
      syncRunId: props.runId ?? undefined,
      action: action === ALL ? undefined : action,
      module: module === ALL ? undefined : module,
      tenantId: tenant.tenantId,
    },
  });
  const runOptions = [
    { id: ALL, label: 'Every run' },
    ...(runs.data?.items ?? [])
      .filter((r) => !r.dryRun)
      .map((r) => ({
        id: r.id,
        label: `${formatDateTime(r.startedAt)} — ${r.module}${logs.manyTenants ? ` in ${tenantText(r)}` : ''}, ${r.status}`,
      })),
  ];
  if (props.runId && !runOptions.some((o) => o.id === props.runId))
    runOptions.push({ id: props.runId, label: 'The chosen run' });
  const page = list.data && {
    ...list.data,
    items: list.data.items.map((e): Row => ({ ...e, id: String(e.id) })),
  };
  const columns: TableColumn<Row>[] = [
    { id: 'occurredAt', name: 'When', render: (e) => formatDateTime(e.occurredAt) },
    { id: 'record', name: 'Record', isRowHeader: true, render: nameOf },
    ...(logs.manyTenants ? [{ id: 'tenant', name: 'Tenant', render: (e: Row) => tenantText(e) }] : []),
    { id: 'entityType', name: 'Type', render: (e) => e.entityType },
    { id: 'action', name: 'Action', render: (e) => e.action },
    { id: 'reason', name: 'Reason', render: reasonText },
    {
      id: 'changes',
      name: 'Changes',
      render: (e) => <ChangesDetails changes={changesOf(e.details)} label={nameOf(e)} />,
    },
    {
      id: 'details',
      name: 'Details',
      render: (e) => (
        <DialogButton
          label="Show"
          variant="quiet"
          accessibleLabel={`Details of ${nameOf(e)}`}
          title={`${e.action}: ${nameOf(e)}`}
          wide
        >
          {() => <EntryDetails entry={e} />}
        </DialogButton>
      ),
    },
  ];
  const filtering = Boolean(props.runId) || action !== ALL || module !== ALL || Boolean(tenant.tenantId);
  return (
    <ListView
      label="Inbound requests"
      searchLabel={logs.searchLabel}
      list={list}
      page={page}
      columns={columns}
      filters={
        <div className="toolbar">
          <SelectField
            label="Run"
            options={runOptions}
            value={props.runId ?? ALL}
            onChange={(id) => props.setRunId(id === ALL ? null : id)}
          />
          {logs.manyTenants ? (
            <SelectField label="Module" options={logs.modules} value={module} onChange={setModule} />
          ) : null}
          {tenant.control}
          <SelectField label="Action" options={logs.actions} value={action} onChange={setAction} />
        </div>
      }
      filtered={filtering ? <p>No entries for these filters.</p> : undefined}
      empty={
        <EmptyState title="Nothing imported yet">
          <p>{logs.inboundEmpty}</p>
        </EmptyState>
      }
    />
  );
}
