import { Fragment } from 'react';
import { Link, useParams } from 'react-router';
import { getAsset } from '../../../../../src/contracts/api/assets.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { useQuery } from '../../../lib/use-query.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { sourceLabel } from './asset-columns.js';

/** One asset: where it belongs, who uses it, where it came from, and its fields. */
export function AssetDetailPage() {
  const { assetId = '' } = useParams();
  const call = useApi();
  const asset = useQuery(`asset:${assetId}`, (signal) => call(getAsset, { params: { id: assetId }, signal }));
  const data = asset.data;
  if (asset.error || !data) {
    return (
      <RecordPending
        title="Asset"
        noun="asset"
        error={asset.error}
        back={{ to: '/assets', label: 'Back to assets' }}
      />
    );
  }
  const fields = Object.entries(data.fields).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Page
      title={data.name}
      description={
        <>
          <Link to="/assets">Assets</Link> › {data.name}{' '}
          {data.removedAt ? <span className="badge">Deleted from Intune</span> : null}
        </>
      }
    >
      <section className="card" aria-labelledby="asset-details">
        <h2 id="asset-details">Details</h2>
        <dl className="details">
          <dt>Customer</dt>
          <dd>
            <Link to={`/customers/${data.customerId}`}>{data.customerName}</Link>
          </dd>
          <dt>Site</dt>
          <dd>{data.siteName}</dd>
          <dt>User</dt>
          <dd>
            {data.deskUserId ? <Link to={`/users/${data.deskUserId}`}>{data.deskUserName}</Link> : 'Nobody'}
          </dd>
          <dt>Type</dt>
          <dd>{data.assetType}</dd>
          <dt>Status</dt>
          <dd>{data.status}</dd>
          <dt>Serial number</dt>
          <dd>{data.serialNumber ?? '—'}</dd>
          <dt>Source</dt>
          <dd>{sourceLabel(data.source)}</dd>
          <dt>Intune device id</dt>
          <dd>{data.intuneDeviceId ? <span className="code">{data.intuneDeviceId}</span> : '—'}</dd>
          <dt>Last seen in Intune</dt>
          <dd>{formatDateTime(data.lastSeenAt, '—')}</dd>
          {data.removedAt ? (
            <>
              <dt>Deleted from Intune</dt>
              <dd>{formatDateTime(data.removedAt)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="asset-fields">
        <h2 id="asset-fields">Fields</h2>
        {fields.length ? (
          <dl className="details">
            {fields.map(([name, value]) => (
              <Fragment key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
        ) : (
          <p className="muted">No fields: the connection’s Assets tab maps Intune fields to asset fields.</p>
        )}
      </section>
    </Page>
  );
}
