import { Link } from 'react-router';
import { getLicenceInsight } from '../../../../../src/contracts/api/licence-insight.js';
import { useApi } from '../../../lib/api-context.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { InsightSummaryCards } from './summary-cards.js';

/** The customer record's licence insight: the same figures as the Licence insight page, for one customer. */
export function CustomerLicenceInsight({ customerId }: { customerId: string }) {
  const call = useApi();
  const insight = useQuery(`customer-licence-insight:${customerId}`, (signal) =>
    call(getLicenceInsight, { query: { customerId, limit: 1 }, signal }),
  );
  const summary = insight.data?.summary;
  return (
    <section className="card" aria-labelledby="customer-licence-insight">
      <h2 id="customer-licence-insight">Licence insight</h2>
      {insight.error ? (
        <Alert title="Licence insight could not be loaded">{insight.error.message}</Alert>
      ) : null}
      {summary && summary.totals.licences === 0 ? (
        <EmptyState title="No licences imported yet">
          <p>
            Run the licences module of a connection that manages this customer’s tenant, then import its
            users.
          </p>
        </EmptyState>
      ) : null}
      {summary && summary.totals.licences > 0 ? (
        <>
          <InsightSummaryCards summary={summary} label="Licence figures of this customer" />
          <p>
            <Link to={`/licence-insight?customerId=${customerId}`}>
              See each licence and the users behind these numbers
            </Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
