import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { JobLogger } from '../connection.js';
import { JobsError } from '../errors.js';
import type { JobHandler } from '../runtime.js';

/** What one sending of the report did. */
export interface LicenceReportOutcome {
  /** Why nothing was sent (the report is off, or has no webhook URL); null when it was sent. */
  skipped: string | null;
  deliveries: { url: string; ok: boolean; status: number | null; error: string | null }[];
}

/** What the `licence-insight` family's handlers need. */
export interface LicenceInsightJobDeps {
  /** Builds the summary and posts it to the report's webhook URLs (when the report is on). */
  sendLicenceReport(trigger: 'schedule'): Promise<LicenceReportOutcome>;
  logger?: JobLogger;
}

/** `licence-insight.report`: sends the weekly report; fails (to be retried) when no receiver took it. */
export function createLicenceReportHandler(
  deps: LicenceInsightJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'licence-insight.report'>> {
  return async () => {
    const outcome = await deps.sendLicenceReport('schedule');
    const job = 'licence-insight.report';
    if (outcome.skipped) {
      deps.logger?.info(
        { job, reason: outcome.skipped },
        `licence insight report not sent: ${outcome.skipped}`,
      );
      return;
    }
    const failed = outcome.deliveries.filter((d) => !d.ok);
    for (const d of failed)
      deps.logger?.warn({ job, url: d.url, status: d.status, error: d.error }, 'report not delivered');
    if (failed.length === outcome.deliveries.length) {
      throw new JobsError(
        'report-not-delivered',
        `no webhook took the licence insight report (${failed.map((d) => `${d.url}: ${d.error}`).join('; ')}); it is retried`,
      );
    }
  };
}
