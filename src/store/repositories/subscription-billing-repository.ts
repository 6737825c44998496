import { sql } from 'drizzle-orm';
import type {
  BillingProduct,
  BillingState,
  BillingStep,
  InvoiceCandidate,
  NewLine,
  ProductPrice,
} from '../../contracts/billing.js';
import type { Database } from '../database-types.js';
import { queryRows } from '../sql-rows.js';
import { subscriptionPricingJson } from './csp-price-repository.js';

/** The state `planSubscriptionBilling` needs, less what the caller knows (settings, today). */
export type StoredBillingState = Omit<BillingState, 'settings' | 'today'>;

/** Decides the steps for one subscription's stored state (the domain's plan, bound to settings and today). */
export type BillingPlanner = (state: StoredBillingState) => BillingStep[];

export interface BillingApplied {
  productsCreated: number;
  linesAdded: number;
  adjustments: number;
}

interface SubscriptionRow {
  id: string;
  connectionId: string;
  customerId: string | null;
  friendlyName: string;
  offerName: string;
  quantity: number;
  status: string;
  removed: boolean;
  billingCycle: string | null;
  billingType: string | null;
  termDuration: string | null;
  startDate: string | null;
  commitmentEndDate: string | null;
  pricing: {
    unitPrice?: number | null;
    unitCost?: number | null;
    currency: string;
    period: 'P1M' | 'P1Y' | 'P3Y';
  } | null;
  productId: string | null;
  productPrice: number | null;
  productCurrency: string | null;
  productPricePeriod: 'P1M' | 'P1Y' | 'P3Y' | null;
  productPriceSource: BillingProduct['priceSource'] | null;
  lineId: string | null;
  lineInvoiceId: string | null;
  lineQuantity: number | null;
  linePrice: number | null;
}

const INVOICE_COLUMNS = sql`id, customer_id as "customerId", cycle, anchor_date::text as "anchorDate", currency, active,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "createdAt"`;

/**
 * The desk's billing of CSP subscriptions (docs/billing.md): products created from subscriptions,
 * and their lines on recurring invoices. `reconcile` locks the subscriptions, reads their billing
 * state, asks the planner, and applies its steps in one transaction; every automatic line has a
 * unique source key and quantity updates are conditional on the quantity read, so two workers (or
 * a retry after a crash) never bill a change twice.
 */
