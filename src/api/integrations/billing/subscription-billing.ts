import { z } from 'zod';
import { DEFAULT_PRODUCT_IMPORT_MODE, PRODUCT_IMPORT_MODES } from '../../../contracts/api/billing.js';
import type { BillingSettings } from '../../../contracts/billing.js';
import { planSubscriptionBilling } from '../../../domain/billing/plan-subscription-billing.js';
import type { BillingJobDeps } from '../../../jobs/index.js';
import {
  createConnectionRepository,
  createSubscriptionBillingRepository,
  type BillingApplied,
  type ConnectionRepository,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../../store/index.js';

/** Where a CSP connection keeps guide 002's "Import Products and create Invoice lines" choice. */
export const IMPORT_PRODUCTS_SETTING = 'importProducts';
/** The day invoice lines were switched on: subscriptions bought before it are not "new". */
export const INVOICE_LINES_FROM_SETTING = 'invoiceLinesFrom';

const settingsSchema = z.object({
  [IMPORT_PRODUCTS_SETTING]: z.enum(PRODUCT_IMPORT_MODES).catch(DEFAULT_PRODUCT_IMPORT_MODE),
  [INVOICE_LINES_FROM_SETTING]: z.iso.date().nullable().catch(null),
});

/** The connection's billing settings (read leniently: a value another version wrote means "off"). */
export function billingSettingsOf(connection: Pick<ConnectionSummary, 'settings'>): BillingSettings {
  const parsed = settingsSchema.parse({
    [IMPORT_PRODUCTS_SETTING]: DEFAULT_PRODUCT_IMPORT_MODE,
    [INVOICE_LINES_FROM_SETTING]: null,
    ...connection.settings,
  });
  return { mode: parsed[IMPORT_PRODUCTS_SETTING], linesFrom: parsed[INVOICE_LINES_FROM_SETTING] };
}

/** Today's date in UTC (`YYYY-MM-DD`): billing counts calendar days. */
export function billingDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

const CHUNK = 200;

/**
 * Brings the desk's billing of these subscriptions (csp_subscriptions ids) of one CSP connection
 * in line with what the desk now holds of them (docs/billing.md). Safe to call any number of
 * times, from anywhere that changed a subscription: it plans from state, so only the first call
 * after a change writes anything.
 */
export async function reconcileSubscriptionBilling(
  db: Database,
  connection: Pick<ConnectionSummary, 'settings' | 'kind'>,
  subscriptionIds: readonly string[],
  now: Date,
): Promise<BillingApplied> {
  const total: BillingApplied = { productsCreated: 0, linesAdded: 0, adjustments: 0 };
  const settings = billingSettingsOf(connection);
  if (connection.kind !== 'csp' || settings.mode === 'none') return total;
  const today = billingDay(now);
  const repo = createSubscriptionBillingRepository(db);
  for (let i = 0; i < subscriptionIds.length; i += CHUNK) {
    const applied = await repo.reconcile(subscriptionIds.slice(i, i + CHUNK), (state) =>
      planSubscriptionBilling({ ...state, settings, today }),
    );
    total.productsCreated += applied.productsCreated;
    total.linesAdded += applied.linesAdded;
    total.adjustments += applied.adjustments;
  }
  return total;
}

/** {@link reconcileSubscriptionBilling} for every subscription of the connection (or of one tenant). */
export async function reconcileConnectionBilling(
  db: Database,
  connection: Pick<ConnectionSummary, 'id' | 'settings' | 'kind'>,
  now: Date,
  tenantId?: string,
): Promise<BillingApplied> {
  if (connection.kind !== 'csp' || billingSettingsOf(connection).mode === 'none') {
    return { productsCreated: 0, linesAdded: 0, adjustments: 0 };
  }
  const ids = await createSubscriptionBillingRepository(db).subscriptionIds(connection.id, tenantId);
  return reconcileSubscriptionBilling(db, connection, ids, now);
}

/**
 * The `billing.reconcile` job's side: one CSP connection, or every active CSP connection whose
 * setting imports products.
 */
export function createBillingJobDeps(deps: {
  db: Database;
  secrets: () => Promise<SecretBox>;
  now: () => Date;
  logger?: BillingJobDeps['logger'];
}): BillingJobDeps {
  return {
    ...(deps.logger ? { logger: deps.logger } : {}),
    async reconcile(connectionId) {
      const repo = createConnectionRepository(deps.db, await deps.secrets());
      const all = connectionId ? [await repo.findById(connectionId)] : await allCspConnections(repo);
      const total = { connections: 0, productsCreated: 0, linesAdded: 0, adjustments: 0 };
      for (const connection of all) {
        if (!connection || connection.kind !== 'csp' || connection.inactive) continue;
        if (billingSettingsOf(connection).mode === 'none') continue;
        const applied = await reconcileConnectionBilling(deps.db, connection, deps.now());
        total.connections += 1;
        total.productsCreated += applied.productsCreated;
        total.linesAdded += applied.linesAdded;
        total.adjustments += applied.adjustments;
      }
      return total;
    },
  };
}

async function allCspConnections(repo: ConnectionRepository): Promise<ConnectionSummary[]> {
  const all: ConnectionSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.list({ kind: 'csp', inactive: false, limit: 200, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
