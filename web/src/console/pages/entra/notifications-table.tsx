import type { NotificationSubscription } from '../../../../../src/contracts/api/graph-notifications.js';
import { formatDateTime } from '../../../lib/format.js';
import { DataTable, type TableColumn } from '../../../ui/data-table.js';

const STATUS_LABELS: Record<NotificationSubscription['status'], string> = {
  pending: 'Being created',
  active: 'Active',
  failed: 'Failed',
  removed: 'Being deleted',
};

const RESOURCE_LABELS: Record<NotificationSubscription['resource'], string> = {
  users: 'Users',
  groups: 'Groups',
};

type Row = NotificationSubscription & { id: string };

function StatusCell({ subscription }: { subscription: NotificationSubscription }) {
  const tone =
    subscription.status === 'active' ? 'badge-ok' : subscription.status === 'failed' ? 'badge-off' : '';
  return (
    <div className="stack">
      <span className={`badge ${tone}`}>{STATUS_LABELS[subscription.status]}</span>
      {subscription.lastError ? <span className="muted">{subscription.lastError.message}</span> : null}
    </div>
  );
}

const columns: TableColumn<Row>[] = [
  {
    id: 'tenant',
    name: 'Tenant',
    isRowHeader: true,
    render: (s) => <span className="code">{s.tenantId}</span>,
  },
  { id: 'resource', name: 'Watches', render: (s) => RESOURCE_LABELS[s.resource] },
  { id: 'status', name: 'Status', render: (s) => <StatusCell subscription={s} /> },
  { id: 'expires', name: 'Renewed until', render: (s) => formatDateTime(s.expiresAt, '—') },
  { id: 'last', name: 'Last notification', render: (s) => formatDateTime(s.lastNotificationAt) },
];

/** Each tenant's subscriptions on users and groups: status, expiry, last notification, last error. */
export function NotificationsTable({ subscriptions }: { subscriptions: NotificationSubscription[] }) {
  return (
    <DataTable
      label="Change notification subscriptions"
      columns={columns}
      items={subscriptions.map((s) => ({ ...s, id: `${s.tenantId}/${s.resource}` }))}
      empty="No subscriptions yet: they are created within a minute of switching notifications on."
    />
  );
}
