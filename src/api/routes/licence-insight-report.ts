import type { FastifyInstance } from 'fastify';
import {
  getReportSettings,
  sendReportNow,
  updateReportSettings,
  type ReportSettings,
} from '../../contracts/api/licence-insight.js';
import { licenceInsightReportJob } from '../../jobs/catalogue/licence-insight.js';
import { createSettingsRepository } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { isMailConfigured, MAIL_NOT_CONFIGURED } from '../integrations/mail/smtp-mailer.js';
import {
  createLicenceReportSender,
  loadReportSettings,
  parseReportSettings,
  REPORT_SETTINGS_KEY,
} from './licence-insight-report-send.js';
import { endpointRegistrar } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'resolvePrincipal' | 'now' | 'audit' | 'config'>;

/** The weekly licence insight report (settings.manage): its settings and "Send now". */
export function registerLicenceInsightReportRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const sendReport = createLicenceReportSender(deps);
  const emailAvailable = isMailConfigured(deps.config.smtp);
  const view = (settings: ReportSettings) => ({
    ...settings,
    schedule: licenceInsightReportJob.schedule?.cron ?? '',
    emailAvailable,
  });

  on(getReportSettings, async () => view(await loadReportSettings(deps.db)));

  on(updateReportSettings, async ({ body, principal, request }) => {
    const current = await loadReportSettings(deps.db);
    const settings: ReportSettings = {
      ...body,
      emailRecipients: body.emailRecipients ?? current.emailRecipients,
    };
    if (!emailAvailable) {
      // Recipients saved before the SMTP settings were removed may stay (or go); new ones cannot come.
      const known = new Set(current.emailRecipients.map((a) => a.toLowerCase()));
      const added = settings.emailRecipients
        .map((address, index) => ({ address, index }))
        .filter(({ address }) => !known.has(address.toLowerCase()));
      if (added.length > 0) {
        throw new ApiHttpError(
          'validation_failed',
          `E-mail recipients cannot be saved: ${MAIL_NOT_CONFIGURED}.`,
          added.map(({ index }) => ({ field: `emailRecipients.${index}`, message: MAIL_NOT_CONFIGURED })),
        );
      }
    }
    return audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const before = await createSettingsRepository(tx).put(REPORT_SETTINGS_KEY, settings, deps.now());
      await record({
        action: 'settings.licence-insight-report.updated',
        target: { type: 'settings', id: REPORT_SETTINGS_KEY },
        before: parseReportSettings(before),
        after: settings,
      });
      return view(settings);
    });
  });

  on(sendReportNow, async ({ principal, request }) => {
    const outcome = await sendReport('manual');
    if (outcome.skipped) {
      throw new ApiHttpError(
        'validation_failed',
        'Add a webhook URL or an e-mail recipient to the report first, then send it.',
        [
          { field: 'webhookUrls', message: 'the report has no webhook URL' },
          { field: 'emailRecipients', message: 'the report has no e-mail recipient' },
        ],
      );
    }
    await deps.audit.record({
      ...auditSource(principal, request),
      action: 'licence-insight.report.sent',
      target: { type: 'settings', id: REPORT_SETTINGS_KEY },
      after: {
        deliveries: outcome.deliveries.map(({ url, ok, status }) => ({ url, ok, status })),
        emailDeliveries: outcome.emailDeliveries.map(({ to, ok }) => ({ to, ok })),
      },
    });
    return { deliveries: outcome.deliveries, emailDeliveries: outcome.emailDeliveries };
  });
}
