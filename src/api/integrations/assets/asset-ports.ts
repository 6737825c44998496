import type { AssetImportConfig } from '../../../contracts/api/assets-config.js';
import {
  createAssetImportRepository,
  createSyncRunRepository,
  type ConnectionSummary,
  type Database,
} from '../../../store/index.js';
import type {
  AssetPorts,
  AssetRunTrigger,
  AssetTenantTarget,
  DeviceReader,
} from '../../../sync/assets/index.js';

/** The module name runs are recorded under (sync_runs.module, the integrator's module). */
export const ASSETS_MODULE = 'assets';

/** An Entra connection's one tenant; a CSP partner's tenant mappings. */
async function tenantsOf(
  db: Database,
  connection: ConnectionSummary,
  tenantIds?: readonly string[],
): Promise<AssetTenantTarget[]> {
  if (connection.kind === 'entra') {
    return [
      {
        tenantId: connection.tenantId.toLowerCase(),
        customerId: null,
        doNotImport: false,
        excludedFromIntune: false,
        defaultSiteId: null,
      },
    ];
  }
  const mappings = await createAssetImportRepository(db).tenantMappings(connection.id, tenantIds);
  return mappings.map((m) => ({
    tenantId: m.tenantId,
    customerId: m.customerId,
    doNotImport: m.doNotImport || !m.customerId,
    excludedFromIntune: m.excludeFromIntune,
    defaultSiteId: m.defaultSiteId,
  }));
}

/** {@link AssetPorts} over the store for one connection, reading Intune with `readerFor`. */
export function createAssetPorts(
  db: Database,
  connection: ConnectionSummary,
  config: AssetImportConfig,
  readerFor: (tenantId: string) => DeviceReader,
  trigger: AssetRunTrigger,
): AssetPorts {
  const connectionId = connection.id;
  const repo = createAssetImportRepository(db);
  const runs = createSyncRunRepository(db);
  const key = (tenantId: string) => ({ connectionId, tenantId, module: ASSETS_MODULE });
  return {
    connectionId,
    config,
    tenants: (tenantIds) => tenantsOf(db, connection, tenantIds),
    readerFor,
    desk: {
      site: (siteId) => repo.site(siteId),
      defaultSites: (ids) => repo.defaultSites(ids),
      byDeviceIds: (tenantId, ids) => repo.byDeviceIds(tenantId, ids),
      byMatchKeys: (customerIds, keys) => repo.byMatchKeys(customerIds, keys),
      users: async (scope, identifier, values) => repo.users(scope, identifier, values) as never,
      applyPage: (write) =>
        db.transaction((tx) => createAssetImportRepository(tx).applyPage({ ...write, connectionId })),
      removalCandidates: (tenantId, runId) => repo.removalCandidates(connectionId, tenantId, runId),
      finish: (runId, tenantId, removals, finish) =>
        db.transaction(async (tx) => {
          const marked = await createAssetImportRepository(tx).markRemoved(
            { runId, connectionId, tenantId },
            removals,
          );
          await createSyncRunRepository(tx).finish(runId, {
            status: 'succeeded',
            counts: finish.counts,
            graphRequests: finish.requests,
          });
          return marked;
        }),
    },
    runs: {
      interruptStale: (tenantId, before) => runs.interruptStale(key(tenantId), before),
      start: (tenantId) => runs.start({ ...key(tenantId), mode: 'full', trigger }),
      failed: async (runId, result) => {
        await runs.finish(runId, {
          status: 'failed',
          counts: result.counts,
          error: result.error,
          graphRequests: result.requests,
        });
      },
    },
  };
}
