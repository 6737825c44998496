import type { FastifyInstance } from 'fastify';
import {
  integratorEndpointsOf,
  MODULES_OF_KIND,
  type IntegratorConfig,
} from '../../contracts/api/integrator.js';
import { nextDueAt, scopeTenantIds, type IntegratorScope } from '../../domain/integrator/schedule.js';
import {
  createIntegratorConfigRepository,
  createIntegratorStateRepository,
  IntegratorVersionConflictError,
  type Database,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { integratorScope, loadIntegratorConfig } from '../integrations/integrator/integrator.js';
import { integratorTenantStates } from '../integrations/integrator/integrator-runs.js';
import { loadConnectionOfKind } from './entra-connections-load.js';
import { queueRunNow } from './integrator-run-now.js';
import { endpointRegistrar, isoOrNull } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal' | 'jobs' | 'audit' | 'now'>;

/**
 * A configuration may choose only the modules its kind of connection runs, and overrides may name
 * only the connection's tenants; each wrong field is named.
 */
function refuseOutOfScope(config: IntegratorConfig, scope: IntegratorScope): void {
  const tenantIds = scopeTenantIds(scope);
  const modules = MODULES_OF_KIND[scope.kind];
  const kindName = scope.kind === 'csp' ? 'a CSP connection' : 'an Entra connection';
  const moduleErrors = (chosen: readonly string[], field: string) =>
    chosen
      .map((module, index) => ({ module, index }))
      .filter(({ module }) => !modules.some((m) => m === module))
      .map(({ module, index }) => ({
        field: `${field}.${index}`,
        message: `${module} is not a module of ${kindName} (choose from ${modules.join(', ')})`,
      }));
  const errors = [
    ...moduleErrors(config.modules, 'config.modules'),
    ...config.tenantOverrides.flatMap((override, index) => [
      ...(tenantIds.includes(override.tenantId.toLowerCase())
        ? []
        : [
            {
              field: `config.tenantOverrides.${index}.tenantId`,
              message: `${override.tenantId} is not one of this connection's tenants (${tenantIds.join(', ') || 'none mapped yet'})`,
            },
          ]),
      ...moduleErrors(override.modules, `config.tenantOverrides.${index}.modules`),
    ]),
  ];
  if (errors.length) {
    throw new ApiHttpError(
      'validation_failed',
      'The integrator names a module or tenant this connection does not have; fix the fields named and save again.',
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

  const configView = async (connectionId: string, scope: IntegratorScope) => {
    const stored = await loadIntegratorConfig(deps.db, connectionId);
    return {
      connectionId,
      version: stored.version,
      updatedAt: isoOrNull(stored.updatedAt),
      config: stored.config,
      tenantIds: scopeTenantIds(scope),
      modules: [...MODULES_OF_KIND[scope.kind]],
    };
  };

  for (const kind of ['entra', 'csp'] as const) {
    const endpoints = integratorEndpointsOf[kind];
    const load = (
      id: string,
      principal: Parameters<typeof loadConnectionOfKind>[4],
      level: 'read' | 'modify',
    ) => loadConnectionOfKind(deps, deps.db, kind, id, principal, level);

    on(endpoints.get, async ({ params, principal }) => {
      const connection = await load(params.id, principal, 'read');
      return configView(connection.id, await integratorScope(deps.db, connection));
    });

    on(endpoints.save, async ({ params, body, principal, request }) => {
      const connection = await load(params.id, principal, 'modify');
      const scope = await integratorScope(deps.db, connection);
      refuseOutOfScope(body.config, scope);
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
      return configView(connection.id, scope);
    });

    on(endpoints.run, async ({ params, body, principal, request }) => {
      const connection = await load(params.id, principal, 'modify');
      const jobs = await queueRunNow(
        deps,
        auditSource(principal, request),
        connection,
        { tenantId: body.tenantId, module: body.module },
        { tenantId: body.tenantId ?? null, module: body.module ?? null },
      );
      return { jobs };
    });

    on(endpoints.tenants, async ({ params, principal }) => {
      const connection = await load(params.id, principal, 'read');
      return { items: await integratorTenantStates({ db: deps.db, jobs: deps.jobs }, connection) };
    });
  }
}
