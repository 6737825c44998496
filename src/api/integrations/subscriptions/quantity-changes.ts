import { randomUUID } from 'node:crypto';
import type { JobRuntime, SubscriptionJobDeps } from '../../../jobs/index.js';
import { MicrosoftError } from '../../../microsoft/index.js';
import { createSubscriptionChangeRepository } from '../../../store/index.js';
import { subscriptionFromPartnerCenter } from '../../../domain/licences/imported.js';
import { sendQuantityChange } from '../../../workflows/subscriptions/send-quantity-change.js';
import { reconcileSubscriptionBilling } from '../billing/subscription-billing.js';
import {
  connectionPartnerCenter,
  cspConnection,
  quantityChanger,
  type SubscriptionIntegrationDeps,
} from './partner-center.js';

/** A change no worker touched for this long (queued, or left mid-send) is queued again. */
const STALE_SECONDS = 120;

/**
 * The subscriptions jobs' side of the store and Partner Center: sends a queued quantity change
 * through its CSP connection, and refreshes a subscription a webhook reported.
 */
export function createSubscriptionJobDeps(
  deps: SubscriptionIntegrationDeps & {
    logger?: SubscriptionJobDeps['logger'];
    /** Queues a licences run for a subscription the desk has not imported yet. */
    jobs?: () => Pick<JobRuntime, 'enqueue'>;
  },
): SubscriptionJobDeps {
  const repo = createSubscriptionChangeRepository(deps.db);
  return {
    ...(deps.logger ? { logger: deps.logger } : {}),
    stale: (limit) => repo.stale(STALE_SECONDS, limit),
    async send(actionId) {
      const change = await repo.pending(actionId);
      if (!change) return 'settled';
      const connection = await cspConnection(deps, change.connectionId);
      const fail = async (code: string, message: string) => {
        await repo.recordFailure(change.id, {
          status: 'failed',
          request: null,
          response: null,
          error: { code, message },
        });
        return 'failed' as const;
      };
      if (!connection || connection.inactive) {
        return fail(
          'connection.unusable',
          'The CSP connection this change was queued on is gone or inactive; request it again.',
        );
      }
      let partnerCenter;
      try {
        partnerCenter = await connectionPartnerCenter(deps, connection, randomUUID());
      } catch (error) {
        return fail(
          'connection.unusable',
          `The connection "${connection.name}" cannot reach Partner Center: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const outcome = await sendQuantityChange(change, {
        change: quantityChanger(partnerCenter.pc, partnerCenter.recorded),
        recorder: repo,
        now: deps.now,
      });
      // Seats Partner Center confirmed are billed now (a pro-rata adjustment when invoice lines are on).
      if (outcome === 'succeeded') {
        await reconcileSubscriptionBilling(deps.db, connection, [change.subscriptionRowId], deps.now());
      }
      return outcome;
    },
    async refresh({ connectionId, customerTenantId, subscriptionId }) {
      const connection = await cspConnection(deps, connectionId);
      if (!connection || connection.inactive) return;
      const { pc } = await connectionPartnerCenter(deps, connection, randomUUID());
      let item;
      try {
        item = await pc.subscription(customerTenantId, subscriptionId);
      } catch (error) {
        // A subscription Partner Center does not know for this partner: nothing to update.
        if (error instanceof MicrosoftError && !error.retryable) {
          deps.logger?.info(
            { job: 'subscriptions.refresh', subscriptionId, code: error.code },
            'subscription not refreshed',
          );
          return;
        }
        throw error;
      }
      const updated = await repo.refreshFromPartnerCenter(connectionId, subscriptionFromPartnerCenter(item));
      if (updated) await reconcileSubscriptionBilling(deps.db, connection, [updated.id], deps.now());
      // A subscription bought elsewhere: the tenant's licences run imports it (and bills it) now,
      // rather than at the next scheduled run. Unmapped tenants are skipped by the run itself.
      else if (deps.jobs) {
        await deps.jobs().enqueue('sync.tenant', {
          connectionId,
          tenantId: customerTenantId,
          module: 'licences',
          trigger: 'notification',
        });
      }
      deps.logger?.info(
        { job: 'subscriptions.refresh', subscriptionId, updated: updated ?? null },
        'subscription refreshed',
      );
    },
  };
}
