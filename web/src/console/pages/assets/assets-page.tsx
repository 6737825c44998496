import { listAssets } from '../../../../../src/contracts/api/assets.js';
import { useList } from '../../../lib/use-list.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { Page } from '../../../ui/page.js';
import { ALL_ASSET_COLUMNS } from './asset-columns.js';

/** Every customer's assets (guide 002 "Assets"), searched by name, serial number, user, type or customer. */
export function AssetsPage() {
  const list = useList(listAssets, {});
  return (
    <Page
      title="Assets"
      description="Computers and phones of your customers. Intune keeps those it manages up to date."
    >
      <ListView
        label="Assets"
        searchLabel="Search assets"
        list={list}
        page={list.data}
        columns={ALL_ASSET_COLUMNS}
        rowHref={(a) => `/assets/${a.id}`}
        empty={
          <EmptyState title="No assets yet">
            Intune devices become assets once asset import is switched on for a Microsoft connection (its
            Assets tab: Microsoft Entra ID or Microsoft CSP) and has run.
          </EmptyState>
        }
      />
    </Page>
  );
}
