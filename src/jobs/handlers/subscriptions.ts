import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { JobLogger } from '../connection.js';
import type { JobHandler, JobRuntime } from '../runtime.js';

/** What the `subscriptions` family's handlers need (wired in src/api/integrations/subscriptions). */
export interface SubscriptionJobDeps {
  /** Sends the change if it is still to send; `retrying` when Partner Center could not take it now. */
  send(actionId: string): Promise<'succeeded' | 'failed' | 'retrying' | 'settled'>;
  /** Changes left waiting (no worker touched them for a while) that are due, oldest first. */
  stale(limit: number): Promise<string[]>;
  /** Re-reads a subscription from Partner Center and updates the desk's row. */
  refresh(input: { connectionId: string; customerTenantId: string; subscriptionId: string }): Promise<void>;
  logger?: JobLogger;
}

/** Thrown so the queue retries the job with backoff: Partner Center could not take the change now. */
export class QuantityChangeDeferredError extends Error {
  constructor() {
    super('the quantity change could not be sent now (Partner Center throttled or busy); retrying');
    this.name = 'QuantityChangeDeferredError';
  }
}

export function createSendQuantityChangeHandler(
  deps: SubscriptionJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'subscriptions.send-quantity'>> {
  return async (payload, context) => {
    const outcome = await deps.send(payload.actionId);
    deps.logger?.info(
      { job: 'subscriptions.send-quantity', id: context.id, actionId: payload.actionId, outcome },
      'quantity change sent',
    );
    if (outcome === 'retrying') throw new QuantityChangeDeferredError();
  };
}

const SWEEP_LIMIT = 500;

export function createSweepQuantityChangesHandler(
  deps: SubscriptionJobDeps & { queue: Pick<JobRuntime<RollcallJobCatalogue>, 'enqueue'> },
): JobHandler<JobPayload<RollcallJobCatalogue, 'subscriptions.sweep-quantity'>> {
  return async () => {
    const ids = await deps.stale(SWEEP_LIMIT);
    for (const actionId of ids) await deps.queue.enqueue('subscriptions.send-quantity', { actionId });
    if (ids.length > 0)
      deps.logger?.info(
        { job: 'subscriptions.sweep-quantity', queued: ids.length },
        'quantity changes queued again',
      );
  };
}

export function createRefreshSubscriptionHandler(
  deps: SubscriptionJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'subscriptions.refresh'>> {
  return async (payload) => deps.refresh(payload);
}
