import type { ConnectionSummary } from '../../../store/index.js';
import {
  runConsumptionImport,
  type ConsumptionRunRequest,
  type ConsumptionRunResult,
} from '../../../sync/consumption/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { loadCspTokens } from '../csp/connection-tokens.js';
import { thrownOutcome, type ModuleRunOutcome } from '../integrator/module-outcome.js';
import { createConsumptionPorts } from './consumption-ports.js';
import { consumptionInvoices } from './invoice-lines.js';
import { createConsumptionReader } from './usage-reader.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>;

/**
 * Runs the consumption module of a stored CSP connection with the server's Microsoft clients.
 * Connections that are not CSP, are disabled or lack the GDAP app's credential are refused (409)
 * before anything is read.
 */
export async function runConnectionConsumption(
  deps: Deps,
  connection: ConnectionSummary,
  request: ConsumptionRunRequest,
): Promise<ConsumptionRunResult> {
  if (connection.kind !== 'csp') {
    throw new ApiHttpError(
      'conflict',
      `Connection "${connection.name}" is not a CSP connection; Azure usage comes from the partner's billing data.`,
    );
  }
  if (connection.inactive) {
    throw new ApiHttpError(
      'conflict',
      `Connection "${connection.name}" is disabled; enable it to import Azure usage.`,
    );
  }
  const clients = await deps.microsoft.clients();
  // Guide 002: the GDAP app holds PartnerBilling.Read.All (Application) in the partner's tenant.
  const tokens = (await loadCspTokens(deps, connection)).gdap(connection.tenantId);
  const reader = createConsumptionReader(clients, tokens);
  const ports = createConsumptionPorts(
    deps.db,
    connection,
    reader,
    request.trigger,
    consumptionInvoices(deps.db),
  );
  return runConsumptionImport(ports, request);
}

/**
 * The integrator's runner of the `consumption` module (connection-wide: it runs under the
 * partner's tenant). A refusal is a failed outcome that retrying does not change.
 */
export function createConsumptionModuleRunner(
  deps: Deps & { logger?: { error(object: object, message: string): void } },
) {
  return async (
    run: { connection: ConnectionSummary; trigger: ConsumptionRunRequest['trigger'] },
    signal?: AbortSignal,
  ): Promise<ModuleRunOutcome> => {
    if (signal?.aborted) {
      return {
        status: 'failed',
        runId: null,
        error: { code: 'job_stopped', message: 'the job was stopped' },
        transient: true,
      };
    }
    try {
      const result = await runConnectionConsumption(deps, run.connection, {
        trigger: run.trigger,
        onUnexpectedError: (error, runId) =>
          deps.logger?.error(
            { err: error instanceof Error ? error.message : String(error), runId },
            'consumption run failed unexpectedly',
          ),
      });
      return { status: result.status, runId: result.runId, error: result.error, transient: result.transient };
    } catch (error) {
      return thrownOutcome(error);
    }
  };
}
