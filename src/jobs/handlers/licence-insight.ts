import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { JobLogger } from '../connection.js';
import { JobsError } from '../errors.js';
import type { JobHandler } from '../runtime.js';

/** What one sending of the report did. */
export interface LicenceReportOutcome {
  /** Why nothing was sent (the report is off, or has no URL or recipient); null when it was sent. */
  skipped: string | null;
  deliveries: { url: string; ok: boolean; status: number | null; error: string | null }[];
  /** Per e-mail recipient: whether the SMTP server took it. */
  emailDeliveries: { to: string; ok: boolean; error: string | null }[];
}

/** What the `licence-insight` family's handlers need. */
export interface LicenceInsightJobDeps {
  /** Builds the summary, posts it to the webhook URLs and e-mails it (when the report is on). */
  sendLicenceReport(trigger: 'schedule'): Promise<LicenceReportOutcome>;
  logger?: JobLogger;
}

/**
 * `licence-insight.report`: sends the weekly report; fails (to be retried) only when no receiver
 * took it (no webhook and no e-mail recipient), so a retry never repeats a delivery that worked.
 */
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
    const failedEmails = outcome.emailDeliveries.filter((d) => !d.ok);
    for (const d of failedEmails)
      deps.logger?.warn({ job, to: d.to, error: d.error }, 'report e-mail not delivered');
    const tried = outcome.deliveries.length + outcome.emailDeliveries.length;
    if (failed.length + failedEmails.length === tried) {
      const reasons = [
        ...failed.map((d) => `${d.url}: ${d.error}`),
        ...failedEmails.map((d) => `${d.to}: ${d.error}`),
      ];
      const what = outcome.emailDeliveries.length === 0 ? 'no webhook' : 'no webhook or e-mail recipient';
      throw new JobsError(
        'report-not-delivered',
        `${what} took the licence insight report (${reasons.join('; ')}); it is retried`,
      );
    }
  };
}
