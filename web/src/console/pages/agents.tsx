import { listAgents, type AgentView } from '../../../../src/contracts/api/agents.js';
import { formatDateTime } from '../../lib/format.js';
import { useList } from '../../lib/use-list.js';
import type { TableColumn } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ListView } from '../../ui/list-view.js';
import { Page } from '../../ui/page.js';
import { StatusBadge } from '../../ui/status-badge.js';

const COLUMNS: TableColumn<AgentView>[] = [
  { id: 'displayName', name: 'Name', sortable: true, isRowHeader: true, render: (a) => a.displayName },
  { id: 'email', name: 'Email', render: (a) => a.email ?? '' },
  { id: 'licenceType', name: 'Licence', render: (a) => (a.licenceType === 'named' ? 'Named' : 'Concurrent') },
  { id: 'signIn', name: 'Can sign in', render: (a) => (a.accountId ? 'Yes' : 'No') },
  { id: 'lastSignInAt', name: 'Last sign-in', render: (a) => formatDateTime(a.lastSignInAt) },
  { id: 'status', name: 'Status', render: (a) => <StatusBadge inactive={a.inactive} /> },
];

/** The desk's staff: who works tickets, and what each may do. */
export function AgentsPage() {
  const list = useList(listAgents, { initialSort: 'displayName' });
  return (
    <Page
      title="Agents"
      description="Your service desk's staff. Open an agent to change their details or roles."
    >
      <ListView
        label="Agents"
        searchLabel="Search agents by name or email"
        list={list}
        page={list.data}
        columns={COLUMNS}
        rowHref={(a) => `/agents/${a.id}`}
        empty={
          <EmptyState title="No agents yet">
            <p>
              Agents are imported from your own organisation’s Microsoft Entra tenant once it is connected
              under Integrations.
            </p>
          </EmptyState>
        }
      />
    </Page>
  );
}
