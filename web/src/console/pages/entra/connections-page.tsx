import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  getEntraConnection,
  listEntraConnections,
  type EntraConnectionView,
} from '../../../../../src/contracts/api/entra-connections.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { can, entraGrants } from '../../../lib/permissions.js';
import { useList } from '../../../lib/use-list.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { DataTable, type TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { Loading } from '../../../ui/loading.js';
import { Page } from '../../../ui/page.js';
import { SelectField } from '../../../ui/select-field.js';
import { AuthorisationBadge, ConnectionStatusBadge } from './connection-badges.js';
import { AUTH_METHOD_SHORT, ENABLED_FOR_LABELS } from './labels.js';

type Row = EntraConnectionView & { access?: 'read' | 'modify' };

const COLUMNS: TableColumn<Row>[] = [
  { id: 'name', name: 'Name', sortable: true, isRowHeader: true, render: (c) => c.name },
  { id: 'tenantId', name: 'Tenant id', render: (c) => <span className="code">{c.tenantId}</span> },
  { id: 'authMethod', name: 'Authentication', render: (c) => AUTH_METHOD_SHORT[c.authMethod] },
  { id: 'authorisation', name: 'Authorisation', render: (c) => <AuthorisationBadge connection={c} /> },
  { id: 'enabledFor', name: 'Enabled for', render: (c) => ENABLED_FOR_LABELS[c.enabledFor] },
  { id: 'status', name: 'Status', render: (c) => <ConnectionStatusBadge inactive={c.inactive} /> },
];

const STATUS_FILTERS = [
  { id: 'all', label: 'All connections' },
  { id: 'false', label: 'Enabled' },
  { id: 'true', label: 'Disabled' },
];

function FirstConnectionHelp() {
  return (
    <EmptyState
      title="No Entra connections yet"
      action={
        <Link className="button button-primary" to="/integrations/entra/new">
          Add your first tenant
        </Link>
      }
    >
      <p>A connection reads one Microsoft Entra tenant’s users and groups. To add the first one:</p>
      <ol className="steps">
        <li>
          In the tenant’s Entra admin centre, register an application (single tenant) and note its Application
          (client) ID and Directory (tenant) ID.
        </li>
        <li>
          Give it the Microsoft Graph application permissions User.Read.All and Group.Read.All, grant admin
          consent, and create a client secret (copy its Value, not its Secret ID).
        </li>
        <li>Choose “Add your first tenant”, paste those values, save, then Authorise.</li>
      </ol>
    </EmptyState>
  );
}

/** Every connection, for holders of the configure permission: paged, searchable, filterable. */
function AllConnections() {
  const [status, setStatus] = useState('all');
  const list = useList(listEntraConnections, {
    initialSort: 'name',
    filters: { inactive: status === 'all' ? undefined : status },
  });
  return (
    <ListView
      label="Entra connections"
      searchLabel="Search by name"
      list={list}
      page={list.data}
      columns={COLUMNS}
      rowHref={(c) => `/integrations/entra/${c.id}`}
      empty={<FirstConnectionHelp />}
      filtered={
        status === 'all' ? undefined : <p>No {status === 'true' ? 'disabled' : 'enabled'} connections.</p>
      }
      filters={<SelectField label="Show" options={STATUS_FILTERS} value={status} onChange={setStatus} />}
    />
  );
}

/**
 * The connections an agent was granted (they may not list the rest): each is read on its own,
 * as docs/entra-connections.md says.
 */
function GrantedConnections() {
  const me = useMe();
  const call = useApi();
  const grants = entraGrants(me);
  const rows = useQuery(`granted:${grants.map((g) => g.connectionId).join(',')}`, async (signal) => {
    const found = await Promise.all(
      grants.map((g) =>
        call(getEntraConnection, { params: { id: g.connectionId }, signal }).then(
          (c): Row => ({ ...c, access: g.access }),
          // A connection deleted since the session was read is not listed.
          () => null,
        ),
      ),
    );
    return found.filter((c): c is Row => c !== null);
  });
  if (rows.error) return <Alert>{rows.error.message}</Alert>;
  if (!rows.data) return <Loading />;
  return (
    <DataTable
      label="Entra connections"
      columns={[
        ...COLUMNS,
        {
          id: 'access',
          name: 'Your access',
          render: (c) => (c.access === 'modify' ? 'Read and modify' : 'Read'),
        },
      ]}
      items={rows.data}
      rowHref={(c) => `/integrations/entra/${c.id}`}
      empty={
        <EmptyState title="No Entra connections shared with you">
          <p>An administrator can give you access to a connection with its “Access control”.</p>
        </EmptyState>
      }
    />
  );
}

/**
 * Where Microsoft's "Sign in with Microsoft" ends: the server sends the browser here with the
 * connection and the result, and the connection's page shows them.
 */
function useSignInReturn(): string | null {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const connection = params.get('connection');
  const authorisation = params.get('authorisation');
  useEffect(() => {
    if (connection && authorisation)
      void navigate(`/integrations/entra/${connection}?authorisation=${encodeURIComponent(authorisation)}`, {
        replace: true,
      });
  }, [connection, authorisation, navigate]);
  return !connection ? authorisation : null;
}

/** Integrations → Microsoft Entra ID: the tenants connected, and the way to add one. */
export function EntraConnectionsPage() {
  const me = useMe();
  const configure = can(me, 'integrations.entra.configure');
  const signInResult = useSignInReturn();
  return (
    <Page
      title="Microsoft Entra ID"
      description="Each connection reads one Entra tenant: its users become desk users or agents, with the sites, roles, teams and licences your mappings say."
      actions={
        configure ? (
          <Link className="button button-primary" to="/integrations/entra/new">
            New connection
          </Link>
        ) : null
      }
    >
      {signInResult === 'state_invalid' ? (
        <Alert title="The sign-in with Microsoft could not be finished">
          It expired, or it was started in another browser or by someone else. Open the connection and choose
          “Sign in with Microsoft” again.
        </Alert>
      ) : null}
      {configure ? <AllConnections /> : <GrantedConnections />}
    </Page>
  );
}
