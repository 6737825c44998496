import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/**
 * `requests.run`: runs a request's automation (new starter, leaver) from its first unsettled
 * step (src/workflows/requests). Serialised per request; steps are claimed and idempotent, so a
 * duplicated or retried job never does a step's write twice.
 */
export const runRequestJob = defineJob({
  name: 'requests.run',
  summary: "Runs a request's automation steps in Microsoft Entra.",
  payload: z.object({ requestId: z.guid() }),
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 900,
  singletonKey: (payload) => `request:${payload.requestId}`,
});

/**
 * `requests.sweep`: every minute, queues `requests.run` for requests with a step due (a start or
 * leave date reached, Microsoft's Retry-After over) or left behind by a stopped worker.
 */
export const sweepRequestsJob = defineJob({
  name: 'requests.sweep',
  summary: 'Queues request automations that are due again.',
  payload: z.object({}),
  retryLimit: 0,
  retryDelaySeconds: 0,
  retryBackoff: false,
  expireInSeconds: 55,
  singletonKey: () => 'requests-sweep',
  schedule: { cron: '* * * * *' },
});

/** `requests.notify`: e-mails and POSTs to the webhook what happened to a request. */
export const notifyRequestJob = defineJob({
  name: 'requests.notify',
  summary: "Tells people (e-mail, webhook) about a request's approval, decision or outcome.",
  payload: z.object({
    requestId: z.guid(),
    event: z.enum(['submitted', 'approvalNeeded', 'approved', 'rejected', 'completed', 'stepFailed']),
    detail: z.string().max(4000).default(''),
  }),
  retryLimit: 5,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 120,
});

export const requestJobs = [runRequestJob, sweepRequestsJob, notifyRequestJob] as const;
