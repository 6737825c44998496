import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/**
 * `billing.reconcile`: brings products and recurring invoice lines in line with the CSP
 * subscriptions the desk holds (docs/billing.md), for one connection (queued when its setting is
 * saved) or, hourly, for every CSP connection that imports products. Billing is planned from
 * state, so this never bills a change twice: it catches up on whatever an interrupted sync, quantity
 * change or webhook left undone.
 */
export const reconcileBillingJob = defineJob({
  name: 'billing.reconcile',
  summary: 'Creates products and invoice lines for CSP subscriptions that lack them.',
  payload: z.object({ connectionId: z.guid().optional() }),
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 900,
  singletonKey: (payload) => `billing-reconcile:${payload.connectionId ?? 'all'}`,
  schedule: { cron: '17 * * * *' },
});

export const billingJobs = [reconcileBillingJob] as const;
