import { index, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { primaryId } from './columns.js';
import { connections } from './connections.js';

/**
 * Partner Center's new-commerce license-based price sheet of one marketplace, as a CSP connection's
 * pricing module last imported it (guide 002 "Subscription Pricing"). An import replaces the
 * (connection, market) rows in one transaction; subscriptions read their price and cost from here.
 */
export const cspPrices = pgTable(
  'csp_prices',
  {
    id: primaryId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    /** Two-letter marketplace: GB, US, AU, CA, NZ. */
    market: text('market').notNull(),
    productId: text('product_id').notNull(),
    skuId: text('sku_id').notNull(),
    productTitle: text('product_title').notNull(),
    skuTitle: text('sku_title').notNull(),
    /** ISO 8601 duration: P1M, P1Y, P3Y. */
    termDuration: text('term_duration').notNull(),
    /** Monthly, Annual, Triennial, … as Microsoft writes it. */
    billingPlan: text('billing_plan').notNull(),
    currency: text('currency').notNull(),
    /** The partner's cost per unit for one billing period (`UnitPrice`); null when the sheet has none. */
    unitCost: numeric('unit_cost', { precision: 14, scale: 4, mode: 'number' }),
    /** The estimated retail price per unit for one billing period (`ERP Price`). */
    unitPrice: numeric('unit_price', { precision: 14, scale: 4, mode: 'number' }),
    effectiveStart: timestamp('effective_start', { withTimezone: true }),
    effectiveEnd: timestamp('effective_end', { withTimezone: true }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Matching a subscription: (connection, market, product, sku, term, plan).
    index('csp_prices_offer_idx').on(t.connectionId, t.market, t.productId, t.skuId, t.termDuration),
  ],
);
