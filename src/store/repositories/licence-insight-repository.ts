import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { customerLicences, cspSubscriptions, deskUsers } from '../schema/index.js';
import { queryRows } from '../sql-rows.js';
import { afterCursor, orderTerms, toPage, type KeysetOrder } from './keyset-page.js';
import { subscriptionPricingJson } from './csp-price-repository.js';
import { containsPattern } from './like-pattern.js';

/** The holder counts of one licence (SQL aggregates; no user is loaded). */
export interface HolderCounts {
  holders: number;
  heldByDisabled: number;
  heldByInactive: number;
  heldByUnknown: number;
  used: number;
}

/** A current licence (SKU of a customer tenant) with its seats and holder counts. */
export interface LicenceInsightRow extends HolderCounts {
  licenceId: string;
  customerId: string;
  customerName: string;
  tenantId: string;
  tenantName: string | null;
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
  capabilityStatus: string;
  source: string;
  totalUnits: number;
  consumedUnits: number;
}

/** A licence a holder holds (of the licences asked about). */
export interface HeldLicence {
  skuId: string;
  name: string;
  viaGroup: boolean;
}

/** A desk user holding at least one current licence, with those licences. */
export interface LicenceHolderRow {
  deskUserId: string;
  displayName: string;
  email: string | null;
  userPrincipalName: string | null;
  customerId: string;
  customerName: string;
  inactive: boolean;
  isServiceAccount: boolean;
  lastSignInAt: Date | null;
  licences: HeldLicence[];
}

export interface RenewalRow {
  id: string;
  subscriptionId: string;
  customerId: string;
  customerName: string;
  tenantId: string;
  tenantName: string | null;
  friendlyName: string;
  offerName: string;
  quantity: number;
  status: string;
  termDuration: string | null;
  billingCycle: string | null;
  autoRenew: boolean;
  commitmentEndDate: string;
  /** The stored pricing (unvalidated: the domain reads it). */
  pricing: unknown;
}

export interface PricedSubscriptionRow {
  quantity: number;
  pricing: unknown;
}

export interface InsightFilter {
  customerId?: string | undefined;
  /** A last sign-in before this makes an enabled holder inactive. */
  inactiveBefore: Date;
}

