import type { FastifyInstance } from 'fastify';
import { getAsset, listAssets, listCustomerAssets, type AssetView } from '../../contracts/api/assets.js';
import {
  createAssetQueryRepository,
  createCustomerRepository,
  type AssetListOptions,
  type AssetListRow,
} from '../../store/index.js';
import type { ApiDeps } from '../deps.js';
import { endpointRegistrar, iso, isoOrNull, notFound, toApiPage } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'resolvePrincipal'>;

function assetView(row: AssetListRow): AssetView {
  return {
    ...row,
    lastSeenAt: isoOrNull(row.lastSeenAt),
    removedAt: isoOrNull(row.removedAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The desk's assets (customers.read): all customers' or one's, searched and paged, and one asset. */
export function registerAssetRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const repo = () => createAssetQueryRepository(deps.db);

  const page = async (options: AssetListOptions) => {
    const [found, total] = await Promise.all([repo().list(options), repo().count(options)]);
    return toApiPage(found, assetView, total);
  };

  on(listAssets, async ({ query }) => page(query));

  on(listCustomerAssets, async ({ params, query }) => {
    if (!(await createCustomerRepository(deps.db).findById(params.id))) throw notFound('customer');
    return page({ ...query, customerId: params.id });
  });

  on(getAsset, async ({ params }) => {
    const row = await repo().findById(params.id);
    if (!row) throw notFound('asset');
    return assetView(row);
  });
}
