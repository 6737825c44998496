import { LicenceSummary } from './licence-summary.js';
import { LicencesTable, SubscriptionsTable } from './licence-tables.js';

/** The customer record's Microsoft part (guide 003): figures, licences with seats, subscriptions. */
export function CustomerLicences({ customerId }: { customerId: string }) {
  return (
    <section className="card" aria-labelledby="customer-licences">
      <h2 id="customer-licences">Microsoft licences</h2>
      <LicenceSummary customerId={customerId} />
      <h3>Licences</h3>
      <LicencesTable customerId={customerId} />
      <h3>Subscriptions</h3>
      <SubscriptionsTable customerId={customerId} />
    </section>
  );
}
