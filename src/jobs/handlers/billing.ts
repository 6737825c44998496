import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { JobLogger } from '../connection.js';
import type { JobHandler } from '../runtime.js';

/** What the `billing` family's handlers need (wired in src/api/integrations/billing). */
export interface BillingJobDeps {
  /** Reconciles one CSP connection's billing, or every connection that imports products. */
  reconcile(connectionId: string | undefined): Promise<{
    connections: number;
    productsCreated: number;
    linesAdded: number;
    adjustments: number;
  }>;
  logger?: JobLogger;
}

export function createReconcileBillingHandler(
  deps: BillingJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'billing.reconcile'>> {
  return async (payload, context) => {
    const result = await deps.reconcile(payload.connectionId);
    deps.logger?.info({ job: 'billing.reconcile', id: context.id, ...result }, 'billing reconciled');
  };
}
