import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { JobDefinition } from './catalogue.js';
import type { JobSettler } from './job-execution.js';
import type { JobRuntimeSettings } from './runtime-options.js';
import type { EnqueueOptions, JobInfo } from './runtime.js';
import type { SqlAdapter } from './sql-adapter.js';

/** pg-boss's tables live in this schema, beside the desk's (drizzle never touches it). */
export const QUEUE_SCHEMA = 'pgboss';

/**
 * The expiry a job is queued with: its timeout and this much more. Claiming a job replaces it
 * with the claiming process's lease (job-leases.ts), which pg-boss's expiry then honours; the
 * handler's own timeout stays the catalogue's `expireInSeconds`.
 */
const EXPIRY_GRACE_SECONDS = 30;

/** pg-boss moves due scheduled jobs into their queues this often at most. */
const MAX_SCHEDULE_WORKER_SECONDS = 5;

/**
 * A pg-boss instance over the adapter, configured for this runtime. Its cron scheduler runs in
 * processes with workers, and only when the catalogue has scheduled jobs (otherwise it would only
 * poll for nothing).
 */
export function createBoss(
  adapter: SqlAdapter,
  settings: JobRuntimeSettings,
  options: { schedules: boolean },
): PgBoss {
  return new PgBoss({
    db: adapter,
    schema: QUEUE_SCHEMA,
    migrate: true,
    schedule: settings.workers && options.schedules,
    cronMonitorIntervalSeconds: settings.scheduleCheckSeconds,
    cronWorkerIntervalSeconds: Math.min(settings.scheduleCheckSeconds, MAX_SCHEDULE_WORKER_SECONDS),
    supervise: settings.workers,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
  });
}

/**
 * Registers the job's cron schedule with pg-boss (replacing an older one), or removes a schedule
 * left by an earlier version that had one. Schedules live in the database, shared by every process.
 */
export async function applySchedule(boss: PgBoss, definition: JobDefinition): Promise<void> {
  if (!definition.schedule) {
    await boss.unschedule(definition.name);
    return;
  }
  const payload = definition.payload.parse(definition.schedule.payload ?? {});
  await boss.schedule(definition.name, definition.schedule.cron, payload, {
    ...sendOptionsOf(definition, payload, {}),
    tz: 'UTC',
  });
}

/**
 * The queue of one job kind. Jobs with a singleton key use pg-boss's `singleton` policy: a unique
 * index lets at most one job per key be active, whichever process fetches it.
 */
export function queueOf(definition: JobDefinition): PgBoss.Queue {
  return {
    name: definition.name,
    policy: definition.singletonKey ? 'singleton' : 'standard',
    retryLimit: definition.retryLimit,
    retryDelay: definition.retryDelaySeconds,
    retryBackoff: definition.retryBackoff,
    expireInSeconds: definition.expireInSeconds + EXPIRY_GRACE_SECONDS,
  };
}

/** pg-boss send options of one job: its catalogue policy, written on the job row itself. */
export function sendOptionsOf(
  definition: JobDefinition,
  payload: object,
  options: EnqueueOptions & { debounceSeconds?: number },
): PgBoss.SendOptions {
  return {
    retryLimit: definition.retryLimit,
    retryDelay: definition.retryDelaySeconds,
    retryBackoff: definition.retryBackoff,
    expireInSeconds: definition.expireInSeconds + EXPIRY_GRACE_SECONDS,
    priority: options.priority ?? definition.priority ?? 0,
    ...(definition.singletonKey ? { singletonKey: definition.singletonKey(payload) } : {}),
    ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    // pg-boss's debounce: a unique (name, window, key) row; a taken window moves to the next one.
    ...(options.debounceSeconds
      ? { singletonSeconds: options.debounceSeconds, singletonNextSlot: true }
      : {}),
  };
}

/** Settles jobs through pg-boss. */
export function createSettler(boss: PgBoss): JobSettler {
  return {
    complete: (name, id) => boss.complete(name, id),
    fail: (name, id, message) => boss.fail(name, id, { message }),
  };
}

/** Failure output as pg-boss stores it: ours (`{ message }`), or its own (`{ value }`). */
const failureOutputSchema = z.union([
  z.object({ message: z.string() }),
  z.object({ value: z.object({ message: z.string() }) }).transform((o) => ({ message: o.value.message })),
  z.object({ value: z.string() }).transform((o) => ({ message: o.value })),
]);

/** A pg-boss job row as the runtime reports it. */
export function jobInfoOf(job: PgBoss.JobWithMetadata<unknown>): JobInfo {
  const failure =
    job.state === 'failed' || job.state === 'retry' ? failureOutputSchema.safeParse(job.output) : undefined;
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    retryCount: job.retryCount,
    createdAt: new Date(job.createdOn),
    completedAt: job.completedOn ? new Date(job.completedOn) : null,
    ...(failure?.success ? { error: failure.data.message } : {}),
  };
}