export function createSubscriptionBillingRepository(db: Database) {
  return {
    /** Reconciles the given desk subscriptions (csp_subscriptions ids) of one connection. */
    async reconcile(subscriptionIds: readonly string[], plan: BillingPlanner): Promise<BillingApplied> {
      const applied: BillingApplied = { productsCreated: 0, linesAdded: 0, adjustments: 0 };
      if (subscriptionIds.length === 0) return applied;
      await db.transaction(async (tx) => {
        const ids = sql.join(
          [...new Set(subscriptionIds)].sort().map((id) => sql`${id}::uuid`),
          sql`, `,
        );
        // Locked in id order: reconciles of overlapping sets wait for each other, never deadlock.
        await tx.execute(sql`select id from csp_subscriptions where id in (${ids}) order by id for update`);
        const rows = await queryRows<SubscriptionRow>(
          tx,
          sql`select s.id, s.connection_id as "connectionId", s.customer_id as "customerId",
                     s.friendly_name as "friendlyName", s.offer_name as "offerName", s.quantity, s.status,
                     s.removed_at is not null as removed, s.billing_cycle as "billingCycle", s.details ->> 'billingType' as "billingType",
                     s.term_duration as "termDuration",
                     coalesce(s.start_date, (s.created_on at time zone 'UTC')::date)::text as "startDate",
                     s.commitment_end_date::text as "commitmentEndDate",
                     ${subscriptionPricingJson('s')} as pricing,
                     p.id as "productId", p.unit_price::float8 as "productPrice", p.currency as "productCurrency",
                     p.price_period as "productPricePeriod", p.price_source as "productPriceSource",
                     l.id as "lineId", l.invoice_id as "lineInvoiceId", l.quantity::float8 as "lineQuantity", l.unit_price::float8 as "linePrice"
                from csp_subscriptions s
                left join products p on p.csp_subscription_id = s.id
                left join recurring_invoice_lines l on l.csp_subscription_id = s.id and l.kind = 'recurring'
               where s.id in (${ids})
               order by s.id`,
        );
        const customers = [...new Set(rows.map((r) => r.customerId).filter((c): c is string => c !== null))];
        const invoices =
          customers.length === 0
            ? []
            : await queryRows<InvoiceCandidate>(
                tx,
                sql`select ${INVOICE_COLUMNS} from recurring_invoices
                     where customer_id in (${sql.join(
                       customers.map((c) => sql`${c}::uuid`),
                       sql`, `,
                     )})`,
              );
        const lineInvoiceIds = rows.map((r) => r.lineInvoiceId).filter((id): id is string => id !== null);
        const lineInvoices =
          lineInvoiceIds.length === 0
            ? []
            : await queryRows<InvoiceCandidate>(
                tx,
                sql`select ${INVOICE_COLUMNS} from recurring_invoices where id in (${sql.join(
                  lineInvoiceIds.map((id) => sql`${id}::uuid`),
                  sql`, `,
                )})`,
              );
        for (const row of rows) {
          const steps = plan(stateOf(row, invoices, lineInvoices));
          await applySteps(tx, row, steps, applied);
        }
      });
      return applied;
    },

    /** The connection's current subscriptions (ids), for a reconcile of all of them. */
    async subscriptionIds(connectionId: string, tenantId?: string): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select id from csp_subscriptions where connection_id = ${connectionId}
             ${tenantId ? sql`and tenant_id = ${tenantId}` : sql``} order by id`,
      );
      return rows.map((r) => r.id);
    },
  };
}

export type SubscriptionBillingRepository = ReturnType<typeof createSubscriptionBillingRepository>;

function stateOf(
  row: SubscriptionRow,
  invoices: readonly InvoiceCandidate[],
  lineInvoices: readonly InvoiceCandidate[],
): StoredBillingState {
  const price =
    row.pricing && (row.pricing.unitPrice != null || row.pricing.unitCost != null)
      ? {
          unitPrice: row.pricing.unitPrice ?? null,
          unitCost: row.pricing.unitCost ?? null,
          currency: row.pricing.currency,
          period: row.pricing.period,
        }
      : null;
  return {
    subscription: {
      id: row.id,
      customerId: row.customerId,
      friendlyName: row.friendlyName,
      offerName: row.offerName,
      quantity: row.quantity,
      status: row.status,
      removed: row.removed,
      billingCycle: row.billingCycle,
      billingType: row.billingType,
      termDuration: row.termDuration,
      startDate: row.startDate,
      commitmentEndDate: row.commitmentEndDate,
      price,
    },
    product: row.productId
      ? {
          id: row.productId,
          unitPrice: row.productPrice,
          currency: row.productCurrency,
          pricePeriod: row.productPricePeriod ?? 'P1M',
          priceSource: row.productPriceSource ?? 'none',
        }
      : null,
    line:
      row.lineId && row.lineInvoiceId
        ? {
            id: row.lineId,
            invoiceId: row.lineInvoiceId,
            quantity: row.lineQuantity ?? 0,
            unitPrice: row.linePrice,
          }
        : null,
    lineInvoice: lineInvoices.find((inv) => inv.id === row.lineInvoiceId) ?? null,
    invoices,
  };
}

function priceColumns(price: ProductPrice) {
  return sql`unit_price = ${price.unitPrice}, unit_cost = ${price.unitCost}, currency = ${price.currency},
             price_period = ${price.pricePeriod}, price_source = ${price.priceSource}`;
}

async function applySteps(
  tx: Database,
  row: SubscriptionRow,
  steps: readonly BillingStep[],
  applied: BillingApplied,
): Promise<void> {
  let productId = row.productId;
  for (const step of steps) {
    switch (step.kind) {
      case 'createProduct': {
        const [created] = await queryRows<{ id: string }>(
          tx,
          sql`insert into products (name, customer_id, connection_id, csp_subscription_id, unit_price, unit_cost,
                                    currency, price_period, price_source)
              values (${step.name}, ${row.customerId}, ${row.connectionId}, ${row.id}, ${step.price.unitPrice},
                      ${step.price.unitCost}, ${step.price.currency}, ${step.price.pricePeriod}, ${step.price.priceSource})
              on conflict (csp_subscription_id) do nothing
              returning id`,
        );
        if (created) {
          productId = created.id;
          applied.productsCreated += 1;
        }
        break;
      }
      case 'updateProductPrice':
        await tx.execute(
          sql`update products set ${priceColumns(step.price)}, updated_at = clock_timestamp()
               where id = ${step.productId} and price_source <> 'manual'`,
        );
        break;
      case 'addLines':
        for (const line of step.lines) {
          if (await insertLine(tx, row.id, productId, line)) applied.linesAdded += 1;
        }
        break;
      case 'setBilledQuantity': {
        const updated = await queryRows<{ id: string }>(
          tx,
          sql`update recurring_invoice_lines
                 set quantity = ${step.quantity},
                     amount = round(${step.quantity} * unit_price * period_fraction, 2),
                     updated_at = clock_timestamp()
               where id = ${step.lineId} and quantity = ${step.from}
               returning id`,
        );
        if (
          updated.length > 0 &&
          step.adjustment &&
          (await insertLine(tx, row.id, productId, step.adjustment))
        ) {
          applied.adjustments += 1;
        }
        break;
      }
      case 'priceLine':
        await tx.execute(
          sql`update recurring_invoice_lines
                 set unit_price = ${step.unitPrice}, amount = round(quantity * ${step.unitPrice}::numeric * period_fraction, 2),
                     updated_at = clock_timestamp()
               where id = ${step.lineId} and unit_price is null`,
        );
        break;
      case 'note':
        if (productId) {
          await tx.execute(
            sql`update products set billing_note = ${step.note}, updated_at = clock_timestamp()
                 where id = ${productId} and billing_note is distinct from ${step.note}`,
          );
        }
        break;
    }
  }
}

/** Inserts an automatic line unless its source key exists; true when written. */
async function insertLine(tx: Database, subscriptionId: string, productId: string | null, line: NewLine) {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into recurring_invoice_lines
          (invoice_id, kind, description, product_id, csp_subscription_id, quantity, unit_price, period_fraction,
           amount, currency, period_start, period_end, source_key)
        values (${line.invoiceId}, ${line.kind}, ${line.description}, ${productId}, ${subscriptionId}, ${line.quantity},
                ${line.unitPrice}, ${line.periodFraction}, ${line.amount}, ${line.currency}, ${line.periodStart},
                ${line.periodEnd}, ${line.sourceKey})
        on conflict do nothing
        returning id`,
  );
  return rows.length > 0;
}
