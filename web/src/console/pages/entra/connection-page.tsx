import { Link, useParams, useSearchParams } from 'react-router';
import { getEntraConnection } from '../../../../../src/contracts/api/entra-connections.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { entraConnectionAccess } from '../../../lib/permissions.js';
import { useQuery } from '../../../lib/use-query.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { Tabs, type TabItem } from '../../../ui/tabs.js';
import { AssetConfigTab } from '../assets/asset-config-tab.js';
import { AdvancedTab } from './config/advanced-tab.js';
import { ConfigEditorProvider } from './config/config-editor.js';
import { configTabOf } from './config/config-tab.js';
import { FieldMappingsTab } from './config/field-mappings-tab.js';
import { ImportsTab } from './config/imports-tab.js';
import { LookupsProvider } from './config/lookups.js';
import { SiteMappingsTab } from './config/site-mappings-tab.js';
import { AuthorisationBadge, ConnectionStatusBadge } from './connection-badges.js';
import { ConnectionTab } from './connection-tab.js';
import { InboundTab } from './inbound-tab.js';
import { IntegratorTab } from './integrator-tab.js';
import { NotificationsTab } from './notifications-tab.js';
import { OutboundTab } from './outbound-tab.js';
import { RunsTab } from './runs-tab.js';

/**
 * One Entra connection (guide 001's integration setup screen): the connection and its
 * authorisation, the mappings, imports, runs and the inbound log, as tabs kept in the address.
 */
export function EntraConnectionPage() {
  const { connectionId = '' } = useParams();
  const me = useMe();
  const call = useApi();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'connection';
  const access = entraConnectionAccess(me, connectionId);
  const connection = useQuery(`entra-connection:${connectionId}`, (signal) =>
    call(getEntraConnection, { params: { id: connectionId }, signal }),
  );
  const data = connection.data;
  if (connection.error || !data) {
    return (
      <RecordPending
        title="Entra connection"
        noun="connection"
        error={connection.error}
        back={{ to: '/integrations/entra', label: 'Back to Microsoft Entra ID' }}
      />
    );
  }
  const canModify = access === 'modify';
  const show = (id: string, extra: Record<string, string> = {}) => setParams({ tab: id, ...extra });
  const configTab = configTabOf(data.name, (t) => show(t));
  const tabs: TabItem[] = [
    {
      id: 'connection',
      label: 'Connection',
      content: () => (
        <ConnectionTab
          connection={data}
          canModify={canModify}
          reload={connection.reload}
          returnedFromMicrosoft={params.has('authorisation')}
        />
      ),
    },
    { id: 'fields', label: 'Field Mappings', content: configTab(() => <FieldMappingsTab />) },
    { id: 'sites', label: 'Site Mappings', content: configTab(() => <SiteMappingsTab />) },
    { id: 'advanced', label: 'Advanced', content: configTab(() => <AdvancedTab />) },
    {
      id: 'imports',
      label: 'Imports',
      content: configTab(() => (
        <ImportsTab
          connectionId={data.id}
          connectionName={data.name}
          authorised={data.lastAuthorisation?.status === 'authorised'}
        />
      )),
    },
    {
      id: 'assets',
      label: 'Assets',
      content: () => <AssetConfigTab connectionId={data.id} canModify={canModify} />,
    },
    {
      id: 'integrator',
      label: 'Integrator',
      content: () => <IntegratorTab connectionId={data.id} canModify={canModify} />,
    },
    {
      id: 'notifications',
      label: 'Change Notifications',
      content: () => <NotificationsTab connectionId={data.id} canModify={canModify} />,
    },
    {
      id: 'runs',
      label: 'Runs',
      content: () => (
        <RunsTab connectionId={data.id} showInbound={(runId) => show('inbound', { run: runId })} />
      ),
    },
    {
      id: 'inbound',
      label: 'Inbound Requests',
      content: () => (
        <InboundTab
          connectionId={data.id}
          runId={params.get('run')}
          setRunId={(runId) => show('inbound', runId ? { run: runId } : {})}
        />
      ),
    },
    { id: 'outbound', label: 'Outbound Requests', content: () => <OutboundTab connectionId={data.id} /> },
  ];
  return (
    <Page
      title={data.name}
      description={
        <>
          <Link to="/integrations/entra">Microsoft Entra ID</Link> › {data.name}{' '}
          <ConnectionStatusBadge inactive={data.inactive} /> <AuthorisationBadge connection={data} />
          {canModify ? null : <span className="badge">Read-only</span>}
        </>
      }
    >
      <LookupsProvider>
        <ConfigEditorProvider kind="entra" connectionId={data.id} readOnly={!canModify}>
          <Tabs label="Connection" tabs={tabs} selected={tab} onSelect={(id) => show(id)} />
        </ConfigEditorProvider>
      </LookupsProvider>
    </Page>
  );
}
