import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/** Maintenance jobs share one key: two never touch the same subscriptions at once. */
const MAINTENANCE_KEY = 'graph-subscriptions';

/**
 * `notifications.maintain`: brings Graph change-notification subscriptions to what they should
 * be (created, renewed days before expiry, created again when lost, deleted when switched off);
 * every 5 minutes for every connection, and at once for one connection when notifications are
 * switched on or off, repaired, or Microsoft asks for reauthorization. Failures are recorded per
 * subscription and retried by the next run, so one retry with a short delay is enough here.
 */
export const maintainSubscriptionsJob = defineJob({
  name: 'notifications.maintain',
  summary: 'Creates, renews, repairs and deletes Graph change-notification subscriptions.',
  payload: z.object({
    /** One connection; every connection with notifications when absent. */
    connectionId: z.guid().optional(),
    /** Microsoft subscription ids that asked for reauthorization (lifecycle notification). */
    reauthorize: z.array(z.string().min(1).max(100)).max(100).optional(),
    /** Delete and create every subscription of the scope again. */
    repair: z.boolean().optional(),
  }),
  retryLimit: 1,
  retryDelaySeconds: 30,
  retryBackoff: false,
  expireInSeconds: 300,
  singletonKey: () => MAINTENANCE_KEY,
  schedule: { cron: '*/5 * * * *' },
});

/**
 * `notifications.changed`: Microsoft notified a change in a tenant; queues that tenant's sync.
 * Enqueued debounced per (connection, tenant) by the webhook receiver, so a burst of notifications
 * becomes one job now and at most one more when the burst's window ends.
 */
export const notifiedChangeJob = defineJob({
  name: 'notifications.changed',
  summary: "Queues a tenant's sync after Microsoft notified a change.",
  payload: z.object({ connectionId: z.guid(), tenantId: z.guid() }),
  retryLimit: 2,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 60,
  singletonKey: (payload) => `${payload.connectionId}/${payload.tenantId}`,
  priority: 10,
});

/** The jobs of the `notifications` family. */
export const notificationJobs = [maintainSubscriptionsJob, notifiedChangeJob] as const;
