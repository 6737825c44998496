import { Link, useSearchParams } from 'react-router';
import { listUsers, type UserView } from '../../../../src/contracts/api/users.js';
import { formatDateTime } from '../../lib/format.js';
import { useList } from '../../lib/use-list.js';
import type { TableColumn } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ListView } from '../../ui/list-view.js';
import { Page } from '../../ui/page.js';
import { StatusBadge } from '../../ui/status-badge.js';

const COLUMNS: TableColumn<UserView>[] = [
  { id: 'displayName', name: 'Name', sortable: true, isRowHeader: true, render: (u) => u.displayName },
  { id: 'email', name: 'Email', sortable: true, render: (u) => u.email ?? '' },
  { id: 'customer', name: 'Customer', render: (u) => u.customerName },
  { id: 'site', name: 'Site', render: (u) => u.siteName },
  { id: 'linked', name: 'Microsoft', render: (u) => (u.linked ? 'Linked' : 'Not linked') },
  { id: 'lastSignInAt', name: 'Last sign-in', render: (u) => formatDateTime(u.lastSignInAt) },
  { id: 'status', name: 'Status', render: (u) => <StatusBadge inactive={u.inactive} /> },
];

/** Every desk user across customers (or one customer's, from its page), searchable. */
export function UsersPage() {
  const [params] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const list = useList(listUsers, { initialSort: 'displayName', filters: { customerId } });
  return (
    <Page
      title="Users"
      description={
        customerId ? (
          <>
            The users of one customer. <Link to="/users">Show every customer’s users</Link>
          </>
        ) : (
          'The people of every customer, as Microsoft and your desk know them.'
        )
      }
    >
      <ListView
        label="Users"
        searchLabel="Search by name, surname, email or sign-in name"
        list={list}
        page={list.data}
        columns={COLUMNS}
        rowHref={(u) => `/users/${u.id}`}
        empty={
          <EmptyState title="No users yet">
            <p>
              Users are imported from Microsoft Entra ID once a tenant is connected under Integrations, and
              kept in step by each sync.
            </p>
          </EmptyState>
        }
      />
    </Page>
  );
}
