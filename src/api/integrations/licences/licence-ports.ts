import { randomUUID } from 'node:crypto';
import {
  createCspMappingRepository,
  createLicenceImportRepository,
  createSyncRunRepository,
  type ConnectionSummary,
  type Database,
} from '../../../store/index.js';
import type { LicencePorts, LicenceReader, LicenceTenant } from '../../../sync/licences/index.js';
import { entraLicenceTenant } from './entra-licences.js';
import { priceTenantSubscriptions } from '../pricing/subscription-pricing.js';

/** The module name runs are recorded under (sync_runs.module, the integrator's module). */
export const LICENCES_MODULE = 'licences';

/** The connection setting holding guide 002's licence import type (`skus`, `subscriptions`, `both`). */
export const LICENCE_IMPORT_TYPE_SETTING = 'licenceImportType';

/**
 * {@link LicencePorts} over the store for one connection: a CSP partner's mapped tenants read from
 * Partner Center, or an Entra connection's own tenant read from Graph (`reader` says which; an
 * Entra tenant only has subscribed SKUs, written with source `graph`).
 */
export function createLicencePorts(
  db: Database,
  connection: ConnectionSummary,
  reader: LicenceReader,
  trigger: 'manual' | 'scheduled' | 'cli' | 'api' | 'notification',
): LicencePorts {
  const connectionId = connection.id;
  const runs = createSyncRunRepository(db);
  const key = (tenantId: string) => ({ connectionId, tenantId, module: LICENCES_MODULE });
  const entra = connection.kind === 'entra';
  const tenants = async (only?: readonly string[]): Promise<LicenceTenant[]> =>
    entra
      ? [await entraLicenceTenant(db, connection)]
      : createCspMappingRepository(db).list(connectionId, only);
  return {
    connectionId,
    connectionImportType: entra ? 'skus' : connection.settings[LICENCE_IMPORT_TYPE_SETTING],
    tenants,
    reader,
    store: {
      load: (tenantId) => createLicenceImportRepository(db).load(connectionId, tenantId),
      apply: (runId, plan, finish) =>
        db.transaction(async (tx) => {
          const written = await createLicenceImportRepository(tx).apply({
            source: entra ? 'graph' : 'partnerCenter',
            connectionId,
            syncRunId: runId,
            ...plan,
          });
          // Subscriptions written: their price and cost from the imported price sheet, if any.
          const pricing =
            !entra && plan.subscriptions
              ? await priceTenantSubscriptions(tx, connection, plan.tenantId, new Date())
              : {};
          await createSyncRunRepository(tx).finish(runId, {
            status: 'succeeded',
            counts: { ...finish.counts, ...pricing },
            graphRequests: finish.requests,
          });
          return written;
        }),
    },
    runs: {
      interruptStale: (tenantId, before) => runs.interruptStale(key(tenantId), before),
      start: (tenantId) => runs.start({ ...key(tenantId), mode: 'full', trigger }),
      finish: async (runId, result) => {
        await runs.finish(runId, {
          status: result.status,
          counts: result.counts,
          error: result.error,
          graphRequests: result.requests,
        });
      },
    },
  };
}

/** A correlation id per run of a connection (Partner Center's `MS-CorrelationId`). */
export const newCorrelationId = () => randomUUID();
