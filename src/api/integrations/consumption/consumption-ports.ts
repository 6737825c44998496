import {
  createCspMappingRepository,
  createCspUsageRepository,
  createSyncRunRepository,
  type ConnectionSummary,
  type Database,
} from '../../../store/index.js';
import type {
  ConsumptionInvoices,
  ConsumptionPorts,
  ConsumptionReader,
  ConsumptionRunTrigger,
} from '../../../sync/consumption/index.js';
import { CONSUMPTION_MODULE, loadConsumptionConfig } from './consumption-config.js';

/**
 * {@link ConsumptionPorts} over the store for one CSP connection. Runs are recorded under the
 * partner's own tenant: one run reads every customer's usage at once.
 */
export function createConsumptionPorts(
  db: Database,
  connection: ConnectionSummary,
  reader: ConsumptionReader,
  trigger: ConsumptionRunTrigger,
  invoices: ConsumptionInvoices | null,
): ConsumptionPorts {
  const connectionId = connection.id;
  const runs = createSyncRunRepository(db);
  const key = { connectionId, tenantId: connection.tenantId.toLowerCase(), module: CONSUMPTION_MODULE };
  return {
    connectionId,
    config: async () => (await loadConsumptionConfig(db, connectionId)).config,
    tenants: () => createCspMappingRepository(db).list(connectionId),
    reader,
    invoices,
    now: () => new Date(),
    store: {
      replace: (runId, input) =>
        db.transaction((tx) =>
          createCspUsageRepository(tx).replacePeriods({
            connectionId,
            runId,
            periods: input.periods,
            rows: input.rows.map((r) => ({
              tenantId: r.customerTenantId,
              customerId: r.customerId,
              period: r.period,
              subscriptionId: r.subscriptionId,
              meterCategory: r.meterCategory,
              meterSubCategory: r.meterSubCategory,
              meterName: r.meterName,
              unit: r.unit,
              quantity: r.quantity,
              cost: r.cost,
              currency: r.currency,
              lineItems: r.lineItems,
            })),
          }),
        ),
    },
    runs: {
      interruptStale: (before) => runs.interruptStale(key, before),
      start: () => runs.start({ ...key, mode: 'full', trigger }),
      succeed: async (runId, finish) => {
        await runs.finish(runId, {
          status: 'succeeded',
          counts: finish.counts,
          graphRequests: finish.requests,
        });
      },
      fail: async (runId, error, finish) => {
        await runs.finish(runId, {
          status: 'failed',
          counts: finish.counts,
          error,
          graphRequests: finish.requests,
        });
      },
    },
  };
}
