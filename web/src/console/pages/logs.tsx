import {
  exportAuditEvents,
  listAuditEvents,
  type AuditEventView,
} from '../../../../src/contracts/api/audit.js';
import { endpointUrl } from '../../lib/api.js';
import { useDebouncedValue } from '../../lib/use-debounced-value.js';
import { formatDateTime } from '../../lib/format.js';
import { useList } from '../../lib/use-list.js';
import type { TableColumn } from '../../ui/data-table.js';
import { DialogButton } from '../../ui/dialog.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ListView } from '../../ui/list-view.js';
import { Page } from '../../ui/page.js';

function describeActor(actor: AuditEventView['actor']): string {
  if (actor.type === 'system') return 'Rollcall (automatic)';
  const who = actor.name ?? actor.id ?? 'unknown';
  return actor.type === 'portal-user' ? `${who} (portal)` : who;
}

function Change({ event }: { event: AuditEventView }) {
  return (
    <dl className="details">
      <dt>When</dt>
      <dd>{formatDateTime(event.occurredAt)}</dd>
      <dt>Who</dt>
      <dd>{describeActor(event.actor)}</dd>
      <dt>What</dt>
      <dd>{event.action}</dd>
      <dt>Record</dt>
      <dd>
        {event.target.type} {event.target.id ?? ''}
      </dd>
      <dt>From</dt>
      <dd>
        {event.ipAddress ?? '—'} (request {event.requestId ?? '—'})
      </dd>
      <dt>Before</dt>
      <dd>
        <pre>{event.before === undefined ? '—' : JSON.stringify(event.before, null, 2)}</pre>
      </dd>
      <dt>After</dt>
      <dd>
        <pre>{event.after === undefined ? '—' : JSON.stringify(event.after, null, 2)}</pre>
      </dd>
    </dl>
  );
}

const COLUMNS: TableColumn<AuditEventView>[] = [
  { id: 'occurredAt', name: 'When', render: (e) => formatDateTime(e.occurredAt) },
  { id: 'actor', name: 'Who', isRowHeader: true, render: (e) => describeActor(e.actor) },
  { id: 'action', name: 'What', render: (e) => e.action },
  { id: 'target', name: 'Record', render: (e) => e.target.type },
  { id: 'ip', name: 'From', render: (e) => e.ipAddress ?? '' },
  {
    id: 'details',
    name: 'Details',
    render: (e) => (
      <DialogButton
        label="Show"
        accessibleLabel={`Details of ${e.action} at ${formatDateTime(e.occurredAt)}`}
        title={`${e.action} — details`}
        variant="quiet"
      >
        {() => <Change event={e} />}
      </DialogButton>
    ),
  },
];

/** The audit trail: every configuration change, approval, secret reveal and write to Microsoft. */
export function LogsPage() {
  const list = useList(listAuditEvents);
  const search = useDebouncedValue(list.searchText.trim());
  const csv = endpointUrl(exportAuditEvents, { query: search ? { search } : {} });
  return (
    <Page
      title="Logs"
      description="Who changed what, when and from where, newest first. Secrets are never shown."
      actions={
        <a className="button button-secondary" href={csv} download>
          Export CSV
        </a>
      }
    >
      <ListView
        label="Audit trail"
        searchLabel="Search by action, record or person"
        list={list}
        page={list.data}
        columns={COLUMNS}
        empty={
          <EmptyState title="Nothing recorded yet">
            <p>
              Changes to settings, customers, agents and roles, and every write to Microsoft, will be listed
              here.
            </p>
          </EmptyState>
        }
      />
    </Page>
  );
}
