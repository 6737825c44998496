import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { JobLogger } from '../connection.js';
import type { JobHandler } from '../runtime.js';

/** What the `hr` family's handlers need (wired in src/api/integrations/hr). */
export interface HrJobDeps {
  /** Runs (or resumes) an enforcement run. */
  enforce(sourceId: string, runId: string | undefined): Promise<Record<string, unknown>>;
  /** Starts a run for every enforceable source; returns how many were queued. */
  sweep(): Promise<number>;
  logger?: JobLogger;
}

/** `hr.enforce`. */
export function createEnforceHrHandler(
  deps: HrJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'hr.enforce'>> {
  return async (payload, context) => {
    const summary = await deps.enforce(payload.sourceId, payload.runId);
    deps.logger?.info({ job: 'hr.enforce', id: context.id, ...payload, ...summary }, 'HR enforcement ran');
  };
}

/** `hr.sweep`. */
export function createSweepHrHandler(
  deps: HrJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'hr.sweep'>> {
  return async () => {
    const queued = await deps.sweep();
    if (queued > 0) deps.logger?.info({ job: 'hr.sweep', queued }, 'HR enforcements queued');
  };
}
