import {
  DEFAULT_INTEGRATOR_CONFIG,
  integratorConfigSchema,
  PERSON_TRIGGERS,
  type IntegratorConfig,
  type IntegratorTrigger,
} from '../../../contracts/api/integrator.js';
import type { IntegratorTarget, SyncJobDeps, TenantSyncOutcome } from '../../../jobs/handlers/sync.js';
import type { JobLogger } from '../../../jobs/index.js';
import { refusedOutcome } from './module-outcome.js';
import { errorCatalogue, MicrosoftError } from '../../../microsoft/index.js';
import type { IntegratorScope } from '../../../domain/integrator/schedule.js';
import {
  createConnectionRepository,
  createIntegratorConfigRepository,
  createCspMappingRepository,
  createIntegratorStateRepository,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { syncConnectionTenants } from '../csp/tenants-sync.js';
import { createLicencesModuleRunner } from '../licences/run-licences.js';
import { createAssetsModuleRunner } from '../assets/run-assets.js';
import { createPricingModuleRunner } from '../pricing/run-pricing.js';
import { createConsumptionModuleRunner } from '../consumption/run-consumption.js';
import { enabledOnThisInstance, entraSettings } from '../entra/connection-settings.js';
import { runConnectionImport } from '../entra/run-import.js';

/**
 * What the integrator runs over for a connection: an Entra connection is its one tenant; a CSP
 * partner runs its tenants module under the partner tenant and the per-tenant modules for every
 * customer tenant mapped to a desk customer (not "do not import"). `onlyTenantId`: of those, that
 * tenant alone (a job's run needs its own tenant, not the partner's every mapping).
 */
export async function integratorScope(
  db: Database,
  connection: Pick<ConnectionSummary, 'id' | 'kind' | 'tenantId'>,
  onlyTenantId?: string,
): Promise<IntegratorScope> {
  const home = connection.tenantId.toLowerCase();
  if (connection.kind === 'entra') return { kind: 'entra', homeTenantId: home, tenantIds: [home] };
  const only = onlyTenantId ? [onlyTenantId] : undefined;
  return {
    kind: 'csp',
    homeTenantId: home,
    tenantIds: await createCspMappingRepository(db).importTenantIds(connection.id, only),
  };
}

/** A connection's integrator as stored, or the defaults (version 0) before its first save. */
export async function loadIntegratorConfig(
  db: Database,
  connectionId: string,
): Promise<{ config: IntegratorConfig; version: number; updatedAt: Date | null }> {
  const stored = await createIntegratorConfigRepository(db).get(connectionId);
  if (!stored) return { config: DEFAULT_INTEGRATOR_CONFIG, version: 0, updatedAt: null };
  return {
    config: integratorConfigSchema.parse(stored.config),
    version: stored.version,
    updatedAt: stored.updatedAt,
  };
}

/** Whether another attempt may succeed: the Microsoft catalogue says so (throttling, 5xx, network). */
export function isTransientFailure(code: string): boolean {
  if (code === STOPPED_BY_JOB) return true;
  return Object.hasOwn(errorCatalogue, code) && errorCatalogue[code as keyof typeof errorCatalogue].retryable;
}

/** The code a run stopped by its job's timeout (or the worker stopping) is recorded with. */
const STOPPED_BY_JOB = 'job_stopped';

class StoppedByJobError extends Error {
  readonly code = STOPPED_BY_JOB;
  constructor() {
    super('the run was stopped: its job timed out or its worker stopped; it is retried');
  }
}

type Deps = Pick<ApiDeps, 'db' | 'microsoft' | 'config'> & {
  /** The secret box, loaded on first use (a worker process may start before it needs one). */
  secrets: () => Promise<SecretBox>;
  logger?: JobLogger;
};

/**
 * A CSP partner's tenants list (once, under the partner tenant). A refusal is a failed outcome, as
 * for imports.
 */
async function runCspModule(
  deps: Pick<ApiDeps, 'db' | 'microsoft'> & { secrets: SecretBox; now: () => Date; logger?: JobLogger },
  run: {
    connection: ConnectionSummary;
    tenantId: string;
    module: 'tenants';
    trigger: IntegratorTrigger;
  },
  signal: AbortSignal,
): Promise<TenantSyncOutcome> {
  if (signal.aborted) throw new StoppedByJobError();
  try {
    // Runs nobody watches (schedule, notifications) may create customers, when the setting says so.
    const trigger = PERSON_TRIGGERS.includes(run.trigger) ? 'manual' : 'scheduled';
    const result = await syncConnectionTenants(deps, run.connection, trigger);
    return {
      status: result.status,
      runId: result.runId,
      error: result.error,
      transient: result.error !== null && isTransientFailure(result.error.code),
    };
  } catch (error) {
    if (error instanceof ApiHttpError) return refusedOutcome(error);
    throw error;
  }
}

/** What `of` answers: the target, with the connection it was read from. */
interface LoadedTarget extends IntegratorTarget {
  connection: ConnectionSummary;
}

const isLoaded = (target: IntegratorTarget): target is LoadedTarget => 'connection' in target;

/**
 * The integrator's side of the jobs (`SyncJobDeps['integrator']`) over the store and the Entra
 * import: which integrators are enabled, and one tenant's import with `read: 'auto'`.
 */
export function createIntegratorJobDeps(deps: Deps): SyncJobDeps['integrator'] {
  const connections = async () => createConnectionRepository(deps.db, await deps.secrets());
  const mayRunHere = (connection: ConnectionSummary) =>
    !connection.inactive && enabledOnThisInstance(deps.config, entraSettings(connection).enabledFor);

  return {
    async enabled(connectionId) {
      const stored = await createIntegratorConfigRepository(deps.db).listEnabled(connectionId);
      const targets = [];
      for (const entry of stored) {
        const parsed = integratorConfigSchema.safeParse(entry.config);
        if (!parsed.success) {
          deps.logger?.warn(
            { connectionId: entry.connectionId },
            'integrator configuration no longer valid: not scheduled until saved again',
          );
          continue;
        }
        const connection = await (await connections()).findById(entry.connectionId);
        // A restored test copy must not sync (guide 001 "Enabled for Instances").
        if (!connection || !mayRunHere(connection)) continue;
        targets.push({
          connectionId: connection.id,
          config: parsed.data,
          scope: await integratorScope(deps.db, connection),
        });
      }
      return targets;
    },

    async of(connectionId, tenantId): Promise<LoadedTarget | null> {
      const connection = await (await connections()).findById(connectionId);
      if (!connection) return null;
      const { config } = await loadIntegratorConfig(deps.db, connectionId);
      const scope = await integratorScope(deps.db, connection, tenantId);
      return { connectionId, config, scope, connection };
    },

    states: createIntegratorStateRepository(deps.db),

    async runTenant(run, signal, target) {
      // The job read the connection and its tenants a moment ago (`of`): not again for each run.
      const loaded = target && isLoaded(target) && target.connectionId === run.connectionId ? target : null;
      const connection = loaded?.connection ?? (await (await connections()).findById(run.connectionId));
      if (!connection) return refusedOutcome({ message: 'the connection was deleted' });
      const module = run.module;
      if (module === 'assets') {
        const assetDeps = { ...deps, secrets: await deps.secrets() };
        return createAssetsModuleRunner(assetDeps)({ ...run, connection }, signal);
      }
      if (module === 'licences') {
        // CSP partners read Partner Center, Entra connections Graph (runConnectionLicences).
        return createLicencesModuleRunner(deps)({ ...run, connection }, signal);
      }
      if (module === 'pricing') {
        // Weekly: the schedule skips an import less than a week old; a person's run forces one.
        const pricingDeps = { ...deps, secrets: await deps.secrets() };
        const force = PERSON_TRIGGERS.includes(run.trigger);
        return createPricingModuleRunner(pricingDeps)({ connection, trigger: run.trigger, force }, signal);
      }
      if (module === 'consumption') {
        // Connection-wide: one export holds every customer's usage.
        const consumptionDeps = { ...deps, secrets: await deps.secrets() };
        return createConsumptionModuleRunner(consumptionDeps)({ connection, trigger: run.trigger }, signal);
      }
      if (module === 'tenants') {
        const moduleDeps = { ...deps, secrets: await deps.secrets(), now: () => new Date() };
        return runCspModule(moduleDeps, { ...run, module, connection }, signal);
      }
      let results;
      try {
        const importDeps = {
          db: deps.db,
          config: deps.config,
          microsoft: deps.microsoft,
          secrets: await deps.secrets(),
        };
        const known = loaded?.scope.kind === 'csp' ? { importTenantIds: loaded.scope.tenantIds } : {};
        results = await runConnectionImport(
          importDeps,
          connection,
          {
            module,
            tenantIds: [run.tenantId],
            trigger: run.trigger,
            read: 'auto',
            dryRun: false,
            onProgress: () => {
              if (signal.aborted) throw new StoppedByJobError();
            },
            onUnexpectedError: (error, tenantId, runId) =>
              deps.logger?.error(
                {
                  err: error instanceof Error ? error.message : String(error),
                  connectionId: run.connectionId,
                  tenantId,
                  runId,
                },
                'integrator run failed unexpectedly',
              ),
          },
          known,
        );
      } catch (error) {
        // Refused before anything was read: disabled, not for this instance, no client id.
        if (error instanceof ApiHttpError) return refusedOutcome(error);
        if (error instanceof MicrosoftError) {
          return {
            status: 'failed',
            runId: null,
            error: { code: error.code, message: error.message },
            transient: error.retryable,
          };
        }
        throw error;
      }
      const result = results[0];
      if (!result) return refusedOutcome({ message: 'the tenant is not one of the connection’s' });
      return {
        status: result.status,
        runId: result.runId,
        error: result.error,
        transient:
          result.status === 'failed' && result.error !== null && isTransientFailure(result.error.code),
      };
    },
  };
}