export interface PageOptions {
  search?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export type HolderKind = 'disabled' | 'inactive' | 'unknown';

export interface RenewalFilter {
  customerId?: string | undefined;
  /** Commitment end dates from … to, both included (YYYY-MM-DD). */
  from: string;
  to: string;
}

/**
 * Licence insight's reads: seats and holder counts per current licence, the holders behind a
 * count, renewals, and priced subscriptions. Counting happens in SQL (aggregates over
 * `desk_user_licences` ⋈ `desk_users`), so memory does not grow with the number of users.
 */
export interface LicenceInsightRepository {
  /** Every current licence (of mapped customers) with its counts: for totals. */
  allLicences(filter: InsightFilter): Promise<LicenceInsightRow[]>;
  /** One page of current licences, by product name. */
  listLicences(
    filter: InsightFilter,
    options: PageOptions & { sort?: 'name' | '-name' | undefined },
  ): Promise<Page<LicenceInsightRow>>;
  countLicences(filter: InsightFilter, options: Pick<PageOptions, 'search'>): Promise<number>;
  /** One page of the users of a kind holding current licences, by name, each with those licences. */
  listHolders(
    filter: InsightFilter & { kind: HolderKind; skuId?: string | undefined },
    options: PageOptions & { sort?: 'name' | '-name' | undefined },
  ): Promise<Page<LicenceHolderRow>>;
  countHolders(
    filter: InsightFilter & { kind: HolderKind; skuId?: string | undefined },
    options: Pick<PageOptions, 'search'>,
  ): Promise<number>;
  listRenewals(
    filter: RenewalFilter,
    options: PageOptions & { sort?: 'date' | '-date' | undefined },
  ): Promise<Page<RenewalRow>>;
  countRenewals(
    filter: RenewalFilter,
    options: Pick<PageOptions, 'search'>,
  ): Promise<{ count: number; autoRenewOff: number }>;
  /** Quantity and stored pricing of every current, active subscription: for monthly money. */
  activeSubscriptions(customerId: string | undefined): Promise<PricedSubscriptionRow[]>;
}

/** Subscriptions that renew: current and active (suspended, expired … ones do not). */
const ACTIVE_SUBSCRIPTION = sql`csp_subscriptions.removed_at is null and lower(csp_subscriptions.status) = 'active' and csp_subscriptions.customer_id is not null`;

/**
 * Where a subscription's pricing is read: the columns the pricing import sets (unit_cost,
 * unit_price, currency, pricing_period) as `{currency, unitCost, unitPrice, period}`, null when not
 * priced (see docs/licence-insight.md and docs/pricing.md).
 */
const PRICING = subscriptionPricingJson('csp_subscriptions');

const holderCountColumns = (inactiveBefore: Date) => {
  const cut = sql`${inactiveBefore.toISOString()}::timestamptz`;
  return sql`count(*)::int as holders,
    count(*) filter (where u.inactive)::int as held_by_disabled,
    count(*) filter (where not u.inactive and u.last_sign_in_at < ${cut})::int as held_by_inactive,
    count(*) filter (where not u.inactive and u.last_sign_in_at is null)::int as held_by_unknown,
    count(*) filter (where not u.inactive and u.last_sign_in_at >= ${cut})::int as used`;
};

/** The holder counts of the licence in scope (`customer_licences`), for a lateral join. */
const holderCounts = (inactiveBefore: Date) =>
  sql`select ${holderCountColumns(inactiveBefore)}
        from desk_user_licences d join desk_users u on u.id = d.desk_user_id
       where d.tenant_id = customer_licences.tenant_id and d.sku_id = customer_licences.sku_id`;

const HOLDER_COUNTS = sql`h.holders, h.held_by_disabled, h.held_by_inactive, h.held_by_unknown, h.used`;

const LICENCE_COLUMNS = sql`customer_licences.id as licence_id, customer_licences.customer_id, c.name as customer_name,
  customer_licences.tenant_id,
  (select t.name from csp_tenants t where t.connection_id = customer_licences.connection_id and t.tenant_id = customer_licences.tenant_id) as tenant_name,
  customer_licences.sku_id, customer_licences.sku_part_number, customer_licences.friendly_name,
  customer_licences.capability_status, customer_licences.source,
  customer_licences.total_units, customer_licences.consumed_units`;

interface LicenceSqlRow {
  licence_id: string;
  customer_id: string;
  customer_name: string;
  tenant_id: string;
  tenant_name: string | null;
  sku_id: string;
  sku_part_number: string;
  friendly_name: string;
  capability_status: string;
  source: string;
  total_units: number;
  consumed_units: number;
  holders: number | null;
  held_by_disabled: number | null;
  held_by_inactive: number | null;
  held_by_unknown: number | null;
  used: number | null;
}

function licenceRow(row: LicenceSqlRow): LicenceInsightRow {
  return {
    licenceId: row.licence_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    skuId: row.sku_id,
    skuPartNumber: row.sku_part_number,
    friendlyName: row.friendly_name,
    capabilityStatus: row.capability_status,
    source: row.source,
    totalUnits: row.total_units,
    consumedUnits: row.consumed_units,
    holders: row.holders ?? 0,
    heldByDisabled: row.held_by_disabled ?? 0,
    heldByInactive: row.held_by_inactive ?? 0,
    heldByUnknown: row.held_by_unknown ?? 0,
    used: row.used ?? 0,
  };
}

const where = (conditions: (SQL | undefined)[]) => {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length ? sql`where ${sql.join(present, sql` and `)}` : sql``;
};

function licenceConditions(filter: InsightFilter, search: string | undefined): (SQL | undefined)[] {
  const pattern = containsPattern(search);
  return [
    sql`customer_licences.removed_at is null`,
    filter.customerId ? sql`customer_licences.customer_id = ${filter.customerId}` : undefined,
    pattern
      ? sql`(customer_licences.friendly_name ilike ${pattern} or customer_licences.sku_part_number ilike ${pattern} or c.name ilike ${pattern})`
      : undefined,
  ];
}

const licenceOrder = (sort: 'name' | '-name' | undefined): KeysetOrder => ({
  expression: sql`lower(${customerLicences.friendlyName}) collate "C"`,
  type: 'text',
  id: customerLicences.id,
  idType: 'uuid',
  direction: sort === '-name' ? 'desc' : 'asc',
});

/** Whether a desk user is a holder of this kind: a state of the user, not of a licence. */
const HOLDER_KIND: Record<HolderKind, (cut: SQL) => SQL> = {
  disabled: () => sql`desk_users.inactive`,
  inactive: (cut) => sql`not desk_users.inactive and desk_users.last_sign_in_at < ${cut}`,
  unknown: () => sql`not desk_users.inactive and desk_users.last_sign_in_at is null`,
};

type HolderFilter = InsightFilter & { kind: HolderKind; skuId?: string | undefined };

/** The user's holdings of current licences of a customer (only `skuId`'s when given). */
const heldBy = (skuId: string | undefined) =>
  sql`from desk_user_licences d
      where d.desk_user_id = desk_users.id
        ${skuId ? sql`and d.sku_id = ${skuId}` : sql``}
        and exists (select 1 from customer_licences l where l.tenant_id = d.tenant_id and l.sku_id = d.sku_id
                     and l.removed_at is null and l.customer_id is not null)`;

function holderConditions(filter: HolderFilter, search: string | undefined): (SQL | undefined)[] {
  const pattern = containsPattern(search);
  const cut = sql`${filter.inactiveBefore.toISOString()}::timestamptz`;
  return [
    HOLDER_KIND[filter.kind](cut),
    filter.customerId ? sql`desk_users.customer_id = ${filter.customerId}` : undefined,
    sql`exists (select 1 ${heldBy(filter.skuId)})`,
    pattern
      ? sql`(desk_users.display_name ilike ${pattern} or desk_users.email ilike ${pattern} or desk_users.user_principal_name ilike ${pattern})`
      : undefined,
  ];
}

/** By name: the users list's own order and index (`desk_users_name_key_idx`). */
const holderOrder = (sort: 'name' | '-name' | undefined): KeysetOrder => ({
  expression: sql`lower(${deskUsers.displayName}) collate "C"`,
  type: 'text',
  id: deskUsers.id,
  idType: 'uuid',
  direction: sort === '-name' ? 'desc' : 'asc',
});

function renewalConditions(filter: RenewalFilter, search: string | undefined): (SQL | undefined)[] {
  const pattern = containsPattern(search);
  return [
    ACTIVE_SUBSCRIPTION,
    sql`csp_subscriptions.commitment_end_date between ${filter.from}::date and ${filter.to}::date`,
    filter.customerId ? sql`csp_subscriptions.customer_id = ${filter.customerId}` : undefined,
    pattern
      ? sql`(csp_subscriptions.friendly_name ilike ${pattern} or csp_subscriptions.offer_name ilike ${pattern} or c.name ilike ${pattern})`
      : undefined,
  ];
}

const renewalOrder = (sort: 'date' | '-date' | undefined): KeysetOrder => ({
  expression: sql`(${cspSubscriptions.commitmentEndDate}::text) collate "C"`,
  type: 'text',
  id: cspSubscriptions.id,
  idType: 'uuid',
  direction: sort === '-date' ? 'desc' : 'asc',
});

/** A {@link LicenceInsightRepository} over `db` (a database or a transaction). */
export function createLicenceInsightRepository(db: Database): LicenceInsightRepository {
  return {
    async allLicences(filter) {
      // One customer: an index scan of each licence's holdings. All: one aggregate over every
      // holding (a hash join), cheaper than as many index scans as there are licences.
      const counted = filter.customerId
        ? sql`left join lateral (${holderCounts(filter.inactiveBefore)}) h on true`
        : sql`left join (
            select d.tenant_id, d.sku_id, ${holderCountColumns(filter.inactiveBefore)}
              from desk_user_licences d join desk_users u on u.id = d.desk_user_id
             group by d.tenant_id, d.sku_id) h
            on h.tenant_id = customer_licences.tenant_id and h.sku_id = customer_licences.sku_id`;
      const rows = await queryRows<LicenceSqlRow>(
        db,
        sql`select ${LICENCE_COLUMNS}, ${HOLDER_COUNTS}
              from customer_licences
              join customers c on c.id = customer_licences.customer_id
              ${counted}
              ${where(licenceConditions(filter, undefined))}`,
      );
      return rows.map(licenceRow);
    },

    async listLicences(filter, options) {
      const limit = pageSize(options.limit);
      const order = licenceOrder(options.sort);
      // The page is chosen first; only its licences' holdings are counted.
      const rows = await queryRows<LicenceSqlRow & { sort_key: string }>(
        db,
        sql`with page as (
              select customer_licences.id, (${order.expression})::text as sort_key
                from customer_licences
                join customers c on c.id = customer_licences.customer_id
                ${where([...licenceConditions(filter, options.search), afterCursor(order, options.cursor)])}
               order by ${sql.join(orderTerms(order), sql`, `)}
               limit ${limit + 1})
            select ${LICENCE_COLUMNS}, ${HOLDER_COUNTS}, page.sort_key
              from page
              join customer_licences on customer_licences.id = page.id
              join customers c on c.id = customer_licences.customer_id
              left join lateral (${holderCounts(filter.inactiveBefore)}) h on true
             order by ${sql.join(orderTerms(order), sql`, `)}`,
      );
      return toPage(
        rows.map((row) => ({ item: licenceRow(row), sortKey: row.sort_key, id: row.licence_id })),
        limit,
      );
    },

    async countLicences(filter, options) {
      const [row] = await queryRows<{ count: number }>(
        db,
        sql`select count(*)::int as count from customer_licences
              join customers c on c.id = customer_licences.customer_id
              ${where(licenceConditions(filter, options.search))}`,
      );
      return row?.count ?? 0;
    },

    async listHolders(filter, options) {
      const limit = pageSize(options.limit);
      const order = holderOrder(options.sort);
      const rows = await queryRows<{
        desk_user_id: string;
        display_name: string;
        email: string | null;
        user_principal_name: string | null;
        customer_id: string;
        customer_name: string;
        inactive: boolean;
        is_service_account: boolean;
        last_sign_in_at: Date | string | null;
        licences: HeldLicence[];
        sort_key: string;
      }>(
        db,
        sql`select desk_users.id as desk_user_id, desk_users.display_name, desk_users.email,
                   desk_users.user_principal_name, desk_users.customer_id, c.name as customer_name,
                   desk_users.inactive, desk_users.is_service_account, desk_users.last_sign_in_at,
                   (select json_agg(json_build_object(
                             'skuId', d.sku_id,
                             'name', coalesce((select l.friendly_name from customer_licences l
                                                where l.tenant_id = d.tenant_id and l.sku_id = d.sku_id
                                                  and l.removed_at is null order by l.id limit 1), d.sku_id::text),
                             'viaGroup', d.via_group) order by d.sku_id)
                      ${heldBy(filter.skuId)}) as licences,
                   (${order.expression})::text as sort_key
              from desk_users
              join customers c on c.id = desk_users.customer_id
              ${where([...holderConditions(filter, options.search), afterCursor(order, options.cursor)])}
             order by ${sql.join(orderTerms(order), sql`, `)}
             limit ${limit + 1}`,
      );
      return toPage(
        rows.map((row) => ({
          item: {
            deskUserId: row.desk_user_id,
            displayName: row.display_name,
            email: row.email,
            userPrincipalName: row.user_principal_name,
            customerId: row.customer_id,
            customerName: row.customer_name,
            inactive: row.inactive,
            isServiceAccount: row.is_service_account,
            lastSignInAt: row.last_sign_in_at === null ? null : new Date(row.last_sign_in_at),
            licences: (row.licences ?? []).map((l) => ({
              skuId: l.skuId,
              name: l.name,
              viaGroup: l.viaGroup,
            })),
          },
          sortKey: row.sort_key,
          id: row.desk_user_id,
        })),
        limit,
      );
    },

    async countHolders(filter, options) {
      const [row] = await queryRows<{ count: number }>(
        db,
        sql`select count(*)::int as count from desk_users ${where(holderConditions(filter, options.search))}`,
      );
      return row?.count ?? 0;
    },

    async listRenewals(filter, options) {
      const limit = pageSize(options.limit);
      const order = renewalOrder(options.sort);
      const rows = await queryRows<{
        id: string;
        subscription_id: string;
        customer_id: string;
        customer_name: string;
        tenant_id: string;
        tenant_name: string | null;
        friendly_name: string;
        offer_name: string;
        quantity: number;
        status: string;
        term_duration: string | null;
        billing_cycle: string | null;
        auto_renew: boolean;
        commitment_end_date: string;
        pricing: unknown;
        sort_key: string;
      }>(
        db,
        sql`select csp_subscriptions.id, csp_subscriptions.subscription_id, csp_subscriptions.customer_id,
                   c.name as customer_name, csp_subscriptions.tenant_id,
                   (select t.name from csp_tenants t where t.connection_id = csp_subscriptions.connection_id
                       and t.tenant_id = csp_subscriptions.tenant_id) as tenant_name,
                   csp_subscriptions.friendly_name, csp_subscriptions.offer_name, csp_subscriptions.quantity,
                   csp_subscriptions.status, csp_subscriptions.term_duration, csp_subscriptions.billing_cycle,
                   csp_subscriptions.auto_renew, csp_subscriptions.commitment_end_date::text as commitment_end_date,
                   ${PRICING} as pricing, (${order.expression})::text as sort_key
              from csp_subscriptions
              join customers c on c.id = csp_subscriptions.customer_id
              ${where([...renewalConditions(filter, options.search), afterCursor(order, options.cursor)])}
             order by ${sql.join(orderTerms(order), sql`, `)}
             limit ${limit + 1}`,
      );
      return toPage(
        rows.map((row) => ({
          item: {
            id: row.id,
            subscriptionId: row.subscription_id,
            customerId: row.customer_id,
            customerName: row.customer_name,
            tenantId: row.tenant_id,
            tenantName: row.tenant_name,
            friendlyName: row.friendly_name,
            offerName: row.offer_name,
            quantity: row.quantity,
            status: row.status,
            termDuration: row.term_duration,
            billingCycle: row.billing_cycle,
            autoRenew: row.auto_renew,
            commitmentEndDate: row.commitment_end_date,
            pricing: row.pricing,
          },
          sortKey: row.sort_key,
          id: row.id,
        })),
        limit,
      );
    },

    async countRenewals(filter, options) {
      const [row] = await queryRows<{ count: number; auto_renew_off: number }>(
        db,
        sql`select count(*)::int as count, count(*) filter (where not csp_subscriptions.auto_renew)::int as auto_renew_off
              from csp_subscriptions
              join customers c on c.id = csp_subscriptions.customer_id
              ${where(renewalConditions(filter, options.search))}`,
      );
      return { count: row?.count ?? 0, autoRenewOff: row?.auto_renew_off ?? 0 };
    },

    activeSubscriptions(customerId) {
      return queryRows<PricedSubscriptionRow>(
        db,
        sql`select csp_subscriptions.quantity, ${PRICING} as pricing from csp_subscriptions
             ${where([ACTIVE_SUBSCRIPTION, customerId ? sql`csp_subscriptions.customer_id = ${customerId}` : undefined])}`,
      );
    },
  };
}
