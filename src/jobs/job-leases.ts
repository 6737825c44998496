import { performance } from 'node:perf_hooks';
import type { JobLogger } from './connection.js';
import { JobLeaseLostError } from './errors.js';
import type { JobClaims, LeasedJob } from './job-claims.js';
import type { RunningJob } from './job-execution.js';

/** A lease is renewed this many times per lease period, so one slow renewal does not lose it. */
const RENEWALS_PER_LEASE = 3;
/** Processes look for lapsed leases this many times per lease period. */
const LOOKS_PER_LEASE = 2;

/** What keeping leases needs from the runtime. */
export interface LeaseKeeperOptions {
  leaseSeconds: number;
  claims: Pick<JobClaims, 'renew' | 'lapsed'>;
  /** The jobs this process runs; a job whose lease is lost is abandoned and removed. */
  running: Set<RunningJob>;
  /**
   * pg-boss's expiry (`boss.expire()`): fails every active job whose lease lapsed back to the
   * queue under its retry policy, under pg-boss's advisory lock (one process at a time).
   */
  expire(): Promise<void>;
  logger?: JobLogger;
}

/** Renews the leases of this process's running jobs and fails back jobs whose lease lapsed. */
export interface LeaseKeeper {
  start(): void;
  /** Stops renewing and looking; resolves when a renewal or look in progress has ended. */
  stop(): Promise<void>;
  /**
   * Renews one attempt's lease and says whether this process still holds it. Called before an
   * attempt's outcome is recorded: once renewed, nobody can take the job back for a whole lease.
   */
  confirm(job: LeasedJob): Promise<boolean>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Liveness of running jobs (docs/adr/0011-job-leases.md). A claim gives the job a lease of
 * `leaseSeconds` (pg-boss's `expire_in`); while its handler runs, this process renews it every
 * third of a lease, however slow the handler is. Every process with workers looks for lapsed
 * leases every half lease and has pg-boss expire them, which fails the attempt back to the queue
 * under the job's retry policy: a job of a worker that died runs again within about a lease and a
 * half plus its retry delay. A process that cannot renew a lease for a whole lease, or finds that
 * the queue took the job back, stops the handler (its signal fires) and records no outcome.
 */
export function createLeaseKeeper(options: LeaseKeeperOptions): LeaseKeeper {
  const { leaseSeconds, claims, running, logger } = options;
  const leaseMs = leaseSeconds * 1000;
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<void>>();

  const lose = (job: RunningJob, reason: 'taken-back' | 'not-renewed'): void => {
    if (!running.delete(job)) return;
    const error = new JobLeaseLostError(job.name, leaseSeconds, reason);
    job.abandon(error);
    logger?.warn({ job: job.name, id: job.id, attempt: job.attempt, err: error.message }, 'job lease lost');
  };

  const renew = async (): Promise<void> => {
    const jobs = [...running];
    if (jobs.length === 0) return;
    const sentAt = performance.now();
    let held: Set<string>;
    try {
      held = await claims.renew(jobs, leaseSeconds);
    } catch (error) {
      logger?.warn({ jobs: jobs.length, err: messageOf(error) }, 'could not renew job leases');
      for (const job of jobs) if (performance.now() - job.renewedAt >= leaseMs) lose(job, 'not-renewed');
      return;
    }
    for (const job of jobs) {
      if (!running.has(job)) continue;
      if (held.has(job.id)) job.renewedAt = sentAt;
      else lose(job, 'taken-back');
    }
  };

  const look = async (): Promise<void> => {
    const lapsed = await claims.lapsed();
    if (lapsed.length === 0) return;
    logger?.warn(
      { jobs: lapsed.map((job) => `${job.name}/${job.id}`) },
      'job leases lapsed (their workers stopped renewing them): failing them back to the queue',
    );
    await options.expire();
  };

  const every = (ms: number, task: () => Promise<void>, failure: string): void => {
    let busy = false;
    const tick = (): void => {
      if (busy) return;
      busy = true;
      const done = task()
        .catch((error: unknown) => logger?.warn({ err: messageOf(error) }, failure))
        .finally(() => {
          busy = false;
          inFlight.delete(done);
        });
      inFlight.add(done);
    };
    // Leases must not keep a stopping process alive.
    timers.push(setInterval(tick, ms).unref());
  };

  return {
    start() {
      if (timers.length > 0) return;
      every(leaseMs / RENEWALS_PER_LEASE, renew, 'could not renew job leases');
      every(leaseMs / LOOKS_PER_LEASE, look, 'could not look for lapsed job leases');
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await Promise.all([...inFlight]);
    },
    async confirm(job) {
      return (await claims.renew([job], leaseSeconds)).has(job.id);
    },
  };
}
