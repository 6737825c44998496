import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { JobCatalogue, JobDefinition } from './catalogue.js';
import {
  JobNotQueuedError,
  JobPayloadError,
  JobRuntimeStateError,
  JobsError,
  UnknownJobError,
} from './errors.js';
import { createJobClaims } from './job-claims.js';
import { createBatchHandler, type RunningJob } from './job-execution.js';
import { createLeaseKeeper } from './job-leases.js';
import { payloadIssues } from './payload-issues.js';
import {
  applySchedule,
  createBoss,
  createSettler,
  jobInfoOf,
  queueOf,
  sendOptionsOf,
} from './pg-boss-queue.js';
import { createPoller, type Poller } from './poller.js';
import { jobRuntimeSettingsSchema, type JobRuntimeOptions } from './runtime-options.js';
import type { EnqueueOptions, JobEvent, JobHandler, JobRuntime } from './runtime.js';
import { createSqlAdapter } from './sql-adapter.js';

/** A health check answers within this, or the queue counts as unhealthy. */
const HEALTH_TIMEOUT_MS = 2_000;
/** PostgreSQL's unique_violation: two processes claimed one singleton key at once; retry later. */
const UNIQUE_VIOLATION = '23505';
/**
 * PostgreSQL's deadlock_detected: processes starting at once on a new database create the same
 * queue's partition at once (pg-boss's create_queue); the loser's statement is rolled back and
 * tried again, and then finds the queue there.
 */
const DEADLOCK_DETECTED = '40P01';
const QUEUE_SETUP_ATTEMPTS = 5;

async function retryingDeadlocks(work: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await work();
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== DEADLOCK_DETECTED || attempt >= QUEUE_SETUP_ATTEMPTS)
        throw error;
      await sleep(50 + Math.random() * 100 * attempt);
    }
  }
}

const enqueueOptionsSchema = z.object({
  startAfterSeconds: z.number().int().min(0).optional(),
  priority: z.number().int().optional(),
  debounceSeconds: z.number().int().min(1).max(3600).optional(),
});

type State = 'created' | 'starting' | 'started' | 'stopping' | 'stopped';

