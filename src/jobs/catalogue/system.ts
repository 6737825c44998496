import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/**
 * `system.ping`: a heartbeat. Enqueued periodically; a worker running it proves that jobs are
 * picked up and run (the health check reads the last one). A lost ping is replaced by the next
 * one, so it is never retried, and it needs no serialisation.
 */
export const pingJob = defineJob({
  name: 'system.ping',
  summary: 'Heartbeat: proves that workers pick up and run jobs.',
  payload: z.object({
    /** When the ping was enqueued (ISO 8601). */
    at: z.iso.datetime({ offset: true }),
  }),
  retryLimit: 0,
  retryDelaySeconds: 0,
  retryBackoff: false,
  expireInSeconds: 30,
});

/** The jobs of the `system` family. */
export const systemJobs = [pingJob] as const;
