import { Link, useSearchParams } from 'react-router';
import {
  listCspConnections,
  type CspConnectionView,
} from '../../../../../src/contracts/api/csp-connections.js';
import { useApi } from '../../../lib/api-context.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { DataTable, type TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { Page } from '../../../ui/page.js';

const COLUMNS: TableColumn<CspConnectionView>[] = [
  { id: 'name', name: 'Name', isRowHeader: true, render: (c) => c.name },
  { id: 'tenantId', name: 'Partner tenant', render: (c) => <span className="code">{c.tenantId}</span> },
  {
    id: 'authorisation',
    name: 'Authorisation',
    render: (c) =>
      c.lastAuthorisation?.status === 'authorised' ? (
        <span className="badge badge-ok">Authorised</span>
      ) : c.lastAuthorisation ? (
        <span className="badge badge-off">Failed</span>
      ) : (
        <span className="badge">Not authorised</span>
      ),
  },
];

function FirstConnectionHelp() {
  return (
    <EmptyState
      title="Partner Center is not connected"
      action={
        <Link className="button button-primary" to="/integrations/csp/new">
          Connect a partner tenant
        </Link>
      }
    >
      <p>A CSP connection reads your Partner Center customers and, through GDAP, their tenants. You need:</p>
      <ol className="steps">
        <li>
          A single-tenant Partner Center app in your partner tenant (Partner Center user_impersonation, Graph
          DelegatedAdminRelationship.Read.All) with a client secret.
        </li>
        <li>A multi-tenant GDAP app with Graph application permissions, in the AdminAgents group.</li>
        <li>Save both, then Authorise as a partner user (with MFA).</li>
      </ol>
    </EmptyState>
  );
}

/** Microsoft CSP: the partner connections (several may coexist). */
export function CspConnectionsPage() {
  const call = useApi();
  const [params] = useSearchParams();
  const list = useQuery('csp-connections', (signal) =>
    call(listCspConnections, { query: { limit: 200 }, signal }),
  );
  const items = list.data?.items ?? [];
  return (
    <Page
      title="Microsoft CSP"
      description="Import your Cloud Solution Provider customers, their subscriptions, licences and devices from Partner Center."
    >
      {params.get('authorisation') === 'state_invalid' ? (
        <Alert title="Authorisation was not finished">
          The sign-in came back without a matching request (it expired or was started by someone else). Start
          it again from the connection.
        </Alert>
      ) : null}
      {list.error ? <Alert title="Could not load the connections">{String(list.error)}</Alert> : null}
      {list.data && items.length === 0 ? (
        <FirstConnectionHelp />
      ) : (
        <section className="card stack">
          <div className="toolbar">
            <Link className="button button-primary" to="/integrations/csp/new">
              New connection
            </Link>
          </div>
          <DataTable
            label="CSP connections"
            columns={COLUMNS}
            items={items}
            rowHref={(c) => `/integrations/csp/${c.id}`}
            empty="No connections."
            busy={!list.data}
          />
        </section>
      )}
    </Page>
  );
}
