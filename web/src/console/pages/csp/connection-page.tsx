import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { getCspConnection } from '../../../../../src/contracts/api/csp-connections.js';
import { useApi } from '../../../lib/api-context.js';
import { useQuery } from '../../../lib/use-query.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { Tabs, type TabItem } from '../../../ui/tabs.js';
import { IntegratorTab } from '../entra/integrator-tab.js';
import { CspDetailsTab } from './details-tab.js';
import { CspTenantsTab } from './tenants-tab.js';
import { CspUsersTab } from './users-tab.js';

/**
 * One CSP connection (guide 002's CSP setup screen): Details, Tenants, Users and Integrator, as
 * tabs kept in the address. The whole page needs integrations.csp.configure, so every tab may change.
 */
export function CspConnectionPage() {
  const { connectionId = '' } = useParams();
  const call = useApi();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'details';
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
    { id: 'users', label: 'Users', content: () => <CspUsersTab connectionId={data.id} /> },
    {
      id: 'integrator',
      label: 'Integrator',
      content: () => <IntegratorTab connectionId={data.id} kind="csp" canModify />,
    },
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
      <Tabs label="CSP connection" tabs={tabs} selected={tab} onSelect={(id) => setParams({ tab: id })} />
    </Page>
  );
}
