import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { JobRuntime } from '../runtime.js';
import { createReconcileBillingHandler, type BillingJobDeps } from './billing.js';
import {
  createSendLicenceChangesHandler,
  createSweepLicenceChangesHandler,
  type LicenceChangeJobDeps,
} from './licence-changes.js';
import { createLicenceReportHandler, type LicenceInsightJobDeps } from './licence-insight.js';
import {
  createMaintainSubscriptionsHandler,
  createNotifiedChangeHandler,
  type NotificationJobDeps,
} from './notifications.js';
import {
  createNotifyRequestHandler,
  createRunRequestHandler,
  createSweepRequestsHandler,
  type RequestJobDeps,
} from './requests.js';
import { createEnforceHrHandler, createSweepHrHandler, type HrJobDeps } from './hr.js';
import { createPurgeSessionsHandler, type SessionJobDeps } from './sessions.js';
import {
  createRefreshSubscriptionHandler,
  createSendQuantityChangeHandler,
  createSweepQuantityChangesHandler,
  type SubscriptionJobDeps,
} from './subscriptions.js';
import { createIntegratorTickHandler, createSyncTenantHandler, type SyncJobDeps } from './sync.js';
import { createPingHandler, type SystemJobDeps } from './system.js';

/** Everything Rollcall's handlers need, narrowed per family. */
export type JobHandlerDeps = SystemJobDeps &
  SessionJobDeps & {
    /** Graph change notifications; without them (tests of other families) those jobs wait unworked. */
    notifications?: NotificationJobDeps;
    /** The integrator (scheduled sync); without it (tests of other families) its jobs wait unworked. */
    integrator?: SyncJobDeps['integrator'];
    /** The licence insight report; without it (tests of other families) its job waits unworked. */
    licenceInsight?: LicenceInsightJobDeps;
    /** Licence changes from the desk; without them (tests of other families) their jobs wait unworked. */
    licenceChanges?: LicenceChangeJobDeps;
    /** CSP subscription quantity changes and webhook refreshes; without them their jobs wait unworked. */
    subscriptions?: SubscriptionJobDeps;
    /** Products and invoice lines of CSP subscriptions; without them its job waits unworked. */
    billing?: BillingJobDeps;
    /** New-starter and leaver automations; without them their jobs wait unworked. */
    requests?: RequestJobDeps;
    /** HR-driven lifecycle enforcement; without it its jobs wait unworked. */
    hr?: HrJobDeps;
  };

/**
 * Registers the handler of every job in Rollcall's catalogue. One line per family; call it on
 * every runtime (in a `workers: false` runtime the handlers are kept but do not run).
 */
export function registerJobHandlers(runtime: JobRuntime<RollcallJobCatalogue>, deps: JobHandlerDeps): void {
  runtime.work('system.ping', createPingHandler(deps));
  if (deps.billing) runtime.work('billing.reconcile', createReconcileBillingHandler(deps.billing));
  runtime.work('sessions.purge', createPurgeSessionsHandler(deps));
  if (deps.integrator) {
    const sync = { ...deps, integrator: deps.integrator, queue: runtime };
    runtime.work('sync.tenant', createSyncTenantHandler(sync));
    runtime.work('sync.integrator-tick', createIntegratorTickHandler(sync));
  }
  if (deps.notifications) {
    runtime.work('notifications.maintain', createMaintainSubscriptionsHandler(deps.notifications));
    runtime.work('notifications.changed', createNotifiedChangeHandler(deps.notifications));
  }
  if (deps.licenceInsight)
    runtime.work('licence-insight.report', createLicenceReportHandler(deps.licenceInsight));
  if (deps.licenceChanges) {
    runtime.work('licences.send-changes', createSendLicenceChangesHandler(deps.licenceChanges));
    runtime.work(
      'licences.sweep-changes',
      createSweepLicenceChangesHandler({ ...deps.licenceChanges, queue: runtime }),
    );
  }
  if (deps.subscriptions) {
    runtime.work('subscriptions.send-quantity', createSendQuantityChangeHandler(deps.subscriptions));
    runtime.work(
      'subscriptions.sweep-quantity',
      createSweepQuantityChangesHandler({ ...deps.subscriptions, queue: runtime }),
    );
    runtime.work('subscriptions.refresh', createRefreshSubscriptionHandler(deps.subscriptions));
  }
  if (deps.requests) {
    runtime.work('requests.run', createRunRequestHandler(deps.requests));
    runtime.work('requests.sweep', createSweepRequestsHandler({ ...deps.requests, queue: runtime }));
    runtime.work('requests.notify', createNotifyRequestHandler(deps.requests));
  }
  if (deps.hr) {
    runtime.work('hr.enforce', createEnforceHrHandler(deps.hr));
    runtime.work('hr.sweep', createSweepHrHandler(deps.hr));
  }
}
