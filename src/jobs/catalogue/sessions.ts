import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/**
 * `sessions.purge`: deletes sessions past their absolute expiry or idle for longer than the idle
 * limit. They already sign nobody in (each request checks them); this only keeps the table small.
 * Hourly, at 17 past so it does not meet every other on-the-hour job.
 */
export const purgeSessionsJob = defineJob({
  name: 'sessions.purge',
  summary: 'Deletes expired and idle sessions.',
  payload: z.object({}),
  retryLimit: 2,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 300,
  schedule: { cron: '17 * * * *' },
});

/** The jobs of the `sessions` family. */
export const sessionJobs = [purgeSessionsJob] as const;
