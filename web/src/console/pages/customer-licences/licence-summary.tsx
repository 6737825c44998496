import { getLicenceSummary } from '../../../../../src/contracts/api/csp-licences.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';

/** Guide 003's record header: users synced, subscriptions, seats available, last sync. */
export function LicenceSummary({ customerId }: { customerId: string }) {
  const call = useApi();
  const summary = useQuery(`licence-summary:${customerId}`, (signal) =>
    call(getLicenceSummary, { params: { id: customerId }, signal }),
  );
  const data = summary.data;
  if (!data) return null;
  const failing = data.tenants.filter((t) => t.lastError);
  return (
    <>
      <dl className="details" aria-label="Microsoft figures">
        <dt>Users synced</dt>
        <dd>{data.usersSynced}</dd>
        <dt>Subscriptions</dt>
        <dd>{data.subscriptions}</dd>
        <dt>Seats available</dt>
        <dd>{data.seatsAvailable}</dd>
        <dt>Last sync</dt>
        <dd>
          {data.tenants.length === 0
            ? 'Not a CSP customer (no tenant mapped)'
            : formatDateTime(data.lastSyncAt)}
        </dd>
      </dl>
      {failing.map((t) => (
        <Alert
          key={t.tenantId}
          tone="warning"
          title={`Licences of ${t.tenantName ?? t.tenantId} could not be read`}
        >
          {t.lastError?.message}
        </Alert>
      ))}
    </>
  );
}
