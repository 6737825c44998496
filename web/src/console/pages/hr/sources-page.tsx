import { Link } from 'react-router';
import { listHrSources, type HrSourceSummary } from '../../../../../src/contracts/api/hr-sources.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { can } from '../../../lib/permissions.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { DataTable, type TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { Loading } from '../../../ui/loading.js';
import { Page } from '../../../ui/page.js';
import { KIND_LABELS } from './labels.js';

const COLUMNS: TableColumn<HrSourceSummary>[] = [
  { id: 'name', name: 'Name', isRowHeader: true, render: (s) => s.name },
  { id: 'kind', name: 'Kind', render: (s) => KIND_LABELS[s.kind] },
  { id: 'customer', name: 'Customer', render: (s) => s.customerName },
  { id: 'persons', name: 'Persons', render: (s) => s.persons },
  {
    id: 'rules',
    name: 'Rules',
    render: (s) =>
      s.publishedVersion === 0 ? (
        <span className="badge badge-warn">Rules not published</span>
      ) : (
        <>
          Version {s.publishedVersion}
          {s.draftPending ? <span className="badge"> draft pending</span> : null}
        </>
      ),
  },
  {
    id: 'held',
    name: 'Held imports',
    render: (s) => (s.heldImports > 0 ? <span className="badge badge-warn">{s.heldImports} held</span> : '—'),
  },
  {
    id: 'failing',
    name: 'Failing persons',
    render: (s) =>
      s.failingPersons > 0 ? <span className="badge badge-off">{s.failingPersons} failing</span> : '—',
  },
  {
    id: 'last',
    name: 'Last import / enforcement',
    render: (s) => (
      <>
        {formatDateTime(s.lastImportAt)} / {formatDateTime(s.lastEnforcedAt)}
        {s.enforcementEnabled ? null : <span className="badge"> paused</span>}
      </>
    ),
  },
];

function AddSourceLink() {
  return (
    <Link className="button button-primary" to="/hr/new">
      Add source
    </Link>
  );
}

function NoSources({ canManage }: { canManage: boolean }) {
  return (
    <EmptyState title="No HR sources yet" action={canManage ? <AddSourceLink /> : undefined}>
      <p>
        An HR source is where a customer’s people come from: a CSV export (uploaded or dropped in a folder), a
        JSON API, or an HR system pushing users over SCIM. Rollcall creates their Entra accounts before they
        start, keeps names, titles and groups in step when they move, and blocks and removes them when they
        leave.
      </p>
      <p>
        What each person gets is decided by rules you write, preview and publish on the source; every change
        Rollcall makes is recorded in the source’s audit trail.
      </p>
      {canManage ? null : <p className="muted">Adding a source needs the “hr.manage” permission.</p>}
    </EmptyState>
  );
}

/** HR lifecycle (issue 9): the HR sources, with what needs attention in each. */
export function HrSourcesPage() {
  const me = useMe();
  const call = useApi();
  const canManage = can(me, 'hr.manage');
  const list = useQuery('hr-sources', (signal) => call(listHrSources, { signal }));
  const items = list.data?.items ?? [];
  return (
    <Page
      title="HR lifecycle"
      description="Joiners, movers and leavers from HR systems into customers’ Entra tenants, driven by rules."
      actions={canManage && items.length > 0 ? <AddSourceLink /> : undefined}
    >
      {list.error ? <Alert title="The HR sources could not be loaded">{list.error.message}</Alert> : null}
      {!list.data ? (
        list.error ? null : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <NoSources canManage={canManage} />
      ) : (
        <DataTable
          label="HR sources"
          columns={COLUMNS}
          items={items}
          rowHref={(s) => `/hr/${s.id}`}
          empty="No sources."
        />
      )}
    </Page>
  );
}
