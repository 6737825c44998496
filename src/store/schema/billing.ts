import { sql } from 'drizzle-orm';
import { boolean, date, index, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { BILLING_CYCLES, INVOICE_LINE_KINDS } from '../../contracts/api/billing.js';
import { oneOf, primaryId, timestamps } from './columns.js';
import { connections } from './connections.js';
import { customers } from './customers.js';
import { cspSubscriptions } from './licences.js';

/**
 * A product the desk bills (Halo's "item"). Products created from a CSP subscription (guide 002
 * "Import Products and Create Invoice Lines") link to it, one product per subscription; the
 * subscription row links back through this unique column. See docs/billing.md.
 */
export const products = pgTable(
  'products',
  {
    id: primaryId(),
    name: text('name').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'set null' }),
    cspSubscriptionId: uuid('csp_subscription_id').references(() => cspSubscriptions.id, {
      onDelete: 'set null',
    }),
    /** Price to the customer and cost to the partner, per `price_period`; null when unknown. */
    unitPrice: numeric('unit_price', { precision: 14, scale: 4, mode: 'number' }),
    unitCost: numeric('unit_cost', { precision: 14, scale: 4, mode: 'number' }),
    currency: text('currency'),
    pricePeriod: text('price_period').notNull().default('P1M'),
    /** pricing (follows the pricing import), manual (typed on the desk: kept), none. */
    priceSource: text('price_source').notNull().default('none'),
    /** Why the subscription is not on a recurring invoice (or without a price); null when all is well. */
    billingNote: text('billing_note'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('products_csp_subscription_key').on(t.cspSubscriptionId),
    index('products_customer_idx').on(t.customerId),
    oneOf('products_price_period_check', t.pricePeriod, ['P1M', 'P1Y', 'P3Y']),
    oneOf('products_price_source_check', t.priceSource, ['pricing', 'manual', 'none']),
  ],
);

/**
 * A customer's recurring invoice: what is billed every `cycle`, on the day (and month) of
 * `anchor_date`. New CSP subscriptions go on the newest active one billing on their schedule.
 */
export const recurringInvoices = pgTable(
  'recurring_invoices',
  {
    id: primaryId(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    reference: text('reference').notNull(),
    cycle: text('cycle').notNull(),
    anchorDate: date('anchor_date').notNull(),
    currency: text('currency').notNull(),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    index('recurring_invoices_customer_idx').on(t.customerId, t.createdAt),
    oneOf('recurring_invoices_cycle_check', t.cycle, BILLING_CYCLES),
  ],
);

/**
 * A line of a recurring invoice: a subscription's recurring charge (one per subscription), a
 * one-off pro-rata charge or adjustment, usage, or a line typed by hand. `source_key` makes every
 * automatic line unique: the same change never writes two lines, whoever notices it.
 */
export const recurringInvoiceLines = pgTable(
  'recurring_invoice_lines',
  {
    id: primaryId(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => recurringInvoices.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    cspSubscriptionId: uuid('csp_subscription_id').references(() => cspSubscriptions.id, {
      onDelete: 'set null',
    }),
    quantity: numeric('quantity', { precision: 18, scale: 4, mode: 'number' }).notNull(),
    unitPrice: numeric('unit_price', { precision: 14, scale: 4, mode: 'number' }),
    periodFraction: numeric('period_fraction', { precision: 14, scale: 8, mode: 'number' })
      .notNull()
      .default(1),
    amount: numeric('amount', { precision: 16, scale: 2, mode: 'number' }),
    currency: text('currency'),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    sourceKey: text('source_key'),
    ...timestamps(),
  },
  (t) => [
    index('recurring_invoice_lines_invoice_idx').on(t.invoiceId),
    uniqueIndex('recurring_invoice_lines_source_key').on(t.sourceKey),
    // One recurring line per subscription, whichever invoice it is on.
    uniqueIndex('recurring_invoice_lines_one_recurring_per_subscription')
      .on(t.cspSubscriptionId)
      .where(sql`${t.kind} = 'recurring'`),
    oneOf('recurring_invoice_lines_kind_check', t.kind, INVOICE_LINE_KINDS),
  ],
);
