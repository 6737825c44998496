import type { MaintainRequest, MaintainSummary } from '../../sync/notifications/index.js';
import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { JobLogger } from '../connection.js';
import type { JobHandler } from '../runtime.js';

/** What the `notifications` family's handlers need (wired in src/api/app.ts). */
export interface NotificationJobDeps {
  maintainSubscriptions(request: MaintainRequest, signal: AbortSignal): Promise<MaintainSummary>;
  /** Queues the sync of a tenant's modules after a change notification. */
  syncNotifiedTenant(target: { connectionId: string; tenantId: string }): Promise<void>;
  logger?: JobLogger;
}

/** `notifications.maintain`. */
export function createMaintainSubscriptionsHandler(
  deps: NotificationJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'notifications.maintain'>> {
  return async (payload, { signal }) => {
    const summary = await deps.maintainSubscriptions(payload, signal);
    const changed = Object.values(summary).some((n) => n > 0);
    if (changed)
      deps.logger?.info(
        { job: 'notifications.maintain', ...payload, ...summary },
        'Graph subscriptions maintained',
      );
  };
}

/** `notifications.changed`. */
export function createNotifiedChangeHandler(
  deps: NotificationJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'notifications.changed'>> {
  return async (payload) => deps.syncNotifiedTenant(payload);
}
