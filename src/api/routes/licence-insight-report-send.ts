import {
  DEFAULT_REPORT_SETTINGS,
  reportSettingsSchema,
  type ReportDelivery,
  type ReportPayload,
  type ReportSettings,
} from '../../contracts/api/licence-insight.js';
import type { LicenceReportOutcome } from '../../jobs/handlers/licence-insight.js';
import { createSettingsRepository, type Database } from '../../store/index.js';
import { buildInsightSummary } from './licence-insight-views.js';

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

/**
 * Builds the report's summary with the stored settings and posts it to each webhook URL. The
 * schedule sends only while the report is on; "Send now" sends whenever there is a URL.
 */
export function createLicenceReportSender(deps: ReportSenderDeps) {
  const send = deps.fetch ?? fetch;
  return async (trigger: 'schedule' | 'manual'): Promise<LicenceReportOutcome> => {
    const settings = await loadReportSettings(deps.db);
    if (trigger === 'schedule' && !settings.enabled)
      return { skipped: 'the weekly report is off', deliveries: [] };
    if (settings.webhookUrls.length === 0)
      return { skipped: 'the report has no webhook URL', deliveries: [] };
    const summary = await buildInsightSummary(deps.db, {
      inactiveDays: settings.inactiveDays,
      renewingWithinDays: settings.renewingWithinDays,
      now: deps.now(),
    });
    const payload: ReportPayload = { event: 'licence-insight.report', trigger, summary };
    const body = JSON.stringify(payload);
    const deliveries = await Promise.all(settings.webhookUrls.map((url) => deliver(send, url, body)));
    return { skipped: null, deliveries };
  };
}
