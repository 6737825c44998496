import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/**
 * `licence-insight.report`: posts the licence insight summary (JSON) to the webhook URLs of the
 * instance's report settings; does nothing while the report is off. Weekly, Mondays 07:05 UTC (a
 * report to read at the start of the week, off the hour). A failed attempt is retried twice; a
 * retry sends again to every URL, so a receiver may get a report twice (it carries `generatedAt`).
 */
export const licenceInsightReportJob = defineJob({
  name: 'licence-insight.report',
  summary: 'Posts the weekly licence insight report to its webhook URLs.',
  payload: z.object({}),
  retryLimit: 2,
  retryDelaySeconds: 300,
  retryBackoff: true,
  expireInSeconds: 300,
  singletonKey: () => 'licence-insight.report',
  schedule: { cron: '5 7 * * 1' },
});

/** The jobs of the `licence-insight` family. */
export const licenceInsightJobs = [licenceInsightReportJob] as const;
