/**
 * Typed errors of the job runtime. Each carries a stable `code` for callers and a message written
 * for the person reading the log: what happened and what to do about it.
 */
export class JobsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A job name that is not in the runtime's catalogue. */
export class UnknownJobError extends JobsError {
  constructor(
    readonly jobName: string,
    known: readonly string[],
  ) {
    super('unknown-job', `no job named "${jobName}" in the catalogue (known: ${known.join(', ') || 'none'})`);
  }
}

/** One problem with a job's payload, by field path (`''` for the payload as a whole). */
export interface PayloadIssue {
  path: string;
  message: string;
}

/**
 * A payload that does not match its job's schema: refused before it is queued, or found in the
 * queue (written by an older version) when a worker picks the job up.
 */
export class JobPayloadError extends JobsError {
  constructor(
    readonly jobName: string,
    readonly issues: readonly PayloadIssue[],
    readonly stage: 'enqueue' | 'work',
  ) {
    const where = stage === 'enqueue' ? 'refused, nothing was queued' : 'found in the queue';
    const details = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    super('invalid-payload', `invalid payload for job "${jobName}" (${where}): ${details}`);
  }
}

/** A job attempt ran longer than its job's `expireInSeconds`. */
export class JobTimeoutError extends JobsError {
  constructor(
    readonly jobName: string,
    readonly seconds: number,
  ) {
    super(
      'job-timeout',
      `job "${jobName}" ran longer than its ${seconds}s timeout; the attempt was abandoned ` +
        '(its abort signal fired) and the job is retried per its policy',
    );
  }
}

/** The runtime was used in a state that does not allow it (e.g. enqueue before start()). */
export class JobRuntimeStateError extends JobsError {
  constructor(message: string) {
    super('job-runtime-state', message);
  }
}

/** The queue refused a job it should have accepted (pg-boss returned no id). */
export class JobNotQueuedError extends JobsError {
  constructor(readonly jobName: string) {
    super('job-not-queued', `the queue did not accept a "${jobName}" job; see the job queue's log`);
  }
}

/**
 * This process no longer holds the lease of a job it was running: it could not renew it within
 * the lease, or the queue had already failed the attempt back to the queue (another process saw
 * the lease lapse). The handler is stopped and its outcome is not recorded; the queue's retry
 * policy decides what happens to the job.
 */
export class JobLeaseLostError extends JobsError {
  constructor(
    readonly jobName: string,
    readonly leaseSeconds: number,
    reason: 'taken-back' | 'not-renewed',
  ) {
    const why =
      reason === 'taken-back'
        ? 'the queue had already failed this attempt back to the queue after its lease lapsed'
        : `its ${leaseSeconds}s lease could not be renewed in time (is the database reachable?)`;
    super('job-lease-lost', `job "${jobName}" was stopped here: ${why}; it is retried per its policy`);
  }
}
