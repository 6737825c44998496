import type { FastifyInstance } from 'fastify';
import {
  getIntegratorConfig,
  listIntegratorTenants,
  runIntegrator,
  saveIntegratorConfig,
  type IntegratorConfig,
} from '../../contracts/api/integrator.js';
import { nextDueAt } from '../../domain/integrator/schedule.js';
import {
  createIntegratorConfigRepository,
  createIntegratorStateRepository,
  IntegratorVersionConflictError,
  type Database,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { connectionTenantIds, loadIntegratorConfig } from '../integrations/entra/integrator.js';
import { integratorTenantStates, queueIntegratorRun } from '../integrations/entra/integrator-runs.js';
import { loadEntraConnection } from './entra-connections-load.js';
import { endpointRegistrar, isoOrNull } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal' | 'jobs' | 'audit' | 'now'>;

/** Overrides may name only the connection's tenants; each wrong one is named by its field. */
function refuseUnknownTenants(config: IntegratorConfig, tenantIds: string[]): void {
  const errors = config.tenantOverrides.flatMap((override, index) =>
    tenantIds.includes(override.tenantId.toLowerCase())
      ? []
      : [
          {
            field: `config.tenantOverrides.${index}.tenantId`,
            message: `${override.tenantId} is not one of this connection's tenants (${tenantIds.join(', ')})`,
          },
        ],
  );
  if (errors.length) {
    throw new ApiHttpError(
      'validation_failed',
      'A tenant override names a tenant this connection does not reach; fix the fields named and save again.',
      errors,
    );
  }
}

/**
 * A new schedule applies at once: each tenant's next run is worked out again from its last run
 * (an interval) or from now (a cron), instead of waiting out the old schedule.
 */
async function reschedule(db: Database, connectionId: string, config: IntegratorConfig, now: Date) {
  const states = createIntegratorStateRepository(db);
  for (const state of await states.list(connectionId)) {
    const from = config.schedule.kind === 'interval' && state.lastRunAt ? state.lastRunAt : now;
    await states.markDue(state, nextDueAt(config.schedule, from));
  }
}

/** The integrator of an Entra connection: configuration, "Run now" and per-tenant status. */
export function registerIntegratorRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);

  const configView = async (connectionId: string, tenantIds: string[]) => {
    const stored = await loadIntegratorConfig(deps.db, connectionId);
    return {
      connectionId,
      version: stored.version,
      updatedAt: isoOrNull(stored.updatedAt),
      config: stored.config,
      tenantIds,
    };
  };

  const queue = () => {
    if (!deps.jobs) {
      throw new ApiHttpError(
        'conflict',
        'This server runs no job queue, so nothing can be queued from here; use a server with a queue.',
      );
    }
    return deps.jobs;
  };

  on(getIntegratorConfig, async ({ params, principal }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'read');
    return configView(connection.id, connectionTenantIds(connection));
  });

  on(saveIntegratorConfig, async ({ params, body, principal, request }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'modify');
    const tenantIds = connectionTenantIds(connection);
    refuseUnknownTenants(body.config, tenantIds);
    try {
      await audited(deps.db, auditSource(principal, request), async (tx, record) => {
        const repository = createIntegratorConfigRepository(tx);
        const before = await repository.get(connection.id);
        await repository.save(connection.id, body.config, {
          expectedVersion: body.expectedVersion,
          updatedBy: principal?.accountId ?? null,
        });
        const previousSchedule = (before?.config as { schedule?: unknown } | undefined)?.schedule;
        if (JSON.stringify(previousSchedule) !== JSON.stringify(body.config.schedule)) {
          await reschedule(tx, connection.id, body.config, deps.now());
        }
        await record({
          action: 'integrator.save',
          target: { type: 'connection', id: connection.id },
          before: before?.config ?? null,
          after: body.config,
        });
      });
    } catch (error) {
      if (error instanceof IntegratorVersionConflictError) {
        throw new ApiHttpError(
          'conflict',
          'Someone saved this integrator since you opened it; reload it, then make your change again.',
          [{ field: 'expectedVersion', message: error.message }],
        );
      }
      throw error;
    }
    return configView(connection.id, tenantIds);
  });

  on(runIntegrator, async ({ params, body, principal, request }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'modify');
    const jobs = await queueIntegratorRun({ db: deps.db, jobs: queue() }, connection, {
      tenantId: body.tenantId,
      module: body.module,
      trigger: 'manual',
    });
    await deps.audit.record({
      ...auditSource(principal, request),
      action: 'integrator.run',
      target: { type: 'connection', id: connection.id },
      after: { tenantId: body.tenantId ?? null, module: body.module ?? null, jobs },
    });
    return { jobs };
  });

  on(listIntegratorTenants, async ({ params, principal }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'read');
    return { items: await integratorTenantStates({ db: deps.db, jobs: deps.jobs }, connection) };
  });
}
