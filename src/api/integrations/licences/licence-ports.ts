import { randomUUID } from 'node:crypto';
import {
  createCspMappingRepository,
  createLicenceImportRepository,
  createSyncRunRepository,
  type ConnectionSummary,
  type Database,
} from '../../../store/index.js';
import type { LicencePorts, LicenceReader } from '../../../sync/licences/index.js';

/** The module name runs are recorded under (sync_runs.module, the integrator's module). */
export const LICENCES_MODULE = 'licences';

/** The connection setting holding guide 002's licence import type (`skus`, `subscriptions`, `both`). */
export const LICENCE_IMPORT_TYPE_SETTING = 'licenceImportType';

/** {@link LicencePorts} over the store for one CSP connection, reading Partner Center with `reader`. */
export function createLicencePorts(
  db: Database,
  connection: ConnectionSummary,
  reader: LicenceReader,
  trigger: 'manual' | 'scheduled' | 'cli' | 'api' | 'notification',
): LicencePorts {
  const connectionId = connection.id;
  const runs = createSyncRunRepository(db);
  const key = (tenantId: string) => ({ connectionId, tenantId, module: LICENCES_MODULE });
  return {
    connectionId,
    connectionImportType: connection.settings[LICENCE_IMPORT_TYPE_SETTING],
    tenants: () => createCspMappingRepository(db).list(connectionId),
    reader,
    store: {
      load: (tenantId) => createLicenceImportRepository(db).load(connectionId, tenantId),
      apply: (runId, plan, finish) =>
        db.transaction(async (tx) => {
          const written = await createLicenceImportRepository(tx).apply({
            connectionId,
            syncRunId: runId,
            ...plan,
          });
          await createSyncRunRepository(tx).finish(runId, {
            status: 'succeeded',
            counts: finish.counts,
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
