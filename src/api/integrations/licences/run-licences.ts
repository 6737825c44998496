import type { ConnectionSummary } from '../../../store/index.js';
import {
  runLicenceImport,
  type LicenceRunRequest,
  type LicenceTenantResult,
} from '../../../sync/licences/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { thrownOutcome, type ModuleRunOutcome } from '../integrator/module-outcome.js';
import { createLicencePorts, newCorrelationId } from './licence-ports.js';
import { createLicenceReader } from './partner-center-reader.js';
import { loadCspTokens } from '../csp/connection-tokens.js';
import { connectionGraph } from '../entra/connection-graph.js';
import { enabledOnThisInstance, entraSettings } from '../entra/connection-settings.js';
import { createGraphLicenceReader } from './entra-licences.js';
import { reconcileConnectionBilling } from '../billing/subscription-billing.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'config'>;

/**
 * Runs the licences module of a stored connection with the server's Microsoft clients: a CSP
 * partner's mapped tenants from Partner Center, an Entra connection's tenant from Graph
 * `subscribedSkus` with its own app. Disabled connections, Entra connections not enabled for this
 * instance, and CSP connections without the Partner Center app are refused (409) before anything
 * is read.
 */
export async function runConnectionLicences(
  deps: Deps,
  connection: ConnectionSummary,
  request: LicenceRunRequest,
): Promise<LicenceTenantResult[]> {
  if (connection.inactive) {
    throw new ApiHttpError(
      'conflict',
      `Connection "${connection.name}" is disabled; enable it to import licences.`,
    );
  }
  if (connection.kind === 'entra') {
    if (!enabledOnThisInstance(deps.config, entraSettings(connection).enabledFor)) {
      throw new ApiHttpError(
        'conflict',
        `Connection "${connection.name}" is enabled for production instances only and this instance is a ${deps.config.instance} instance; set "Enabled for instances" to all to import here.`,
        [{ field: 'enabledFor', message: 'production only' }],
      );
    }
    const reader = createGraphLicenceReader(await connectionGraph(deps, connection));
    return runLicenceImport(createLicencePorts(deps.db, connection, reader, request.trigger), request);
  }
  const clients = await deps.microsoft.clients();
  const reader = createLicenceReader(clients, await loadCspTokens(deps, connection), newCorrelationId());
  const results = await runLicenceImport(
    createLicencePorts(deps.db, connection, reader, request.trigger),
    request,
  );
  // Products and invoice lines follow the subscriptions just imported (docs/billing.md).
  for (const result of results) {
    if (result.status === 'succeeded')
      await reconcileConnectionBilling(deps.db, connection, new Date(), result.tenantId);
  }
  return results;
}

/** One tenant's licences run as the integrator's jobs see it (`TenantSyncOutcome`). */
export type LicencesModuleOutcome = ModuleRunOutcome;

/**
 * The integrator's runner of the `licences` module for one (connection, tenant): the shape of
 * the integrator's module runners (`ModuleRunner`). A refusal or a skipped tenant is a failed
 * outcome that retrying does not change.
 */
export function createLicencesModuleRunner(
  deps: Omit<Deps, 'secrets'> & {
    /** The secret box, or how to load it on first use (a worker may start before it needs one). */
    secrets: Deps['secrets'] | (() => Promise<Deps['secrets']>);
    logger?: { error(object: object, message: string): void };
  },
) {
  return async (
    run: {
      connection: ConnectionSummary;
      tenantId: string;
      trigger: LicenceRunRequest['trigger'];
    },
    signal?: AbortSignal,
  ): Promise<LicencesModuleOutcome> => {
    if (signal?.aborted) {
      return {
        status: 'failed',
        runId: null,
        error: { code: 'job_stopped', message: 'the job was stopped' },
        transient: true,
      };
    }
    try {
      const secrets = typeof deps.secrets === 'function' ? await deps.secrets() : deps.secrets;
      const [result] = await runConnectionLicences({ ...deps, secrets }, run.connection, {
        tenantIds: [run.tenantId],
        trigger: run.trigger,
        onUnexpectedError: (error, tenantId, runId) =>
          deps.logger?.error(
            { err: error instanceof Error ? error.message : String(error), tenantId, runId },
            'licences run failed unexpectedly',
          ),
      });
      if (!result) throw new Error('no result for the tenant');
      return {
        status: result.status === 'succeeded' ? 'succeeded' : 'failed',
        runId: result.runId,
        error: result.error,
        transient: result.transient,
      };
    } catch (error) {
      return thrownOutcome(error);
    }
  };
}
