import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { listUsers, type UserView } from '../../../../src/contracts/api/users.js';
import { useMe } from '../../auth/session.js';
import { formatDateTime } from '../../lib/format.js';
import { can } from '../../lib/permissions.js';
import { useList } from '../../lib/use-list.js';
import type { TableColumn } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ListView } from '../../ui/list-view.js';
import { Page } from '../../ui/page.js';
import { SelectField } from '../../ui/select-field.js';
import { StatusBadge } from '../../ui/status-badge.js';
import { BulkLicenceBar } from './bulk-licences.js';

/** Words for a user's contract coverage, as badges and filters show it. */
export const COVERAGE_LABELS: Record<NonNullable<UserView['contractCoverage']>, string> = {
  covered: 'Covered by contract',
  flagged: 'Not covered by contract (flagged)',
  refused: 'Not covered by contract',
};

/**
 * "Service account" and "Not covered by contract": why tickets may not be logged against a user,
 * or are flagged, in words (colour only repeats them).
 */
export function TicketBadges({ user }: { user: Pick<UserView, 'isServiceAccount' | 'contractCoverage'> }) {
  return (
    <>
      {user.isServiceAccount ? <span className="badge badge-warn">Service account</span> : null}{' '}
      {user.contractCoverage === 'refused' ? (
        <span className="badge badge-off">Not covered by contract</span>
      ) : user.contractCoverage === 'flagged' ? (
        <span className="badge badge-warn">Not covered by contract (flagged)</span>
      ) : null}
    </>
  );
}

const COLUMNS: TableColumn<UserView>[] = [
  { id: 'displayName', name: 'Name', sortable: true, isRowHeader: true, render: (u) => u.displayName },
  { id: 'email', name: 'Email', sortable: true, render: (u) => u.email ?? '' },
  { id: 'customer', name: 'Customer', render: (u) => u.customerName },
  { id: 'site', name: 'Site', render: (u) => u.siteName },
  { id: 'linked', name: 'Microsoft', render: (u) => (u.linked ? 'Linked' : 'Not linked') },
  { id: 'lastSignInAt', name: 'Last sign-in', render: (u) => formatDateTime(u.lastSignInAt) },
  {
    id: 'status',
    name: 'Status',
    render: (u) => (
      <>
        <StatusBadge inactive={u.inactive} /> <TicketBadges user={u} />
      </>
    ),
  },
];

const COVERAGE_OPTIONS = [
  { id: 'any', label: 'Any coverage' },
  ...Object.entries(COVERAGE_LABELS).map(([id, label]) => ({ id, label })),
];
const SERVICE_ACCOUNT_OPTIONS = [
  { id: 'any', label: 'Service accounts and others' },
  { id: 'true', label: 'Only service accounts' },
  { id: 'false', label: 'No service accounts' },
];
const orUndefined = (value: string) => (value === 'any' ? undefined : value);

/** Every desk user across customers (or one customer's, from its page), searchable. */
export function UsersPage() {
  const [params] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const [coverage, setCoverage] = useState('any');
  const [serviceAccount, setServiceAccount] = useState('any');
  const list = useList(listUsers, {
    initialSort: 'displayName',
    filters: { customerId, coverage: orUndefined(coverage), serviceAccount: orUndefined(serviceAccount) },
  });
  // Ticked users across pages (kept whole: the bulk dialog needs their tenants and names).
  const mayManageLicences = can(useMe(), 'licences.manage');
  const [selected, setSelected] = useState<Map<string, UserView>>(new Map());
  const pageItems = list.data?.items ?? [];
  const selectOnPage = (pageSelected: Set<string>) =>
    setSelected((before) => {
      const next = new Map(before);
      for (const user of pageItems) {
        if (pageSelected.has(user.id)) next.set(user.id, user);
        else next.delete(user.id);
      }
      return next;
    });
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
      {mayManageLicences ? (
        <BulkLicenceBar selected={[...selected.values()]} onClear={() => setSelected(new Map())} />
      ) : null}
      <ListView
        label="Users"
        searchLabel="Search by name, surname, email or sign-in name"
        list={list}
        page={list.data}
        columns={COLUMNS}
        rowHref={(u) => `/users/${u.id}`}
        {...(mayManageLicences
          ? { selection: { selectedKeys: new Set(selected.keys()), onChange: selectOnPage } }
          : {})}
        filters={
          <>
            <SelectField
              label="Contract coverage"
              options={COVERAGE_OPTIONS}
              value={coverage}
              onChange={setCoverage}
            />
            <SelectField
              label="Service accounts"
              options={SERVICE_ACCOUNT_OPTIONS}
              value={serviceAccount}
              onChange={setServiceAccount}
            />
          </>
        }
        filtered={
          <EmptyState title="No users match these filters">
            <p>Choose another contract coverage or service-account filter.</p>
          </EmptyState>
        }
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
