import {
  PERSON_TRIGGERS,
  type IntegratorConfig,
  type IntegratorModule,
  type IntegratorTrigger,
} from '../../contracts/api/integrator.js';
import { planTick } from '../../domain/integrator/plan-tick.js';
import {
  nextDueAt,
  runsFor,
  scheduledPairs,
  tenantModuleKey,
  type IntegratorScope,
} from '../../domain/integrator/schedule.js';
import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import { syncTenantJob } from '../catalogue/sync.js';
import type { JobLogger } from '../connection.js';
import type { JobHandler, JobRuntime } from '../runtime.js';

/** One connection's integrator as the jobs see it. */
export interface IntegratorTarget {
  connectionId: string;
  config: IntegratorConfig;
  /** What it runs over: the connection's kind, home tenant and tenants. */
  scope: IntegratorScope;
}

interface TenantKey {
  connectionId: string;
  tenantId: string;
  module: string;
}

interface Failure {
  code: string;
  message: string;
}

/** How one `sync.tenant` run ended. */
export interface TenantSyncOutcome {
  status: 'succeeded' | 'previewed' | 'stopped' | 'changed' | 'failed';
  runId: string | null;
  error: Failure | null;
  /** Throttling, a 5xx, the network: worth another attempt. */
  transient: boolean;
}

/** The per-tenant state the jobs read and write (the store's integrator state repository). */
export interface IntegratorStatePort {
  list(
    connectionId: string,
  ): Promise<Array<TenantKey & { nextDueAt: Date | null; quarantinedAt: Date | null }>>;
  get(key: TenantKey): Promise<{ quarantinedAt: Date | null } | undefined>;
  ensure(keys: readonly TenantKey[], dueAt: Date): Promise<void>;
  markDue(key: TenantKey, dueAt: Date | null, options?: { ifNextDueAt: Date | null }): Promise<boolean>;
  recordStart(key: TenantKey, at: Date): Promise<void>;
  recordRetry(key: TenantKey, error: Failure): Promise<void>;
  recordSuccess(
    key: TenantKey,
    options: { at: Date; nextDueAt: Date | null; unquarantine: boolean },
  ): Promise<{ quarantinedAt: Date | null }>;
  recordFailure(
    key: TenantKey,
    options: { at: Date; error: Failure; nextDueAt: Date | null; quarantineAfter: number },
  ): Promise<{ consecutiveFailures: number; quarantinedAt: Date | null }>;
}

/** What the `sync` family's handlers need. */
export interface SyncJobDeps {
  integrator: {
    /** Enabled integrators of connections that may import on this instance (one when asked). */
    enabled(connectionId?: string): Promise<IntegratorTarget[]>;
    /**
     * One connection's integrator (defaults when never saved); null when the connection is gone.
     * With `tenantId`, its scope lists that tenant alone (when it is mapped for import): a run of
     * one tenant does not read a partner's every mapping.
     */
    of(connectionId: string, tenantId?: string): Promise<IntegratorTarget | null>;
    states: IntegratorStatePort;
    /**
     * Imports one module of one tenant (`read: 'auto'`). A refusal (connection disabled, not
     * enabled on this instance) is a failed outcome, not a throw. Stops at the next page when
     * `signal` fires.
     */
    runTenant(
      run: { connectionId: string; tenantId: string; module: IntegratorModule; trigger: IntegratorTrigger },
      signal: AbortSignal,
      /** What {@link of} answered for the run's connection just before (what it read may be reused). */
      target?: IntegratorTarget,
    ): Promise<TenantSyncOutcome>;
  };
  now?: () => Date;
  logger?: JobLogger;
}

type Queue = Pick<JobRuntime<RollcallJobCatalogue>, 'enqueue' | 'unfinished'>;

type TickPayload = JobPayload<RollcallJobCatalogue, 'sync.integrator-tick'>;
type TenantPayload = JobPayload<RollcallJobCatalogue, 'sync.tenant'>;

