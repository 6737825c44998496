import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import { LICENCE_CHANGES_PER_JOB } from '../catalogue/licence-changes.js';
import type { JobLogger } from '../connection.js';
import type { JobHandler, JobRuntime } from '../runtime.js';

/** What the `licences` family's handlers need (wired in src/api/integrations/licences). */
export interface LicenceChangeJobDeps {
  /**
   * Sends the changes among `actionIds` still to send and records each outcome; answers how many
   * Microsoft could not take now (they stay due for a later attempt).
   */
  send(actionIds: readonly string[]): Promise<{ succeeded: number; failed: number; retrying: number }>;
  /** Changes left waiting (no worker touched them for a while) that are due, oldest first. */
  stale(limit: number): Promise<string[]>;
  logger?: JobLogger;
}

/** Thrown so the queue retries the job with backoff: some changes could not be sent now. */
export class LicenceChangesDeferredError extends Error {
  constructor(count: number) {
    super(`${count} licence change(s) could not be sent now (Microsoft throttled or unavailable); retrying`);
    this.name = 'LicenceChangesDeferredError';
  }
}

/** `licences.send-changes`: sends the job's changes; fails (to be retried) when some must wait. */
export function createSendLicenceChangesHandler(
  deps: LicenceChangeJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'licences.send-changes'>> {
  return async (payload, context) => {
    const outcome = await deps.send(payload.actionIds);
    deps.logger?.info({ job: 'licences.send-changes', id: context.id, ...outcome }, 'licence changes sent');
    if (outcome.retrying > 0) throw new LicenceChangesDeferredError(outcome.retrying);
  };
}

/** How many left-waiting changes one sweep queues again. */
const SWEEP_LIMIT = 5 * LICENCE_CHANGES_PER_JOB;

/** `licences.sweep-changes`: queues sends for changes left waiting. */
export function createSweepLicenceChangesHandler(
  deps: LicenceChangeJobDeps & { queue: Pick<JobRuntime<RollcallJobCatalogue>, 'enqueue'> },
): JobHandler<JobPayload<RollcallJobCatalogue, 'licences.sweep-changes'>> {
  return async () => {
    const ids = await deps.stale(SWEEP_LIMIT);
    for (let i = 0; i < ids.length; i += LICENCE_CHANGES_PER_JOB) {
      await deps.queue.enqueue('licences.send-changes', {
        actionIds: ids.slice(i, i + LICENCE_CHANGES_PER_JOB),
      });
    }
    if (ids.length > 0)
      deps.logger?.info(
        { job: 'licences.sweep-changes', queued: ids.length },
        'licence changes queued again',
      );
  };
}
