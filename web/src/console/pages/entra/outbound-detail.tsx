import type { OutboundExchange } from '../../../../../src/contracts/api/outbound-log.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Loading } from '../../../ui/loading.js';
import { tenantText, type ConnectionLogKind } from './connection-log-kinds.js';

function ExchangeView({
  title,
  exchange,
  missing,
}: {
  title: string;
  exchange: OutboundExchange | null;
  missing: string;
}) {
  return (
    <section className="stack" aria-label={title}>
      <h3>{title}</h3>
      {exchange ? (
        <>
          <p className="code">
            {[exchange.method, exchange.url, exchange.status === null ? null : `HTTP ${exchange.status}`]
              .filter(Boolean)
              .join(' ')}
          </p>
          {Object.keys(exchange.headers).length > 0 ? (
            <pre className="code" aria-label="Headers">
              {Object.entries(exchange.headers)
                .map(([name, value]) => `${name}: ${value}`)
                .join('\n')}
            </pre>
          ) : null}
          {exchange.body === null || exchange.body === undefined ? null : (
            <pre className="code">{JSON.stringify(exchange.body, null, 2)}</pre>
          )}
        </>
      ) : (
        <p className="muted">{missing}</p>
      )}
    </section>
  );
}

/** One outbound request: what was asked, its attempts, the request sent and Microsoft's response. */
export function OutboundDetail({
  logs,
  connectionId,
  actionId,
}: {
  logs: ConnectionLogKind;
  connectionId: string;
  actionId: string;
}) {
  const call = useApi();
  const detail = useQuery(`outbound:${connectionId}:${actionId}`, (signal) =>
    call(logs.getOutbound, { params: { id: connectionId, actionId }, signal }),
  );
  if (detail.error) return <Alert title="The request could not be loaded">{detail.error.message}</Alert>;
  const a = detail.data;
  if (!a) return <Loading />;
  return (
    <div className="stack">
      <dl className="details">
        <dt>Recorded</dt>
        <dd>{formatDateTime(a.createdAt)}</dd>
        <dt>Tenant</dt>
        <dd>
          {tenantText(a)} <span className="code">{a.tenantId}</span>
        </dd>
        <dt>Kind</dt>
        <dd className="code">{a.kind}</dd>
        <dt>Status</dt>
        <dd>
          {a.status} after {a.attempts} attempt{a.attempts === 1 ? '' : 's'}
          {a.completedAt ? `, completed ${formatDateTime(a.completedAt)}` : ''}
        </dd>
        {a.lastError ? (
          <>
            <dt>Last error</dt>
            <dd>
              {a.lastError.message} <span className="code">{a.lastError.code}</span>
            </dd>
          </>
        ) : null}
      </dl>
      <section className="stack" aria-label="What was asked">
        <h3>What was asked</h3>
        <pre className="code">{JSON.stringify(a.payload, null, 2)}</pre>
      </section>
      <ExchangeView title="Request sent" exchange={a.request} missing="Not sent yet." />
      <ExchangeView
        title="Response from Microsoft"
        exchange={a.response}
        missing={a.request ? 'No response came (the connection failed).' : 'Not sent yet.'}
      />
    </div>
  );
}
