import { z } from 'zod';
import type { JobCatalogue } from './catalogue.js';
import type { JobConnection, JobLogger } from './connection.js';
import type { JobEvent } from './runtime.js';

/** pg-boss's floor: it refuses to poll more often than every half second. */
const MIN_POLLING_INTERVAL_SECONDS = 0.5;
/** pg-boss's floor for a graceful stop. */
const MIN_STOP_TIMEOUT_SECONDS = 1;

/** The runtime's tunables, checked when it is created. */
export const jobRuntimeSettingsSchema = z.object({
  /** Run handlers in this process (false: enqueue only, e.g. an API-only process in scale-out). */
  workers: z.boolean(),
  /** Pollers per job kind in this process; each runs up to `batchSize` jobs at once. */
  concurrency: z.number().int().min(1).max(64),
  /** Jobs fetched per poll. Raise it for many short jobs: throughput is bound by polling. */
  batchSize: z.number().int().min(1).max(100).default(1),
  /** How often an idle poller looks for work (a local enqueue wakes one at once). */
  pollingIntervalSeconds: z.number().min(MIN_POLLING_INTERVAL_SECONDS).default(2),
  /** How long `stop()` waits for running jobs before failing them back to the queue. */
  stopTimeoutSeconds: z.number().min(MIN_STOP_TIMEOUT_SECONDS).default(30),
  /**
   * Liveness of running jobs: this process renews the lease of each job it runs every third of
   * this; a job whose lease lapses (its worker died or lost the database) is failed back to the
   * queue by any process with workers and retried per its policy. Longer than any pause of the
   * event loop; independent of a job's own timeout (`expireInSeconds`). See docs/jobs.md.
   */
  leaseSeconds: z.number().min(1).max(3600).default(30),
  /** How often pg-boss archives finished jobs (and expires lapsed leases, as every process does more often). */
  maintenanceIntervalSeconds: z.number().int().min(1).default(120),
  /** How often a process with workers looks for scheduled jobs that are due (pg-boss allows 1–45). */
  scheduleCheckSeconds: z.number().int().min(1).max(45).default(30),
});

/** The runtime's settings after defaults. */
export type JobRuntimeSettings = z.output<typeof jobRuntimeSettingsSchema>;

/** Everything `createJobRuntime` takes. */
export interface JobRuntimeOptions<C extends JobCatalogue> extends z.input<typeof jobRuntimeSettingsSchema> {
  connection: JobConnection;
  catalogue: C;
  logger?: JobLogger;
  /** Called once per finished attempt (metrics). Must not throw; errors are logged and ignored. */
  onEvent?: (event: JobEvent) => void;
}
