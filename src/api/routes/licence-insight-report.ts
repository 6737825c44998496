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
import {
  createLicenceReportSender,
  loadReportSettings,
  parseReportSettings,
  REPORT_SETTINGS_KEY,
} from './licence-insight-report-send.js';
import { endpointRegistrar } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'resolvePrincipal' | 'now' | 'audit'>;

const view = (settings: ReportSettings) => ({
  ...settings,
  schedule: licenceInsightReportJob.schedule?.cron ?? '',
});

/** The weekly licence insight report (settings.manage): its settings and "Send now". */
export function registerLicenceInsightReportRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const sendReport = createLicenceReportSender(deps);

  on(getReportSettings, async () => view(await loadReportSettings(deps.db)));

  on(updateReportSettings, ({ body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const before = await createSettingsRepository(tx).put(REPORT_SETTINGS_KEY, body, deps.now());
      await record({
        action: 'settings.licence-insight-report.updated',
        target: { type: 'settings', id: REPORT_SETTINGS_KEY },
        before: parseReportSettings(before),
        after: body,
      });
      return view(body);
    }),
  );

  on(sendReportNow, async ({ principal, request }) => {
    const outcome = await sendReport('manual');
    if (outcome.skipped) {
      throw new ApiHttpError('validation_failed', 'Add a webhook URL to the report first, then send it.', [
        { field: 'webhookUrls', message: 'the report has no webhook URL' },
      ]);
    }
    await deps.audit.record({
      ...auditSource(principal, request),
      action: 'licence-insight.report.sent',
      target: { type: 'settings', id: REPORT_SETTINGS_KEY },
      after: { deliveries: outcome.deliveries.map(({ url, ok, status }) => ({ url, ok, status })) },
    });
    return { deliveries: outcome.deliveries };
  });
}
