import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { JobLogger } from '../connection.js';
import type { JobHandler, JobRuntime } from '../runtime.js';

type NotifyPayload = JobPayload<RollcallJobCatalogue, 'requests.notify'>;

/** What the `requests` family's handlers need (wired in src/api/integrations/requests). */
export interface RequestJobDeps {
  /** Runs the request's automation; `dueAt` when it stopped to wait for a later time. */
  run(requestId: string): Promise<{ outcome: string; dueAt?: Date }>;
  /** Requests whose automation is due again, oldest first. */
  due(limit: number): Promise<string[]>;
  /** Sends a request event's e-mails and webhook call. */
  notify(payload: NotifyPayload): Promise<void>;
  logger?: JobLogger;
}

/** `requests.run`. */
export function createRunRequestHandler(
  deps: RequestJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'requests.run'>> {
  return async (payload, context) => {
    const result = await deps.run(payload.requestId);
    deps.logger?.info(
      { job: 'requests.run', id: context.id, requestId: payload.requestId, ...result },
      'request automation ran',
    );
  };
}

const SWEEP_LIMIT = 500;

/** `requests.sweep`: queues the automations that are due. */
export function createSweepRequestsHandler(
  deps: RequestJobDeps & { queue: Pick<JobRuntime<RollcallJobCatalogue>, 'enqueue'> },
): JobHandler<JobPayload<RollcallJobCatalogue, 'requests.sweep'>> {
  return async () => {
    const ids = await deps.due(SWEEP_LIMIT);
    for (const requestId of ids) await deps.queue.enqueue('requests.run', { requestId });
    if (ids.length > 0)
      deps.logger?.info({ job: 'requests.sweep', queued: ids.length }, 'request automations queued');
  };
}

/** `requests.notify`. */
export function createNotifyRequestHandler(deps: RequestJobDeps): JobHandler<NotifyPayload> {
  return (payload) => deps.notify(payload);
}
