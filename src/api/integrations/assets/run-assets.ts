import type { ConnectionSummary } from '../../../store/index.js';
import {
  runAssetImport,
  type AssetRunRequest,
  type AssetRunTrigger,
  type AssetTenantResult,
} from '../../../sync/assets/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { thrownOutcome, type ModuleRunOutcome } from '../integrator/module-outcome.js';
import { loadCspTokens } from '../csp/connection-tokens.js';
import { connectionGraph } from '../entra/connection-graph.js';
import { countedGraph } from '../entra/counted-graph.js';
import { createAssetPorts } from './asset-ports.js';
import { loadAssetConfig } from './asset-config.js';
import { createDeviceReader } from './device-reader.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>;

/**
 * Runs the assets module of a stored connection with the server's Microsoft clients: an Entra
 * connection reads its tenant with its own app; a CSP partner reads each mapped tenant (not
 * excluded from Intune) with the GDAP app's token in that tenant. A disabled connection, or asset
 * import switched off, is refused (409) before anything is read.
 */
export async function runConnectionAssets(
  deps: Deps,
  connection: ConnectionSummary,
  request: AssetRunRequest & { trigger: AssetRunTrigger },
): Promise<AssetTenantResult[]> {
  if (connection.inactive) {
    throw new ApiHttpError(
      'conflict',
      `Connection "${connection.name}" is disabled; enable it to import assets.`,
    );
  }
  const stored = await loadAssetConfig(deps.db, connection.id);
  if (!stored.valid) {
    throw new ApiHttpError(
      'conflict',
      'The stored asset import configuration is no longer valid; open the Assets tab, fix it and save.',
    );
  }
  if (!stored.config.enabled) {
    throw new ApiHttpError(
      'conflict',
      'Asset import is off for this connection: switch on "Import Intune devices as assets" on its Assets tab.',
      [{ field: 'enabled', message: 'must be on to import assets' }],
    );
  }
  let readerFor;
  if (connection.kind === 'entra') {
    const graph = await connectionGraph(deps, connection);
    readerFor = () => createDeviceReader(graph);
  } else {
    const tokens = await loadCspTokens(deps, connection);
    const clients = await deps.microsoft.clients();
    readerFor = (tenantId: string) => createDeviceReader(countedGraph(clients, tokens.gdap(tenantId)));
  }
  const ports = createAssetPorts(deps.db, connection, stored.config, readerFor, request.trigger);
  return runAssetImport(ports, request);
}

/** One tenant's assets run as the integrator's jobs see it (`TenantSyncOutcome`). */
export type AssetsModuleOutcome = ModuleRunOutcome;

/**
 * The integrator's runner of the `assets` module for one (connection, tenant). A refusal is a
 * failed outcome that retrying does not change; a tenant excluded from Intune has nothing to do
 * (a success without a run).
 */
export function createAssetsModuleRunner(
  deps: Deps & { logger?: { error(object: object, message: string): void } },
) {
  return async (
    run: { connection: ConnectionSummary; tenantId: string; trigger: AssetRunTrigger },
    signal?: AbortSignal,
  ): Promise<AssetsModuleOutcome> => {
    const stopped = { status: 'failed' as const, runId: null, transient: true };
    if (signal?.aborted)
      return { ...stopped, error: { code: 'job_stopped', message: 'the job was stopped' } };
    try {
      const [result] = await runConnectionAssets(deps, run.connection, {
        tenantIds: [run.tenantId],
        trigger: run.trigger,
        onPage: () => {
          if (signal?.aborted)
            throw Object.assign(
              new Error('the run was stopped: its job timed out or its worker stopped; it is retried'),
              { code: 'job_stopped', retryable: true },
            );
        },
        onUnexpectedError: (error, tenantId, runId) =>
          deps.logger?.error(
            { err: error instanceof Error ? error.message : String(error), tenantId, runId },
            'assets run failed unexpectedly',
          ),
      });
      if (!result) throw new Error('no result for the tenant');
      if (result.status === 'skipped' && result.error?.code === 'assets.excludedFromIntune') {
        return { status: 'succeeded', runId: null, error: null, transient: false };
      }
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
