import { useSearchParams } from 'react-router';
import { getCustomer, listCustomers } from '../../../../../src/contracts/api/customers.js';
import { exportLicenceInsight } from '../../../../../src/contracts/api/licence-insight.js';
import { useMe } from '../../../auth/session.js';
import { endpointUrl } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { can } from '../../../lib/permissions.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { ComboPicker } from '../../../ui/combo-picker.js';
import { Loading } from '../../../ui/loading.js';
import { Page } from '../../../ui/page.js';
import { SelectField } from '../../../ui/select-field.js';
import { RenewalsTable } from './renewals-table.js';
import { ReportSettingsSection } from './report-settings.js';
import { SkuTable } from './sku-table.js';
import { TopCustomers } from './top-customers.js';
import { InsightSummaryCards } from './summary-cards.js';
import { useInsight } from './use-insight.js';

const INACTIVE_CHOICES = [30, 60, 90, 180, 365];
const DEFAULT_INACTIVE_DAYS = 90;
const RENEWAL_DAYS = 30;

function InsightBody({ customerId, inactiveDays }: { customerId: string | undefined; inactiveDays: number }) {
  const insight = useInsight({ customerId, inactiveDays });
  const csv = (report: 'skus' | 'holders' | 'renewals', extra: Record<string, string> = {}) =>
    endpointUrl(exportLicenceInsight, { query: { report, customerId, inactiveDays, ...extra } });
  return (
    <>
      {insight.error && !insight.data ? (
        <Alert title="Licence insight could not be loaded">{insight.error.message}</Alert>
      ) : null}
      {insight.data ? (
        <section className="card" aria-labelledby="insight-summary">
          <h2 id="insight-summary">{customerId ? 'This customer' : 'All customers'}</h2>
          <InsightSummaryCards summary={insight.data.summary} label="Licence figures" />
          <TopCustomers summary={insight.data.summary} />
        </section>
      ) : (
        <Loading />
      )}
      <section className="card" aria-labelledby="insight-licences">
        <h2 id="insight-licences">Licences</h2>
        <div className="toolbar">
          <a className="button button-secondary" href={csv('skus')} download>
            Download licences (CSV)
          </a>
          <a className="button button-secondary" href={csv('holders', { kind: 'disabled' })} download>
            Disabled holders (CSV)
          </a>
          <a className="button button-secondary" href={csv('holders', { kind: 'inactive' })} download>
            Inactive holders (CSV)
          </a>
        </div>
        <SkuTable list={insight} data={insight.data} inactiveDays={inactiveDays} showCustomer={!customerId} />
      </section>
      <section className="card" aria-labelledby="insight-renewals">
        <h2 id="insight-renewals">Renewing in the next {RENEWAL_DAYS} days</h2>
        <div className="toolbar">
          <a className="button button-secondary" href={csv('renewals')} download>
            Download renewals (CSV)
          </a>
        </div>
        <RenewalsTable customerId={customerId} days={RENEWAL_DAYS} />
      </section>
    </>
  );
}

/**
 * Licence insight: where seats are questioned. Paid vs assigned vs used, seats held by disabled
 * or inactive users, renewals, money when priced; per customer or across all.
 */
export function LicenceInsightPage() {
  const me = useMe();
  const call = useApi();
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const inactiveDays = Number(params.get('inactiveDays') ?? DEFAULT_INACTIVE_DAYS) || DEFAULT_INACTIVE_DAYS;
  const customer = useQuery(`licence-insight-customer:${customerId ?? ''}`, (signal) =>
    customerId ? call(getCustomer, { params: { id: customerId }, signal }) : Promise.resolve(null),
  );
  const setParam = (name: string, value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });

  return (
    <Page
      title="Licence insight"
      description="Seats paid, assigned and actually used; seats held by disabled or inactive users; renewals coming up; monthly money when subscriptions are priced."
    >
      <div className="toolbar">
        <ComboPicker
          label="Customer"
          sourceKey="licence-insight-customers"
          value={customerId ?? null}
          valueLabel={customer.data?.name}
          onChange={(option) => setParam('customerId', option?.id)}
          search={async (text, signal) => {
            const page = await call(listCustomers, {
              query: { search: text, limit: 20, sort: 'name' },
              signal,
            });
            return page.items.map((c) => ({ id: c.id, label: c.name }));
          }}
          placeholder="All customers"
        />
        <SelectField
          label="Inactive after"
          value={String(inactiveDays)}
          onChange={(id) => setParam('inactiveDays', id === String(DEFAULT_INACTIVE_DAYS) ? undefined : id)}
          options={INACTIVE_CHOICES.map((d) => ({ id: String(d), label: `${d} days without a sign-in` }))}
        />
      </div>
      <InsightBody
        key={`${customerId ?? 'all'}:${inactiveDays}`}
        customerId={customerId}
        inactiveDays={inactiveDays}
      />
      {can(me, 'settings.manage') ? <ReportSettingsSection /> : null}
    </Page>
  );
}
