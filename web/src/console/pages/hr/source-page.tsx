import { Link, useParams, useSearchParams } from 'react-router';
import { getHrSource } from '../../../../../src/contracts/api/hr-sources.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { can } from '../../../lib/permissions.js';
import { useQuery } from '../../../lib/use-query.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { Tabs, type TabItem } from '../../../ui/tabs.js';
import { KIND_LABELS } from './labels.js';
import { RulesEditor } from './rules/rules-editor.js';
import { AuditTab } from './source/audit-tab.js';
import { ImportsTab } from './source/imports-tab.js';
import { OverviewTab } from './source/overview-tab.js';
import { PersonsTab } from './source/persons-tab.js';

/** One HR source: overview and runs, imports, persons, rules, and the audit trail, as tabs in the address. */
export function HrSourcePage() {
  const { sourceId = '' } = useParams();
  const me = useMe();
  const call = useApi();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const source = useQuery(`hr-source:${sourceId}`, (signal) =>
    call(getHrSource, { params: { id: sourceId }, signal }),
  );
  const data = source.data;
  if (!data)
    return (
      <RecordPending
        title="HR source"
        noun="HR source"
        error={source.error}
        back={{ to: '/hr', label: 'Back to HR lifecycle' }}
      />
    );
  const canManage = can(me, 'hr.manage');
  const props = { source: data, canManage, changed: source.reload };
  const tabs: TabItem[] = [
    { id: 'overview', label: 'Overview', content: () => <OverviewTab {...props} /> },
    { id: 'imports', label: 'Imports', content: () => <ImportsTab {...props} /> },
    { id: 'persons', label: 'Persons', content: () => <PersonsTab source={data} /> },
    { id: 'rules', label: 'Rules', content: () => <RulesEditor {...props} /> },
    { id: 'audit', label: 'Audit', content: () => <AuditTab source={data} /> },
  ];
  return (
    <Page
      title={data.name}
      description={
        <>
          <Link to="/hr">HR lifecycle</Link> › {data.name} · {KIND_LABELS[data.kind]} for{' '}
          <Link to={`/customers/${data.customerId}`}>{data.customerName}</Link>
        </>
      }
      actions={
        canManage ? (
          <Link className="button button-secondary" to={`/hr/${data.id}/edit`}>
            Edit settings
          </Link>
        ) : undefined
      }
    >
      <Tabs label="HR source" tabs={tabs} selected={tab} onSelect={(id) => setParams({ tab: id })} />
    </Page>
  );
}
