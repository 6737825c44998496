import type { ClaimedJob } from './job-claims.js';

/** What one poller does with the queue of one job kind. */
export interface PollerOptions {
  batchSize: number;
  intervalMs: number;
  claim(batchSize: number): Promise<ClaimedJob[]>;
  /** Runs a batch; resolves when every job of it is settled or abandoned. Never rejects. */
  run(jobs: ClaimedJob[]): Promise<void>;
  /** Gives back jobs claimed after stop() was called, without running them. */
  release(ids: string[]): Promise<void>;
  onError(error: unknown): void;
}

/** A loop that claims and runs batches of one job kind. */
export interface Poller {
  start(): void;
  /** Look for work now rather than after the interval (a job was just enqueued here). */
  notify(): void;
  /** Stops claiming; resolves when the loop has ended (after the batch it runs, if any). */
  stop(): Promise<void>;
}

/**
 * Claims up to `batchSize` jobs, runs them, and claims again at once after a full batch (more are
 * likely waiting) or after `intervalMs` otherwise, or sooner when notified.
 */
export function createPoller(options: PollerOptions): Poller {
  let stopping = false;
  let notified = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  const pause = async (): Promise<void> => {
    if (notified || stopping) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, options.intervalMs);
    });
    clearTimeout(timer);
    wake = undefined;
  };

  const once = async (): Promise<void> => {
    notified = false;
    let jobs: ClaimedJob[] = [];
    try {
      jobs = await options.claim(options.batchSize);
    } catch (error) {
      options.onError(error);
    }
    if (jobs.length > 0 && stopping) {
      await options.release(jobs.map((job) => job.id)).catch(options.onError);
      return;
    }
    if (jobs.length > 0) await options.run(jobs);
    if (jobs.length < options.batchSize) await pause();
  };

  return {
    start() {
      loop ??= (async () => {
        while (!stopping) await once();
      })();
    },
    notify() {
      notified = true;
      wake?.();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