/** When pg-boss 10 makes a job folded into the next debounce window due (`getDebounceStartAfter`). */
export function debouncedDueInMs(seconds: number, now: number): number {
  const windowMs = seconds * 1000;
  const intoWindow = now - Math.floor(now / windowMs) * windowMs;
  const startAfter = (seconds - Math.floor(intoWindow / 1000) || 1) + (seconds > 1 ? 1 : 0);
  return startAfter * 1000;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The job queue over PGlite (in-process) or PostgreSQL (any number of processes sharing jobs with
 * `SKIP LOCKED`). pg-boss owns the tables, policies, retries and maintenance; this runtime claims
 * and runs jobs with pollers of its own (see job-claims.ts for why). See docs/jobs.md.
 */
export function createJobRuntime<C extends JobCatalogue>(options: JobRuntimeOptions<C>): JobRuntime<C> {
  const settings = jobRuntimeSettingsSchema.parse(options);
  const { catalogue, logger } = options;
  const adapter = createSqlAdapter(options.connection, logger);
  const boss = createBoss(adapter, settings, {
    schedules: Object.values(catalogue).some((definition) => definition.schedule),
  });
  const settler = createSettler(boss);
  const claims = createJobClaims(adapter);
  const handlers = new Map<string, JobHandler<unknown>>();
  /** Local pollers per job kind, and which one a local enqueue wakes next. */
  const pollers = new Map<string, { all: Poller[]; next: number }>();
  const running = new Set<RunningJob>();
  const leases = createLeaseKeeper({
    leaseSeconds: settings.leaseSeconds,
    claims,
    running,
    expire: () => boss.expire(),
    ...(logger ? { logger } : {}),
  });
  let state: State = 'created';
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  // Without a listener, an 'error' event would throw and end the process.
  boss.on('error', (error) => logger?.error({ err: error.message }, 'job queue error'));

  const emit = (event: JobEvent): void => {
    try {
      options.onEvent?.(event);
    } catch (error) {
      logger?.warn({ err: messageOf(error) }, 'job event listener failed');
    }
    if (event.state !== 'completed') {
      const fields = { job: event.name, id: event.id, attempt: event.attempt, err: event.error };
      logger?.warn(fields, `job ${event.state}`);
    }
  };

  const definitionOf = (name: string): JobDefinition => {
    const definition = catalogue[name];
    if (!definition) throw new UnknownJobError(name, Object.keys(catalogue));
    return definition;
  };

  const startPollers = (name: string, handler: JobHandler<unknown>): void => {
    const run = createBatchHandler({
      definition: definitionOf(name),
      handler,
      settler,
      running,
      confirmLease: (job) => leases.confirm(job),
      emit,
      ...(logger ? { logger } : {}),
    });
    const all = Array.from({ length: settings.concurrency }, () =>
      createPoller({
        batchSize: settings.batchSize,
        intervalMs: settings.pollingIntervalSeconds * 1000,
        claim: (batchSize) => claims.claim(name, batchSize, settings.leaseSeconds),
        run,
        release: (ids) => claims.release(name, ids),
        onError(error) {
          const fields = { job: name, err: messageOf(error) };
          if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) logger?.debug(fields, 'claim raced');
          else logger?.warn(fields, 'could not claim jobs');
        },
      }),
    );
    pollers.set(name, { all, next: 0 });
    for (const poller of all) poller.start();
  };

  // While stopping, running handlers may still enqueue follow-up jobs and read job states.
  const requireStarted = (what: string): void => {
    if (state !== 'started' && state !== 'stopping') {
      throw new JobRuntimeStateError(`cannot ${what}: the job runtime is ${state} (call start() first)`);
    }
  };

  const giveUpOnRunning = async (): Promise<void> => {
    for (const job of running) {
      const reason = new JobsError(
        'job-runtime-stopped',
        'the job runtime stopped while the job was running',
      );
      job.abandon(reason);
      running.delete(job);
      await settler.fail(job.name, job.id, reason.message).catch((error: unknown) => {
        logger?.error({ job: job.name, id: job.id, err: messageOf(error) }, 'could not fail abandoned job');
      });
      const durationMs = Math.round(performance.now() - job.startedAt);
      const outcome = job.willRetry ? 'retry' : 'failed';
      emit({
        name: job.name,
        id: job.id,
        attempt: job.attempt,
        state: outcome,
        durationMs,
        error: reason.message,
      });
    }
  };

  const startup = async (): Promise<void> => {
    try {
      await adapter.installing(() => boss.start());
      for (const definition of Object.values(catalogue)) {
        // createQueue keeps an existing queue as it is; updateQueue applies a changed policy.
        await retryingDeadlocks(async () => {
          await boss.createQueue(definition.name, queueOf(definition));
          await boss.updateQueue(definition.name, queueOf(definition));
          await applySchedule(boss, definition);
        });
      }
    } catch (error) {
      await boss.stop({ graceful: false, close: false }).catch(() => undefined);
      await adapter.close();
      state = 'stopped';
      throw error;
    }
    state = 'started';
    if (!settings.workers) return;
    leases.start();
    for (const [name, handler] of handlers) startPollers(name, handler);
    const idle = Object.keys(catalogue).filter((name) => !handlers.has(name));
    if (idle.length > 0) logger?.warn({ jobs: idle }, 'no handler registered: these jobs wait in the queue');
  };

  const shutdown = async (): Promise<void> => {
    // pg-boss ignores stop() while it is starting: let a start in progress finish first.
    await starting?.catch(() => undefined);
    const previous = state;
    state = 'stopping';
    if (previous === 'started') {
      const ended = Promise.all(
        [...pollers.values()].flatMap(({ all }) => all.map((poller) => poller.stop())),
      );
      const patience = new AbortController();
      const waited = await Promise.race([
        ended.then(() => true),
        sleep(settings.stopTimeoutSeconds * 1000, false, { signal: patience.signal }).catch(() => false),
      ]);
      patience.abort();
      if (!waited) {
        await giveUpOnRunning();
        await ended;
      }
      await leases.stop();
      await boss.stop({ graceful: false, close: false });
      await adapter.idle();
    }
    await adapter.close();
    state = 'stopped';
  };

  return {
    start() {
      if (state !== 'created') {
        return Promise.reject(new JobRuntimeStateError(`start() called on a ${state} job runtime`));
      }
      state = 'starting';
      starting = startup();
      return starting;
    },

    stop() {
      stopping ??= shutdown();
      return stopping;
    },

    async healthy() {
      if (state !== 'started') return false;
      const timeout = sleep(HEALTH_TIMEOUT_MS, false, { ref: false });
      const answered = boss.schemaVersion().then(
        (version) => Number(version) > 0,
        () => false,
      );
      return Promise.race([answered, timeout]);
    },

    enqueue: (async (name: string, payload: unknown, enqueueOptions: EnqueueOptions = {}) => {
      const definition = definitionOf(name);
      const parsed = definition.payload.safeParse(payload);
      if (!parsed.success) throw new JobPayloadError(name, payloadIssues(parsed.error), 'enqueue');
      requireStarted(`enqueue "${name}"`);
      const extra = enqueueOptionsSchema.parse(enqueueOptions);
      const id = await boss.send(name, parsed.data, sendOptionsOf(definition, parsed.data, extra));
      if (!id) {
        // Debounced: this window and the next already have their job.
        if (extra.debounceSeconds) return null;
        throw new JobNotQueuedError(name);
      }
      // A local poller may be idle for up to a polling interval: wake one for a job due now.
      const local = pollers.get(name);
      if (local && !extra.startAfterSeconds) local.all[local.next++ % local.all.length]?.notify();
      if (local && extra.debounceSeconds) {
        // A job folded into the next window is due when pg-boss says (below): look for it then.
        setTimeout(
          () => local.all[local.next++ % local.all.length]?.notify(),
          debouncedDueInMs(extra.debounceSeconds, Date.now()) + 50,
        ).unref();
      }
      return id;
    }) as JobRuntime<C>['enqueue'],

    work(name, handler) {
      definitionOf(name);
      if (state === 'stopping' || state === 'stopped') {
        throw new JobRuntimeStateError(
          `cannot register a handler for "${name}": the job runtime is ${state}`,
        );
      }
      if (handlers.has(name)) throw new JobRuntimeStateError(`a handler for "${name}" is already registered`);
      handlers.set(name, handler as JobHandler<unknown>);
      if (state === 'started' && settings.workers) startPollers(name, handler as JobHandler<unknown>);
    },

    async job(name, id) {
      definitionOf(name);
      requireStarted('read a job');
      if (!z.uuid().safeParse(id).success) return null;
      const job = await boss.getJobById<unknown>(name, id, { includeArchive: true });
      return job ? jobInfoOf(job) : null;
    },

    async queueSize(name) {
      definitionOf(name);
      requireStarted('count jobs');
      return boss.getQueueSize(name);
    },

    async unfinished(name, keyPrefix = '') {
      definitionOf(name);
      requireStarted('list unfinished jobs');
      return claims.unfinished(name, keyPrefix);
    },
  };
}
