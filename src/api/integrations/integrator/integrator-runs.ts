import {
  INTEGRATOR_MODULES,
  INTEGRATOR_TRIGGERS,
  type IntegratorConfig,
  type IntegratorModule,
  type IntegratorTenantState,
  type IntegratorTrigger,
} from '../../../contracts/api/integrator.js';
import {
  modulesForTenant,
  runsFor,
  scheduledPairs,
  scopeTenantIds,
  tenantModuleKey,
  type IntegratorScope,
} from '../../../domain/integrator/schedule.js';
import type { JobRuntime, UnfinishedJob } from '../../../jobs/index.js';
import {
  createIntegratorStateRepository,
  type ConnectionSummary,
  type Database,
  type IntegratorTenantState as StoredState,
} from '../../../store/index.js';
import { ApiHttpError } from '../../http/api-error.js';
import { integratorScope, loadIntegratorConfig } from './integrator.js';

type Queue = Pick<JobRuntime, 'enqueue' | 'unfinished'>;

/** One job "Run now" queued (or found already waiting). */
export interface QueuedRun {
  tenantId: string;
  module: IntegratorModule;
  jobId: string;
  alreadyQueued: boolean;
}

const triggerOf = (job: UnfinishedJob): IntegratorTrigger | null => {
  const trigger = (job.data as { trigger?: unknown } | null)?.trigger;
  return INTEGRATOR_TRIGGERS.find((t) => t === trigger) ?? null;
};

/**
 * "Run now": queues `sync.tenant` for a connection, one tenant, or one module. Without a module,
 * each tenant runs the modules the integrator runs for it (a disabled override included: a person
 * asked). A run of the same key already waiting with the same trigger is answered instead of a
 * second one (a double click queues one run).
 */
export async function queueIntegratorRun(
  deps: { db: Database; jobs: Queue },
  connection: ConnectionSummary,
  request: {
    tenantId?: string | undefined;
    /** Several tenants instead of one (e.g. the licences module's Run now); each must be the connection's. */
    tenantIds?: readonly string[] | undefined;
    module?: IntegratorModule | undefined;
    trigger: IntegratorTrigger;
  },
): Promise<QueuedRun[]> {
  const scope = await integratorScope(deps.db, connection);
  const tenantIds = scopeTenantIds(scope);
  const named = request.tenantIds?.length ? namedTenants(request.tenantIds, tenantIds) : null;
  if (request.tenantId && !tenantIds.includes(request.tenantId.toLowerCase())) {
    throw new ApiHttpError(
      'validation_failed',
      `Tenant ${request.tenantId} is not one of this connection's tenants.`,
      [{ field: 'tenantId', message: `must be one of ${tenantIds.join(', ')}` }],
    );
  }
  const { config } = await loadIntegratorConfig(deps.db, connection.id);
  const chosen = named ?? (request.tenantId ? [request.tenantId.toLowerCase()] : tenantIds);
  const module = request.module;
  if (module && !chosen.some((tenantId) => runsFor(scope, tenantId, module))) {
    throw new ApiHttpError(
      'validation_failed',
      `The ${module} module does not run for ${request.tenantId ? 'this tenant' : named ? 'the tenants named' : 'this connection'}.`,
      [{ field: 'module', message: moduleHint(scope) }],
    );
  }
  const pairs = chosen.flatMap((tenantId) =>
    (module
      ? [module].filter((m) => runsFor(scope, tenantId, m))
      : modulesForTenant(config, scope, tenantId, { forSchedule: false })
    ).map((m) => ({ tenantId, module: m })),
  );
  if (!pairs.length) {
    throw new ApiHttpError(
      'conflict',
      'Nothing to run: the integrator runs no module for this tenant; choose a module, or add modules to its override.',
      [{ field: 'module', message: 'required when the tenant runs no module' }],
    );
  }
  const waiting = (await deps.jobs.unfinished('sync.tenant', `${connection.id}/`)).filter(
    (job) => job.state !== 'active' && triggerOf(job) === request.trigger,
  );
  const queued: QueuedRun[] = [];
  for (const pair of pairs) {
    const key = tenantModuleKey(connection.id, pair);
    const already = waiting.find((job) => job.singletonKey === key);
    const jobId =
      already?.id ??
      (await deps.jobs.enqueue('sync.tenant', {
        connectionId: connection.id,
        ...pair,
        trigger: request.trigger,
      }));
    queued.push({ ...pair, jobId, alreadyQueued: Boolean(already) });
  }
  return queued;
}

