import {
  DEFAULT_REPORT_SETTINGS,
  reportSettingsSchema,
  type InsightSummaryView,
  type ReportDelivery,
  type ReportEmailDelivery,
  type ReportPayload,
  type ReportSettings,
  type SkuInsightView,
} from '../../contracts/api/licence-insight.js';
import type { ServerConfig } from '../../contracts/config.js';
import { renewalWindow } from '../../domain/licences/insight.js';
import {
  composeInsightReportEmail,
  REPORT_EMAIL_LIST_LIMIT,
} from '../../domain/licences/insight-report-email.js';
import type { LicenceReportOutcome } from '../../jobs/handlers/licence-insight.js';
import { createSettingsRepository, type Database } from '../../store/index.js';
import { createLicenceInsightRepository } from '../../store/repositories/licence-insight-repository.js';
import { createSmtpMailer, MAIL_NOT_CONFIGURED, type Mailer } from '../integrations/mail/smtp-mailer.js';
import { buildInsightSummaryWithLicences, renewalView } from './licence-insight-views.js';

/** The settings key of the weekly report. */
export const REPORT_SETTINGS_KEY = 'licence-insight.report';

/** A receiver gets this long to answer before the delivery counts as failed. */
const DELIVERY_TIMEOUT_MS = 10_000;

/** The stored report settings, or the defaults (off, no URL) when never saved or unreadable. */
export function parseReportSettings(stored: unknown): ReportSettings {
  const parsed = reportSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_REPORT_SETTINGS;
}

export async function loadReportSettings(db: Database): Promise<ReportSettings> {
  return parseReportSettings(await createSettingsRepository(db).get(REPORT_SETTINGS_KEY));
}

export interface ReportSenderDeps {
  db: Database;
  now: () => Date;
  /** How requests go out; the global fetch by default. */
  fetch?: typeof fetch;
  /** The server's SMTP settings (no e-mail without them) and publicUrl (the e-mail links to the page). */
  config?: Pick<ServerConfig, 'smtp' | 'publicUrl'>;
}

async function deliver(send: typeof fetch, url: string, body: string): Promise<ReportDelivery> {
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Rollcall licence insight report' },
      body,
      // A redirect could lead anywhere: the URL must answer itself.
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return {
      url,
      ok,
      status: response.status,
      error: ok ? null : `the receiver answered HTTP ${response.status}`,
    };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`
        : `could not reach it (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`;
    return { url, ok: false, status: null, error: reason };
  }
}

interface EmailRequest {
  recipients: readonly string[];
  payload: ReportPayload;
  summary: InsightSummaryView;
  licences: readonly SkuInsightView[];
  now: Date;
}

/** E-mails the report to every recipient: subject, text, HTML and the JSON attached. */
async function emailReport(
  db: Database,
  mailer: Mailer | null,
  publicUrl: string | undefined,
  request: EmailRequest,
): Promise<ReportEmailDelivery[]> {
  if (request.recipients.length === 0) return [];
  if (!mailer) return request.recipients.map((to) => ({ to, ok: false, error: MAIL_NOT_CONFIGURED }));
  const { summary, now } = request;
  const renewals = await createLicenceInsightRepository(db).listRenewals(
    renewalWindow(now, summary.renewingWithinDays),
    { sort: 'date', limit: REPORT_EMAIL_LIST_LIMIT },
  );
  const email = composeInsightReportEmail({
    summary,
    licences: request.licences,
    renewals: renewals.items.map((row) => renewalView(row, now)),
    pageUrl: publicUrl ? `${publicUrl.replace(/\/+$/, '')}/licence-insight` : undefined,
  });
  return mailer.send({
    to: request.recipients,
    ...email,
    attachments: [
      {
        filename: `rollcall-licence-insight-${summary.generatedAt.slice(0, 10)}.json`,
        content: `${JSON.stringify(request.payload, null, 2)}\n`,
        contentType: 'application/json',
      },
    ],
  });
}

/**
 * Builds the report's summary with the stored settings, posts it to each webhook URL and e-mails it
 * to each recipient. The schedule sends only while the report is on; "Send now" sends whenever
 * there is a URL or a recipient.
 */
export function createLicenceReportSender(deps: ReportSenderDeps) {
  const send = deps.fetch ?? fetch;
  const mailer = deps.config ? createSmtpMailer(deps.config.smtp) : null;
  return async (trigger: 'schedule' | 'manual'): Promise<LicenceReportOutcome> => {
    const settings = await loadReportSettings(deps.db);
    const nothing = { deliveries: [], emailDeliveries: [] };
    if (trigger === 'schedule' && !settings.enabled)
      return { skipped: 'the weekly report is off', ...nothing };
    if (settings.webhookUrls.length === 0 && settings.emailRecipients.length === 0)
      return { skipped: 'the report has no webhook URL or e-mail recipient', ...nothing };
    const now = deps.now();
    const { summary, licences } = await buildInsightSummaryWithLicences(deps.db, {
      inactiveDays: settings.inactiveDays,
      renewingWithinDays: settings.renewingWithinDays,
      now,
    });
    const payload: ReportPayload = { event: 'licence-insight.report', trigger, summary };
    const body = JSON.stringify(payload);
    const [deliveries, emailDeliveries] = await Promise.all([
      Promise.all(settings.webhookUrls.map((url) => deliver(send, url, body))),
      emailReport(deps.db, mailer, deps.config?.publicUrl, {
        recipients: settings.emailRecipients,
        payload,
        summary,
        licences,
        now,
      }),
    ]);
    return { skipped: null, deliveries, emailDeliveries };
  };
}
