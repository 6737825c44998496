import { listCustomerAssets, type AssetView } from '../../../../../src/contracts/api/assets.js';
import { formatDateTime } from '../../../lib/format.js';
import { useList } from '../../../lib/use-list.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';

const columns: TableColumn<AssetView>[] = [
  {
    id: 'name',
    name: 'Asset',
    isRowHeader: true,
    render: (a) => (
      <>
        {a.name} {a.removedAt ? <span className="badge">Deleted from Intune</span> : null}
      </>
    ),
  },
  { id: 'type', name: 'Type', render: (a) => a.assetType },
  { id: 'status', name: 'Status', render: (a) => a.status },
  { id: 'user', name: 'User', render: (a) => a.deskUserName ?? <span className="muted">Nobody</span> },
  { id: 'site', name: 'Site', render: (a) => a.siteName },
  { id: 'serial', name: 'Serial number', render: (a) => a.serialNumber ?? '' },
  { id: 'source', name: 'Source', render: (a) => (a.source === 'intune' ? 'Intune' : a.source) },
  { id: 'seen', name: 'Last seen in Intune', render: (a) => formatDateTime(a.lastSeenAt, '—') },
];

/**
 * A customer's assets (guide 002 "Assets"): computers and phones read from Intune, and assets
 * from other sources they were matched with; searched by name, serial number, user or type.
 */
export function CustomerAssets({ customerId }: { customerId: string }) {
  const list = useList(listCustomerAssets, { params: { id: customerId } });
  return (
    <section className="card" aria-labelledby="customer-assets">
      <h2 id="customer-assets">Assets</h2>
      <ListView
        label="Assets"
        searchLabel="Search assets"
        list={list}
        page={list.data}
        columns={columns}
        empty={
          <EmptyState title="No assets yet">
            Intune devices appear here once asset import is switched on for a connection of this customer (the
            connection’s Assets tab) and has run: “Import managed devices now”, or the integrator’s Assets
            module.
          </EmptyState>
        }
      />
    </section>
  );
}
