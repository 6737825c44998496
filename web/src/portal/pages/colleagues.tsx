import { listPortalUsers } from '../../../../src/contracts/api/users.js';
import { useMe } from '../../auth/session.js';
import { useList } from '../../lib/use-list.js';
import type { TableColumn } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ListView } from '../../ui/list-view.js';
import { Page } from '../../ui/page.js';

type Colleague = {
  id: string;
  displayName: string;
  email: string | null;
  jobTitle: string | null;
  siteName: string;
};

const COLUMNS: TableColumn<Colleague>[] = [
  { id: 'displayName', name: 'Name', isRowHeader: true, render: (u) => u.displayName },
  { id: 'email', name: 'Email', render: (u) => u.email ?? '' },
  { id: 'jobTitle', name: 'Job title', render: (u) => u.jobTitle ?? '' },
  { id: 'siteName', name: 'Site', render: (u) => u.siteName },
];

/** The people of the portal user's own organisation (never anyone else's). */
export function ColleaguesPage() {
  const me = useMe();
  const list = useList(listPortalUsers);
  const organisation = me.customer?.name ?? 'your organisation';
  return (
    <Page title="People" description={`Everyone at ${organisation} the service desk knows about.`}>
      <ListView
        label={`People at ${organisation}`}
        searchLabel="Search people by name or email"
        list={list}
        page={list.data}
        columns={COLUMNS}
        empty={
          <EmptyState title="Nobody listed yet">
            <p>Your organisation’s people appear once your service desk connects its Microsoft tenant.</p>
          </EmptyState>
        }
      />
    </Page>
  );
}