/** `wanted` in lower case, once each; a tenant the connection does not have is a 400 naming it. */
function namedTenants(wanted: readonly string[], tenantIds: readonly string[]): string[] {
  const known = new Set(tenantIds);
  const chosen = [...new Set(wanted.map((t) => t.toLowerCase()))];
  const unknown = chosen.filter((t) => !known.has(t));
  if (unknown.length) {
    throw new ApiHttpError(
      'validation_failed',
      `Tenant ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one of this connection's tenants.`,
      [{ field: 'tenantIds', message: 'name only tenants this connection runs (mapped to a customer)' }],
    );
  }
  return chosen;
}

/** Which modules run where, for an error naming the module field. */
function moduleHint(scope: IntegratorScope): string {
  return scope.kind === 'csp'
    ? 'a CSP connection runs tenants (under the partner tenant) and licences, users and assets (per mapped customer tenant)'
    : 'an Entra connection runs users, agents and assets';
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function stateView(
  connectionId: string,
  pair: { tenantId: string; module: IntegratorModule },
  stored: StoredState | undefined,
  scheduled: boolean,
  jobs: readonly UnfinishedJob[],
): IntegratorTenantState {
  const key = tenantModuleKey(connectionId, pair);
  // The running job if there is one, else the oldest waiting.
  const mine = jobs.filter((job) => job.singletonKey === key);
  const job = mine.find((j) => j.state === 'active') ?? mine[0];
  return {
    ...pair,
    scheduled,
    consecutiveFailures: stored?.consecutiveFailures ?? 0,
    lastRunAt: iso(stored?.lastRunAt ?? null),
    lastSuccessAt: iso(stored?.lastSuccessAt ?? null),
    lastError: stored?.lastError ?? null,
    nextDueAt: scheduled ? iso(stored?.nextDueAt ?? null) : null,
    quarantine:
      stored?.quarantinedAt && stored.quarantineReason
        ? { at: stored.quarantinedAt.toISOString(), reason: stored.quarantineReason }
        : null,
    job: job ? { id: job.id, state: job.state, trigger: triggerOf(job), retryCount: job.retryCount } : null,
  };
}

/**
 * Where the integrator stands for each tenant and module of a connection: every scheduled pair
 * (due at once when never run), and any other pair that has run (e.g. a module run by hand).
 * `jobs` null (a process without a queue) reports no current jobs.
 */
export async function integratorTenantStates(
  deps: { db: Database; jobs: Pick<JobRuntime, 'unfinished'> | null },
  connection: ConnectionSummary,
  config?: IntegratorConfig,
): Promise<IntegratorTenantState[]> {
  const integrator = config ?? (await loadIntegratorConfig(deps.db, connection.id)).config;
  const scope = await integratorScope(deps.db, connection);
  const tenantIds = scopeTenantIds(scope);
  const scheduled = new Set(scheduledPairs(integrator, scope).map((p) => tenantModuleKey(connection.id, p)));
  const stored = await createIntegratorStateRepository(deps.db).list(connection.id);
  const jobs = deps.jobs ? await deps.jobs.unfinished('sync.tenant', `${connection.id}/`) : [];
  const storedByKey = new Map(stored.map((s) => [tenantModuleKey(connection.id, s), s]));
  const keys = new Set(scheduled);
  for (const s of stored) if (tenantIds.includes(s.tenantId)) keys.add(tenantModuleKey(connection.id, s));
  for (const j of jobs) if (j.singletonKey) keys.add(j.singletonKey);
  const views: IntegratorTenantState[] = [];
  for (const tenantId of tenantIds) {
    for (const module of INTEGRATOR_MODULES) {
      const key = tenantModuleKey(connection.id, { tenantId, module });
      if (!keys.has(key)) continue;
      views.push(
        stateView(connection.id, { tenantId, module }, storedByKey.get(key), scheduled.has(key), jobs),
      );
    }
  }
  return views;
}
