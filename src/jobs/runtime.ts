/** Owned by: jobs helper. The job queue (pg-boss) over PGlite or PostgreSQL; see docs/jobs.md. */
import type { JobCatalogue, JobName, JobPayload, JobPayloadInput } from './catalogue.js';
import type { RollcallJobCatalogue } from './catalogue/index.js';

/** What a handler gets beside its payload. */
export interface JobContext {
  id: string;
  name: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Fires when the attempt times out or the runtime stops before the handler finished. */
  signal: AbortSignal;
}

/** Runs one job. Throwing (or rejecting) fails the attempt; the job is retried per its policy. */
export type JobHandler<Payload> = (payload: Payload, context: JobContext) => Promise<void>;

/** How one attempt ended, for metrics and logs. */
export interface JobEvent {
  name: string;
  id: string;
  /** `retry`: this attempt failed and another is scheduled; `failed`: no attempts left. */
  state: 'completed' | 'failed' | 'retry';
  durationMs: number;
  attempt: number;
  /** The failure's message (never a stack), for `failed` and `retry`. */
  error?: string;
}

/** Options of one `enqueue`. */
export interface EnqueueOptions {
  /** Do not start before this many seconds from now. */
  startAfterSeconds?: number;
  /** Overrides the job's catalogue priority for this job. */
  priority?: number;
}

/**
 * Options of a debounced `enqueue`: per singleton key (the job's name when it has none), the first
 * enqueue in each window of `debounceSeconds` (windows aligned on the clock) queues a job due at
 * once; later ones in that window fold into one job due when the next window starts; any more are
 * dropped (`enqueue` returns null). Across processes: the queue's unique index decides.
 */
export interface DebouncedEnqueueOptions extends EnqueueOptions {
  debounceSeconds: number;
}

/** Where a job stands, as the queue records it. */
export interface JobInfo {
  id: string;
  name: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  /** Attempts started so far minus one (0 until the first retry starts). */
  retryCount: number;
  createdAt: Date;
  completedAt: Date | null;
  /** Message of the last failure, when the job failed or waits for a retry. */
  error?: string;
}

/** A job that has not finished yet (waiting, waiting for a retry, or running), with its key. */
export interface UnfinishedJob {
  id: string;
  state: 'created' | 'retry' | 'active';
  /** The catalogue's `singletonKey` of its payload; null for jobs without one. */
  singletonKey: string | null;
  /** The payload as queued (parse it with the job's schema before trusting it). */
  data: unknown;
  retryCount: number;
  createdAt: Date;
}

/**
 * The job queue of one process: enqueue anywhere, work where workers are enabled. `start()` before
 * anything else; `stop()` before closing the database it runs on.
 */
export interface JobRuntime<C extends JobCatalogue = RollcallJobCatalogue> {
  /** Installs or upgrades pg-boss's schema, creates the catalogue's queues, starts the workers. */
  start(): Promise<void>;
  /**
   * Stops fetching, waits for running jobs up to the stop timeout, then gives up on the rest
   * (their abort signals fire and they are failed back to the queue to be retried elsewhere).
   */
  stop(): Promise<void>;
  /** True when started and the queue's tables answer (for /healthz). */
  healthy(): Promise<boolean>;
  /**
   * Validates `payload` with the job's schema, then queues it unless a debounce window already has
   * its job (see {@link DebouncedEnqueueOptions}); returns the job id, or null when debounced away.
   */
  enqueue<N extends JobName<C>>(
    name: N,
    payload: JobPayloadInput<C, N>,
    options: DebouncedEnqueueOptions,
  ): Promise<string | null>;
  /** Validates `payload` with the job's schema, then queues it; returns the job id. */
  enqueue<N extends JobName<C>>(
    name: N,
    payload: JobPayloadInput<C, N>,
    options?: EnqueueOptions,
  ): Promise<string>;
  /**
   * Registers the handler of a job. In a runtime with `workers: false` it is kept but never runs
   * (another process works the queue).
   */
  work<N extends JobName<C>>(name: N, handler: JobHandler<JobPayload<C, N>>): void;
  /** A job's state (also after it has been archived), or null when unknown. */
  job(name: JobName<C>, id: string): Promise<JobInfo | null>;
  /** Jobs of this kind waiting to run (created or waiting for a retry). */
  queueSize(name: JobName<C>): Promise<number>;
  /**
   * Jobs of this kind not finished yet whose singleton key starts with `keyPrefix` (every one
   * when empty), oldest first: what a scheduler checks before queueing a key again.
   */
  unfinished(name: JobName<C>, keyPrefix?: string): Promise<UnfinishedJob[]>;
}
