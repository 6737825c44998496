import {
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { primaryId } from './columns.js';
import { connections } from './connections.js';
import { customers } from './customers.js';
import { syncRuns } from './sync.js';

/**
 * A CSP connection's consumption billing settings (guide 002 "Consumption Billing"): currency and
 * meter category mappings, saved with compare-and-swap on `version`. Parse `config` with
 * `consumptionConfigSchema` before use.
 */
export const cspConsumptionConfigs = pgTable('csp_consumption_configs', {
  connectionId: uuid('connection_id')
    .primaryKey()
    .references(() => connections.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  config: jsonb('config').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/**
 * A customer's Azure usage in a billing period, summed per subscription and meter from
 * Microsoft's daily rated usage. A run replaces a period's rows of its connection in one
 * transaction, so re-runs never count usage twice.
 */
export const cspUsage = pgTable(
  'csp_usage',
  {
    id: primaryId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** `YYYY-MM`: the calendar month the usage was charged in. */
    period: text('period').notNull(),
    /** Partner Center's Azure plan subscription id. */
    subscriptionId: text('subscription_id').notNull(),
    meterCategory: text('meter_category').notNull(),
    meterSubCategory: text('meter_sub_category').notNull(),
    meterName: text('meter_name').notNull(),
    unit: text('unit').notNull(),
    quantity: numeric('quantity', { precision: 20, scale: 6, mode: 'number' }).notNull(),
    /** `BillingPreTaxTotal` summed: the partner's cost before tax, in `currency`. */
    cost: numeric('cost', { precision: 18, scale: 6, mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** Daily line items summed into the row. */
    lineItems: integer('line_items').notNull(),
    syncRunId: uuid('sync_run_id').references(() => syncRuns.id, { onDelete: 'set null' }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('csp_usage_meter').on(
      t.connectionId,
      t.tenantId,
      t.period,
      t.subscriptionId,
      t.meterCategory,
      t.meterSubCategory,
      t.meterName,
      t.unit,
      t.currency,
    ),
    index('csp_usage_customer_period').on(t.customerId, t.period),
  ],
);
