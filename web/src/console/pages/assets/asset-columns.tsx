import type { AssetView } from '../../../../../src/contracts/api/assets.js';
import { formatDateTime } from '../../../lib/format.js';
import type { TableColumn } from '../../../ui/data-table.js';

const name: TableColumn<AssetView> = {
  id: 'name',
  name: 'Asset',
  isRowHeader: true,
  render: (a) => (
    <>
      {a.name} {a.removedAt ? <span className="badge">Deleted from Intune</span> : null}
    </>
  ),
};

const rest: TableColumn<AssetView>[] = [
  { id: 'type', name: 'Type', render: (a) => a.assetType },
  { id: 'status', name: 'Status', render: (a) => a.status },
  { id: 'user', name: 'User', render: (a) => a.deskUserName ?? <span className="muted">Nobody</span> },
  { id: 'site', name: 'Site', render: (a) => a.siteName },
  { id: 'serial', name: 'Serial number', render: (a) => a.serialNumber ?? '' },
  { id: 'source', name: 'Source', render: (a) => sourceLabel(a.source) },
  { id: 'seen', name: 'Last seen in Intune', render: (a) => formatDateTime(a.lastSeenAt, '—') },
];

export const sourceLabel = (source: string) => (source === 'intune' ? 'Intune' : source);

/** A customer's assets: the customer goes without saying. */
export const CUSTOMER_ASSET_COLUMNS: TableColumn<AssetView>[] = [name, ...rest];

/** Every customer's assets. */
export const ALL_ASSET_COLUMNS: TableColumn<AssetView>[] = [
  name,
  { id: 'customer', name: 'Customer', render: (a) => a.customerName },
  ...rest,
];
