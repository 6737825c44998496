import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { getCspConnection } from '../../../../../src/contracts/api/csp-connections.js';
import { useApi } from '../../../lib/api-context.js';
import { useQuery } from '../../../lib/use-query.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { Tabs, type TabItem } from '../../../ui/tabs.js';
import { AdvancedTab } from '../entra/config/advanced-tab.js';
import { ConfigEditorProvider } from '../entra/config/config-editor.js';
import { configTabOf } from '../entra/config/config-tab.js';
import { FieldMappingsTab } from '../entra/config/field-mappings-tab.js';
import { LookupsProvider } from '../entra/config/lookups.js';
import { SiteMappingsTab } from '../entra/config/site-mappings-tab.js';
import { IntegratorTab } from '../entra/integrator-tab.js';
import { AssetConfigTab } from '../assets/asset-config-tab.js';
import { CspInboundTab, CspOutboundTab, CspRunsTab } from './csp-log-tabs.js';
import { CspConsumptionTab } from './consumption-tab.js';
import { CspDetailsTab } from './details-tab.js';
import { GenerateMappings, GenerateMappingsOutcomeProvider } from './generate-mappings.js';
import { CspImportsTab } from './imports-tab.js';
import { CspImportTenantsProvider } from './import-tenants.js';
import { CspTenantsTab } from './tenants-tab.js';

/** Addresses of the former Users tab (Generate mappings) open Site Mappings, where it now is. */
const RENAMED_TABS: Record<string, string> = { users: 'sites' };

/**
 * One CSP connection (guide 002's CSP setup screen): Details, Tenants, the users import's
 * configuration (Field Mappings, Site Mappings with Generate mappings, Advanced, Imports),
 * Integrator, and the logs (Runs, Inbound Requests, Outbound Requests), as tabs kept in the address. The whole page needs integrations.csp.configure, so
 * every tab may change.
 */
export function CspConnectionPage() {
  const { connectionId = '' } = useParams();
  const call = useApi();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab') ?? 'details';
  const tab = RENAMED_TABS[asked] ?? asked;
  const connection = useQuery(`csp-connection:${connectionId}`, (signal) =>
    call(getCspConnection, { params: { id: connectionId }, signal }),
  );
  const data = connection.data;
  if (connection.error || !data) {
    return (
      <RecordPending
        title="CSP connection"
        noun="connection"
        error={connection.error}
        back={{ to: '/integrations/csp', label: 'Back to Microsoft CSP' }}
      />
    );
  }
  const show = (id: string) => setParams({ tab: id });
  const configTab = configTabOf(data.name, (t) => show(t));
  const tabs: TabItem[] = [
    {
      id: 'details',
      label: 'Details',
      content: () => (
        <CspDetailsTab
          connection={data}
          reload={connection.reload}
          onDeleted={() => void navigate('/integrations/csp')}
          returnedFromMicrosoft={params.has('authorisation')}
        />
      ),
    },
    { id: 'tenants', label: 'Tenants', content: () => <CspTenantsTab connectionId={data.id} /> },
    { id: 'fields', label: 'Field Mappings', content: configTab(() => <FieldMappingsTab />) },
    {
      id: 'sites',
      label: 'Site Mappings',
      content: configTab(() => (
        <>
          <GenerateMappings />
          <SiteMappingsTab />
        </>
      )),
    },
    { id: 'advanced', label: 'Advanced', content: configTab(() => <AdvancedTab />) },
    {
      id: 'imports',
      label: 'Imports',
      content: configTab(() => <CspImportsTab connectionName={data.name} onShowTab={show} />),
    },
    { id: 'assets', label: 'Assets', content: () => <AssetConfigTab connectionId={data.id} canModify /> },
    { id: 'consumption', label: 'Consumption', content: () => <CspConsumptionTab connectionId={data.id} /> },
    {
      id: 'integrator',
      label: 'Integrator',
      content: () => <IntegratorTab connectionId={data.id} kind="csp" canModify />,
    },
    {
      id: 'runs',
      label: 'Runs',
      content: () => (
        <CspRunsTab
          connectionId={data.id}
          showInbound={(runId) => setParams({ tab: 'inbound', run: runId })}
        />
      ),
    },
    {
      id: 'inbound',
      label: 'Inbound Requests',
      content: () => (
        <CspInboundTab
          connectionId={data.id}
          runId={params.get('run')}
          setRunId={(runId) => setParams(runId ? { tab: 'inbound', run: runId } : { tab: 'inbound' })}
        />
      ),
    },
    { id: 'outbound', label: 'Outbound Requests', content: () => <CspOutboundTab connectionId={data.id} /> },
  ];
  return (
    <Page
      title={data.name}
      description={
        <>
          <Link to="/integrations/csp">Microsoft CSP</Link> › {data.name}{' '}
          <span className={data.lastAuthorisation?.status === 'authorised' ? 'badge badge-ok' : 'badge'}>
            {data.lastAuthorisation?.status === 'authorised' ? 'Authorised' : 'Not authorised'}
          </span>
        </>
      }
    >
      <LookupsProvider>
        <GenerateMappingsOutcomeProvider>
          <CspImportTenantsProvider connectionId={data.id} refreshKey={tab}>
            <ConfigEditorProvider kind="csp" connectionId={data.id} readOnly={false}>
              <Tabs label="CSP connection" tabs={tabs} selected={tab} onSelect={show} />
            </ConfigEditorProvider>
          </CspImportTenantsProvider>
        </GenerateMappingsOutcomeProvider>
      </LookupsProvider>
    </Page>
  );
}
