import type { ServerConfig } from '../../../contracts/config.js';
import type { JobLogger, JobRuntime, NotificationJobDeps } from '../../../jobs/index.js';
import type { Database, SecretBox } from '../../../store/index.js';
import { maintainSubscriptions } from '../../../sync/notifications/index.js';
import type { MicrosoftIntegration } from '../microsoft.js';
import { queueNotifiedSync } from './notified-sync.js';
import { createMaintainPorts } from './subscription-ports.js';

export interface NotificationJobWiring {
  db: Database;
  config: ServerConfig;
  /** The instance's secret box (connections' credentials), loaded when first needed. */
  secrets(): Promise<SecretBox>;
  microsoft: MicrosoftIntegration;
  now: () => Date;
  /** The runtime the handlers run in (they queue syncs on it). */
  jobs(): JobRuntime;
  logger?: JobLogger;
}

/** The `notifications` job family's dependencies over the store, Graph and the queue. */
export function createNotificationJobDeps(wiring: NotificationJobWiring): NotificationJobDeps {
  const sync = (target: { connectionId: string; tenantId: string }) =>
    queueNotifiedSync({ db: wiring.db, jobs: wiring.jobs() }, target);
  return {
    async maintainSubscriptions(request, signal) {
      const deps = {
        db: wiring.db,
        config: wiring.config,
        secrets: await wiring.secrets(),
        microsoft: wiring.microsoft,
        now: wiring.now,
      };
      const ports = createMaintainPorts(deps, {
        signal,
        // Changes made while the subscription was lost were not notified: read them now.
        catchUp: async (connectionId, tenantId) => void (await sync({ connectionId, tenantId })),
      });
      return maintainSubscriptions(ports, request);
    },
    async syncNotifiedTenant(target) {
      const queued = await sync(target);
      wiring.logger?.debug(
        { job: 'notifications.changed', ...target, queued },
        'notified tenant sync queued',
      );
    },
    ...(wiring.logger ? { logger: wiring.logger } : {}),
  };
}
