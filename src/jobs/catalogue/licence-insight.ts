import { z } from 'zod';
import { defineJob } from '../catalogue.js';

/**
 * `licence-insight.report`: posts the licence insight summary (JSON) to the webhook URLs of the
 * instance's report settings and e-mails it to their recipients; does nothing while the report is
 * off. Weekly, Mondays 07:05 UTC (a report to read at the start of the week, off the hour). An
 * attempt fails only when nothing took the report; it is retried twice, sending to all again.
 */
export const licenceInsightReportJob = defineJob({
  name: 'licence-insight.report',
  summary: 'Posts the weekly licence insight report to its webhook URLs and e-mails it.',
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
