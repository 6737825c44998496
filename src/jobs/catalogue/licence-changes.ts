import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/** At most this many changes per job: 50 `$batch` requests of 20. */
export const LICENCE_CHANGES_PER_JOB = 1000;

/**
 * `licences.send-changes`: sends queued licence changes (outbound actions `licence.assign` /
 * `licence.remove`) to Microsoft, grouped by tenant, 20 per `$batch`. Changes already settled are
 * skipped, so a retried or duplicated job never sends a change twice after it was confirmed (and
 * `assignLicense` of a licence the user holds takes no seat, so a crash mid-send is safe too).
 *
 * Policy: changes Microsoft could not take now (throttled past the client's retries, an outage)
 * stay `running` and the job fails, to be retried up to 5 times with backoff from 60 s; after
 * that `licences.sweep-changes` picks them up when they are due.
 */
export const sendLicenceChangesJob = defineJob({
  name: 'licences.send-changes',
  summary: 'Sends queued licence changes to Microsoft Graph.',
  payload: z.object({
    actionIds: z.array(z.guid()).min(1).max(LICENCE_CHANGES_PER_JOB),
  }),
  retryLimit: 5,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 900,
});

/**
 * `licences.sweep-changes`: every minute, queues `licences.send-changes` for changes left waiting
 * (a process stopped between queuing and sending, a job that gave up while Microsoft was down).
 * Serialised by its key.
 */
export const sweepLicenceChangesJob = defineJob({
  name: 'licences.sweep-changes',
  summary: 'Queues licence changes that were left waiting.',
  payload: z.object({}),
  retryLimit: 0,
  retryDelaySeconds: 0,
  retryBackoff: false,
  expireInSeconds: 55,
  singletonKey: () => 'licences-sweep',
  schedule: { cron: '* * * * *' },
});

export const licenceChangeJobs = [sendLicenceChangesJob, sweepLicenceChangesJob] as const;