const keyOf = (p: TenantKey): TenantKey => ({
  connectionId: p.connectionId,
  tenantId: p.tenantId,
  module: p.module,
});

/**
 * `sync.integrator-tick`: queues the due, unquarantined (tenant, module)s of each enabled
 * integrator, within each connection's concurrency (docs/integrator.md). A due time is claimed
 * with compare-and-swap before its job is queued, and keys already queued or running are left
 * alone, so each due run is queued once.
 */
export function createIntegratorTickHandler(deps: SyncJobDeps & { queue: Queue }): JobHandler<TickPayload> {
  const now = deps.now ?? (() => new Date());
  const { states } = deps.integrator;

  const tickConnection = async (target: IntegratorTarget): Promise<number> => {
    const { connectionId, config } = target;
    const at = now();
    const pairs = scheduledPairs(config, target.scope).map((p) => ({ connectionId, ...p }));
    if (!pairs.length) return 0;
    const wanted = new Set(pairs.map((p) => tenantModuleKey(connectionId, p)));
    const listWanted = async () =>
      (await states.list(connectionId)).filter((s) => wanted.has(tenantModuleKey(connectionId, s)));
    let current = await listWanted();
    // A tenant or module the schedule has just taken on is due at once. Only those are written: a
    // tick follows every run, and rewriting every pair of a 500-tenant partner each time is waste.
    if (current.length < wanted.size) {
      const known = new Set(current.map((s) => tenantModuleKey(connectionId, s)));
      await states.ensure(
        pairs.filter((p) => !known.has(tenantModuleKey(connectionId, p))),
        at,
      );
      current = await listWanted();
    }
    const unfinished = await deps.queue.unfinished('sync.tenant', `${connectionId}/`);
    const plan = planTick({
      connectionId,
      states: current.map((s) => ({
        tenantId: s.tenantId,
        module: s.module as IntegratorModule,
        nextDueAt: s.nextDueAt,
        quarantined: s.quarantinedAt !== null,
      })),
      unfinishedKeys: new Set(unfinished.flatMap((j) => (j.singletonKey ? [j.singletonKey] : []))),
      unfinishedJobs: unfinished.length,
      concurrency: config.concurrency,
      now: at,
    });
    let queued = 0;
    for (const due of plan.enqueue) {
      const key = { connectionId, tenantId: due.tenantId, module: due.module };
      // The next due time from now: a lost job (cancelled by hand) is tried again then.
      if (!(await states.markDue(key, nextDueAt(config.schedule, at), { ifNextDueAt: due.nextDueAt })))
        continue;
      try {
        await deps.queue.enqueue('sync.tenant', { ...key, trigger: 'scheduled' });
        queued += 1;
      } catch (error) {
        await states.markDue(key, due.nextDueAt);
        throw error;
      }
    }
    if (queued || plan.waiting) {
      deps.logger?.info(
        { job: 'sync.integrator-tick', connectionId, queued, waiting: plan.waiting },
        `queued ${queued} integrator runs (${plan.waiting} due waiting for a free slot)`,
      );
    }
    return queued;
  };

  return async (payload) => {
    const targets = await deps.integrator.enabled(payload.connectionId);
    const failed: string[] = [];
    for (const target of targets) {
      try {
        await tickConnection(target);
      } catch (error) {
        failed.push(target.connectionId);
        deps.logger?.error(
          { job: 'sync.integrator-tick', connectionId: target.connectionId, err: messageOf(error) },
          'integrator tick failed for a connection',
        );
      }
    }
    // One connection's trouble must not hold back the others; the next tick tries it again.
    if (failed.length) throw new Error(`the integrator tick failed for connections ${failed.join(', ')}`);
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How often, at most, finished runs ask for a tick (a second one folds into the next window). */
export const TICK_DEBOUNCE_SECONDS = 2;

/** A transient failure this attempt hands back to the queue for a retry with backoff. */
export class TenantSyncRetryError extends Error {
  constructor(readonly failure: Failure) {
    super(`${failure.code}: ${failure.message}`);
    this.name = 'TenantSyncRetryError';
  }
}

/**
 * `sync.tenant`: runs one module of one tenant and records how it went. Success clears the
 * failures (and a manual run's success lifts a quarantine); a permanent failure is counted and
 * quarantines at the connection's threshold; a transient one is thrown for pg-boss to retry with
 * backoff, and counted once when the last attempt fails too. Scheduled and notification runs of
 * a quarantined tenant are skipped. Whatever happened, a tick is asked for (debounced) so the
 * next due tenant starts within seconds.
 */
export function createSyncTenantHandler(deps: SyncJobDeps & { queue: Queue }): JobHandler<TenantPayload> {
  const now = deps.now ?? (() => new Date());
  const { states } = deps.integrator;
  const log = (fields: object, message: string) =>
    deps.logger?.info({ job: 'sync.tenant', ...fields }, message);

  const run = async (payload: TenantPayload, attempt: number, signal: AbortSignal): Promise<void> => {
    const key = keyOf(payload);
    const target = await deps.integrator.of(payload.connectionId, payload.tenantId);
    if (!target || !runsFor(target.scope, payload.tenantId, payload.module)) {
      log(key, 'skipped: the connection, the tenant or the module is gone');
      return;
    }
    const person = PERSON_TRIGGERS.includes(payload.trigger);
    if (!person && (await states.get(key))?.quarantinedAt) {
      log({ ...key, trigger: payload.trigger }, 'skipped: quarantined (a manual run lifts it)');
      return;
    }
    const scheduled = scheduledPairs(target.config, target.scope).some(
      (p) => p.tenantId === payload.tenantId && p.module === payload.module,
    );
    if (payload.trigger === 'scheduled' && !scheduled) {
      log(key, 'skipped: no longer scheduled (the integrator or this module was switched off)');
      return;
    }

    await states.recordStart(key, now());
    const outcome = await deps.integrator.runTenant(payload, signal, target);
    const ended = now();
    const nextDue = nextDueAt(target.config.schedule, ended);
    if (outcome.status === 'succeeded' || outcome.status === 'previewed') {
      await states.recordSuccess(key, { at: ended, nextDueAt: nextDue, unquarantine: person });
      log({ ...key, runId: outcome.runId }, 'synchronised');
      return;
    }
    const error = outcome.error ?? { code: outcome.status, message: `the run ended ${outcome.status}` };
    const lastAttempt = attempt > syncTenantJob.retryLimit;
    if (outcome.transient && !lastAttempt) {
      await states.recordRetry(key, error);
      throw new TenantSyncRetryError(error);
    }
    const state = await states.recordFailure(key, {
      at: ended,
      error,
      nextDueAt: nextDue,
      quarantineAfter: target.config.quarantineAfterFailures,
    });
    deps.logger?.warn(
      {
        job: 'sync.tenant',
        ...key,
        runId: outcome.runId,
        failures: state.consecutiveFailures,
        err: error.code,
      },
      state.quarantinedAt
        ? `quarantined after ${state.consecutiveFailures} failures in a row: ${error.message}`
        : `failed (${state.consecutiveFailures} in a row): ${error.message}`,
    );
    // The last attempt of a transient failure fails the job too, so the queue shows it.
    if (outcome.transient) throw new TenantSyncRetryError(error);
  };

  return async (payload, context) => {
    try {
      await run(payload, context.attempt, context.signal);
    } finally {
      // Debounced, for every connection: a round of 1,000 runs asks for a few ticks, not 1,000
      // (each one a job and a read of the integrator's state), and a request from another
      // connection in the same window is not lost to this one's.
      await deps.queue
        .enqueue('sync.integrator-tick', {}, { debounceSeconds: TICK_DEBOUNCE_SECONDS })
        .catch((error: unknown) =>
          deps.logger?.warn({ job: 'sync.tenant', err: messageOf(error) }, 'could not ask for a tick'),
        );
    }
  };
}
