import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LicenceServicePlan } from '../../contracts/licences/imported.js';
import { primaryId, timestamps } from './columns.js';
import { connections } from './connections.js';
import { customers } from './customers.js';
import { deskUsers } from './desk-users.js';

/**
 * A Microsoft licence (SKU) a customer tenant holds, with its seat counts as last imported
 * (Partner Center `subscribedskus` or Graph `subscribedSkus`). Imported rows are read-only in the
 * desk except `extra`; a SKU no longer returned gets `removed_at` (only an administrator deletes).
 */
export const customerLicences = pgTable(
  'customer_licences',
  {
    id: primaryId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    /** The desk customer the tenant is mapped to when imported (null: unmapped since). */
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    skuId: uuid('sku_id').notNull(),
    skuPartNumber: text('sku_part_number').notNull(),
    /** A readable product name ("Microsoft 365 Business Premium"); the part number when unknown. */
    friendlyName: text('friendly_name').notNull(),
    /** Microsoft's capabilityStatus: Enabled, Warning, Suspended, Deleted, LockedOut. */
    capabilityStatus: text('capability_status').notNull(),
    totalUnits: integer('total_units').notNull().default(0),
    consumedUnits: integer('consumed_units').notNull().default(0),
    suspendedUnits: integer('suspended_units').notNull().default(0),
    warningUnits: integer('warning_units').notNull().default(0),
    lockedOutUnits: integer('locked_out_units').notNull().default(0),
    /**
     * The SKU's service plans as Graph `subscribedSkus` lists them (Entra connections; empty from
     * Partner Center): the ids a licence change may leave off (`disabledPlans`).
     */
    servicePlans: jsonb('service_plans').$type<LicenceServicePlan[]>().notNull().default([]),
    /** Where the counts came from: `partnerCenter` or `graph`. */
    source: text('source').notNull(),
    /** Desk-owned data an agent may edit (notes, internal reference); never overwritten by a sync. */
    extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    unique('customer_licences_sku_key').on(t.connectionId, t.tenantId, t.skuId),
    index('customer_licences_customer_idx').on(t.customerId),
    // A holding's licence by (tenant, SKU), whatever the connection (licence insight's holders).
    index('customer_licences_tenant_sku_idx').on(t.tenantId, t.skuId),
  ],
);

/**
 * A CSP subscription (Partner Center, direct partners): offer, quantity, term and dates as last
 * imported. Read-only in the desk except `extra`; a subscription no longer returned gets
 * `removed_at`.
 */
export const cspSubscriptions = pgTable(
  'csp_subscriptions',
  {
    id: primaryId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    /** Partner Center's subscription id. */
    subscriptionId: text('subscription_id').notNull(),
    offerId: text('offer_id').notNull(),
    offerName: text('offer_name').notNull(),
    friendlyName: text('friendly_name').notNull(),
    quantity: integer('quantity').notNull(),
    unitType: text('unit_type'),
    /** active, suspended, deleted, expired, pending, disabled, … */
    status: text('status').notNull(),
    /** ISO 8601 duration: P1M, P1Y, P3Y. */
    termDuration: text('term_duration'),
    /** monthly, annual, triennial, none. */
    billingCycle: text('billing_cycle'),
    autoRenew: boolean('auto_renew').notNull().default(false),
    isTrial: boolean('is_trial').notNull().default(false),
    createdOn: timestamp('created_on', { withTimezone: true }),
    startDate: date('start_date'),
    /** The end of the current commitment (the renewal date). */
    commitmentEndDate: date('commitment_end_date'),
    /**
     * Price and cost per seat from the pricing import's price sheet (offer, term, billing plan,
     * effective today): null when not matched (unknown, never zero). `pricing_period` is the span one
     * amount pays for: P1M, P1Y or P3Y (monthly, annual, triennial billing).
     */
    unitCost: numeric('unit_cost', { precision: 14, scale: 4, mode: 'number' }),
    unitPrice: numeric('unit_price', { precision: 14, scale: 4, mode: 'number' }),
    currency: text('currency'),
    pricingPeriod: text('pricing_period'),
    pricedAt: timestamp('priced_at', { withTimezone: true }),
    /** Partner Center's raw item for what the columns do not hold (links, refund options, …). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    unique('csp_subscriptions_subscription_key').on(t.connectionId, t.subscriptionId),
    index('csp_subscriptions_customer_idx').on(t.customerId),
  ],
);

/**
 * The licences a desk user holds in Microsoft (from the user's `assignedLicenses` and
 * `licenseAssignmentStates`), joined to `customer_licences` by (tenant, SKU). `via_group`: inherited
 * from a group (not removable on the user).
 */
export const deskUserLicences = pgTable(
  'desk_user_licences',
  {
    deskUserId: uuid('desk_user_id')
      .notNull()
      .references(() => deskUsers.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    skuId: uuid('sku_id').notNull(),
    disabledPlans: uuid('disabled_plans').array().notNull().default([]),
    viaGroup: boolean('via_group').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.deskUserId, t.skuId] }),
    index('desk_user_licences_sku_idx').on(t.tenantId, t.skuId),
  ],
);
