import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/**
 * `subscriptions.send-quantity`: sends one queued CSP subscription quantity change (outbound
 * action `subscription.quantity`) to Partner Center: GET, PATCH the whole resource with the new
 * quantity, poll a 202's Location until it shows. A change already settled is skipped, and the
 * target quantity is absolute and read back before the PATCH, so a retried or duplicated job
 * never changes the quantity twice.
 *
 * Policy: changes Partner Center could not take now (throttled, a pending adjustment) stay
 * `running` and the job fails, to be retried up to 5 times with backoff from 60 s; after that
 * `subscriptions.sweep-quantity` picks them up when they are due. Serialised per change.
 */
export const sendQuantityChangeJob = defineJob({
  name: 'subscriptions.send-quantity',
  summary: 'Sends a CSP subscription quantity change to Partner Center.',
  payload: z.object({ actionId: z.guid() }),
  retryLimit: 5,
  retryDelaySeconds: 60,
  retryBackoff: true,
  // Long enough to poll a 202 to completion (the client's poll budget).
  expireInSeconds: 900,
  singletonKey: (payload) => `subscription-quantity:${payload.actionId}`,
});

/** `subscriptions.sweep-quantity`: every minute, queues quantity changes left waiting. */
export const sweepQuantityChangesJob = defineJob({
  name: 'subscriptions.sweep-quantity',
  summary: 'Queues CSP subscription quantity changes that were left waiting.',
  payload: z.object({}),
  retryLimit: 0,
  retryDelaySeconds: 0,
  retryBackoff: false,
  expireInSeconds: 55,
  singletonKey: () => 'subscriptions-sweep',
  schedule: { cron: '* * * * *' },
});

/**
 * `subscriptions.refresh`: a Partner Center webhook said a subscription changed; read it again
 * from Partner Center and update the desk's row. Events are hints: nothing in one is trusted.
 */
export const refreshSubscriptionJob = defineJob({
  name: 'subscriptions.refresh',
  summary: 'Reads a CSP subscription that Partner Center reported changed and updates the desk.',
  payload: z.object({
    connectionId: z.guid(),
    customerTenantId: z.guid(),
    subscriptionId: z.string().min(1).max(100),
  }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 300,
  singletonKey: (p) => `subscription-refresh:${p.connectionId}:${p.subscriptionId.toLowerCase()}`,
});

export const subscriptionJobs = [
  sendQuantityChangeJob,
  sweepQuantityChangesJob,
  refreshSubscriptionJob,
] as const;
