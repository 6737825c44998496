import { listCustomerAssets } from '../../../../../src/contracts/api/assets.js';
import { useList } from '../../../lib/use-list.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { CUSTOMER_ASSET_COLUMNS } from './asset-columns.js';

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
        columns={CUSTOMER_ASSET_COLUMNS}
        rowHref={(a) => `/assets/${a.id}`}
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
