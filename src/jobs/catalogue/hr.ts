import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/**
 * `hr.enforce`: applies a source's published rules to its persons in Entra (or records what it
 * would do, for a dry run). Serialised per source; each person's changes are saved as they are
 * made, so a retried job continues where the last one stopped.
 */
export const enforceHrJob = defineJob({
  name: 'hr.enforce',
  summary: "Applies an HR source's published rules to its persons' accounts in Microsoft Entra.",
  payload: z.object({
    sourceId: z.guid(),
    /** The run recorded by whoever started it; absent for SCIM pushes (debounced), which record their own. */
    runId: z.guid().optional(),
  }),
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 3600,
  singletonKey: (payload) => `hr:${payload.sourceId}`,
});

/**
 * `hr.sweep`: every hour, enforces every source with published rules, so dates take effect
 * (accounts enabled before the start date, leavers disabled after the end date) without an import.
 */
export const sweepHrJob = defineJob({
  name: 'hr.sweep',
  summary: 'Enforces every HR source once an hour, so start and end dates take effect.',
  payload: z.object({}),
  retryLimit: 0,
  retryDelaySeconds: 0,
  retryBackoff: false,
  expireInSeconds: 300,
  singletonKey: () => 'hr-sweep',
  schedule: { cron: '7 * * * *' },
});

export const hrJobs = [enforceHrJob, sweepHrJob] as const;
