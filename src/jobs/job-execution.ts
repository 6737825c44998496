import { performance } from 'node:perf_hooks';
import type { JobDefinition } from './catalogue.js';
import type { JobLogger } from './connection.js';
import { JobPayloadError, JobTimeoutError } from './errors.js';
import type { ClaimedJob, LeasedJob } from './job-claims.js';
import { payloadIssues } from './payload-issues.js';
import type { JobEvent, JobHandler } from './runtime.js';

/** What the runtime needs to settle a job in the queue. */
export interface JobSettler {
  complete(name: string, id: string): Promise<void>;
  fail(name: string, id: string, message: string): Promise<void>;
}

/** A job whose handler is running in this process. */
export interface RunningJob {
  name: string;
  id: string;
  attempt: number;
  /** The attempt as its lease names it (see job-leases.ts). */
  retryCount: number;
  /** When this process last renewed the attempt's lease (`performance.now()`). */
  renewedAt: number;
  /** The queue will try again after this attempt fails. */
  willRetry: boolean;
  startedAt: number;
  /** Stops waiting for the handler: the runtime has failed the job back to the queue itself. */
  abandon(reason: Error): void;
}

/** Everything one job kind's batches need. */
export interface BatchContext {
  definition: JobDefinition;
  handler: JobHandler<unknown>;
  settler: JobSettler;
  running: Set<RunningJob>;
  /** Renews the attempt's lease; false when this process no longer holds it. */
  confirmLease(job: LeasedJob): Promise<boolean>;
  emit(event: JobEvent): void;
  logger?: JobLogger;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Outcome = { state: 'completed' } | { state: 'failed'; error: string } | { state: 'abandoned' };

/** Runs one attempt: the payload parsed, the handler under its timeout, unless abandoned first. */
async function attempt(
  context: BatchContext,
  job: ClaimedJob,
  controller: AbortController,
  abandoned: Promise<void>,
): Promise<Outcome> {
  const { definition } = context;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      const error = new JobTimeoutError(definition.name, definition.expireInSeconds);
      controller.abort(error);
      resolve({ state: 'failed', error: error.message });
    }, definition.expireInSeconds * 1000);
  });
  const ran = (async (): Promise<Outcome> => {
    const parsed = definition.payload.safeParse(job.data);
    if (!parsed.success) throw new JobPayloadError(definition.name, payloadIssues(parsed.error), 'work');
    await context.handler(parsed.data, {
      id: job.id,
      name: job.name,
      attempt: job.retryCount + 1,
      signal: controller.signal,
    });
    return { state: 'completed' };
  })().catch((error: unknown): Outcome => ({ state: 'failed', error: messageOf(error) }));
  try {
    return await Promise.race([ran, timedOut, abandoned.then((): Outcome => ({ state: 'abandoned' }))]);
  } finally {
    clearTimeout(timer);
  }
}

async function runOne(context: BatchContext, job: ClaimedJob): Promise<void> {
  const { name } = context.definition;
  const base = { name, id: job.id, attempt: job.retryCount + 1 };
  const willRetry = job.retryCount < job.retryLimit;
  const startedAt = performance.now();
  const controller = new AbortController();
  let stopWaiting = (): void => undefined;
  const abandoned = new Promise<void>((resolve) => (stopWaiting = resolve));
  const entry: RunningJob = {
    ...base,
    retryCount: job.retryCount,
    renewedAt: startedAt,
    willRetry,
    startedAt,
    abandon(reason) {
      controller.abort(reason);
      stopWaiting();
    },
  };
  context.running.add(entry);
  context.logger?.debug({ job: name, id: job.id, attempt: base.attempt }, 'job started');
  const outcome = await attempt(context, job, controller, abandoned);
  context.running.delete(entry);
  if (outcome.state === 'abandoned') return;

  const durationMs = Math.round(performance.now() - startedAt);
  try {
    // Renewed first: once renewed, no other process can take the job back before it is settled.
    if (!(await context.confirmLease({ name, id: job.id, retryCount: job.retryCount }))) {
      const fields = { job: name, id: job.id, attempt: base.attempt, outcome: outcome.state };
      context.logger?.warn(fields, 'job lease lost before its outcome was recorded; the queue retries it');
      return;
    }
    if (outcome.state === 'completed') {
      await context.settler.complete(name, job.id);
      context.emit({ ...base, state: 'completed', durationMs });
    } else {
      await context.settler.fail(name, job.id, outcome.error);
      context.emit({ ...base, state: willRetry ? 'retry' : 'failed', durationMs, error: outcome.error });
    }
  } catch (error) {
    // The queue could not record the outcome; the job's lease lapses and it is retried.
    context.logger?.error({ job: name, id: job.id, err: messageOf(error) }, 'could not record job outcome');
  }
}

/**
 * Runs a claimed batch of one job kind. Each job runs and is settled on its own, so one failure
 * does not fail its neighbours; resolves when every job is settled or abandoned, never rejects.
 */
export function createBatchHandler(context: BatchContext): (jobs: ClaimedJob[]) => Promise<void> {
  return async (jobs) => {
    await Promise.all(jobs.map((job) => runOne(context, job)));
  };
}
