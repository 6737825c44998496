import { Link } from 'react-router';
import {
  exportLicenceInsight,
  listLicenceHolders,
  type HolderKind,
  type LicenceHolderView,
} from '../../../../../src/contracts/api/licence-insight.js';
import { endpointUrl } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/format.js';
import { useList } from '../../../lib/use-list.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { DialogButton } from '../../../ui/dialog.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';

export const HOLDER_WORDS: Record<HolderKind, { title: string; empty: string }> = {
  disabled: {
    title: 'Held by disabled users',
    empty:
      'No disabled user holds it. Disabled means the desk user is inactive (account disabled or deleted).',
  },
  inactive: {
    title: 'Held by inactive users',
    empty: 'Every enabled holder signed in recently.',
  },
  unknown: {
    title: 'Sign-in unknown',
    empty: 'Every enabled holder has a known last sign-in.',
  },
};

type Row = LicenceHolderView & { id: string };

const COLUMNS: TableColumn<Row>[] = [
  {
    id: 'name',
    name: 'User',
    sortable: true,
    isRowHeader: true,
    render: (h) => (
      <>
        <Link to={`/users/${h.deskUserId}`}>{h.displayName}</Link>{' '}
        <small>{h.userPrincipalName ?? h.email ?? ''}</small>
      </>
    ),
  },
  { id: 'customer', name: 'Customer', render: (h) => h.customerName },
  {
    id: 'licences',
    name: 'Licences',
    render: (h) => h.licences.map((l) => (l.viaGroup ? `${l.name} (via group)` : l.name)).join(', '),
  },
  { id: 'signIn', name: 'Last sign-in', render: (h) => formatDateTime(h.lastSignInAt, 'Unknown') },
  {
    id: 'notes',
    name: 'Notes',
    render: (h) =>
      [h.inactive ? 'disabled' : '', h.isServiceAccount ? 'service account' : ''].filter(Boolean).join(' · '),
  },
];

export interface HoldersScope {
  kind: HolderKind;
  customerId?: string | undefined;
  skuId?: string | undefined;
  inactiveDays: number;
}

/** The users behind one number, with a CSV of the same list. */
export function HoldersList(scope: HoldersScope) {
  const filters = {
    kind: scope.kind,
    customerId: scope.customerId,
    skuId: scope.skuId,
    inactiveDays: String(scope.inactiveDays),
  };
  const list = useList(listLicenceHolders, { filters, initialSort: 'name' });
  const page = list.data && {
    ...list.data,
    items: list.data.items.map((h) => ({ ...h, id: h.deskUserId })),
  };
  const csv = endpointUrl(exportLicenceInsight, {
    query: { report: 'holders', ...filters, inactiveDays: scope.inactiveDays },
  });
  return (
    <div className="stack">
      <ListView
        label={HOLDER_WORDS[scope.kind].title}
        searchLabel="Search by name, email or UPN"
        list={list}
        page={page}
        columns={COLUMNS}
        empty={<EmptyState title="Nobody">{HOLDER_WORDS[scope.kind].empty}</EmptyState>}
      />
      <a className="button button-secondary" href={csv} download>
        Download CSV
      </a>
    </div>
  );
}

/** A count that opens the list of its holders (plain text when there are none). */
export function HoldersButton({ count, label, ...scope }: HoldersScope & { count: number; label: string }) {
  if (count === 0) return <>0</>;
  return (
    <DialogButton
      label={String(count)}
      accessibleLabel={`${count} ${HOLDER_WORDS[scope.kind].title.toLowerCase()}: ${label}`}
      title={`${HOLDER_WORDS[scope.kind].title}: ${label}`}
      variant="quiet"
      wide
    >
      {() => <HoldersList {...scope} />}
    </DialogButton>
  );
}
