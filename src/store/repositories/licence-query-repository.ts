import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { deskUsers } from '../schema/desk-users.js';
import { customerLicences, cspSubscriptions, deskUserLicences } from '../schema/licences.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';
import { queryRows } from '../sql-rows.js';

export type CustomerLicenceRow = typeof customerLicences.$inferSelect & {
  tenantName: string | null;
  usersLinked: number;
};
export type CspSubscriptionRow = typeof cspSubscriptions.$inferSelect & {
  tenantName: string | null;
  /** The product created from it, and the recurring invoice its recurring line is on (docs/billing.md). */
  productId: string | null;
  recurringInvoiceId: string | null;
};

export interface LicenceUserRow {
  deskUserId: string;
  displayName: string;
  email: string | null;
  userPrincipalName: string | null;
  inactive: boolean;
  viaGroup: boolean;
  disabledPlans: number;
}

export interface LicenceListOptions {
  /** Part of the name (or part number / offer), any case. */
  search?: string | undefined;
  includeRemoved?: boolean | undefined;
  sort?: 'name' | '-name' | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface LicenceTenantStatus {
  connectionId: string;
  tenantId: string;
  tenantName: string | null;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: { code: string; message: string } | null;
}

export interface LicenceSummary {
  usersSynced: number;
  licences: number;
  subscriptions: number;
  seatsAvailable: number;
  lastSyncAt: Date | null;
  tenants: LicenceTenantStatus[];
}

/** Desk-owned data: a change sets the keys it names, `null` removes one. */
export type ExtraChange = Record<string, unknown>;

/** A customer's imported licences and subscriptions, as the console reads and edits them. */
export interface LicenceQueryRepository {
  listLicences(customerId: string, options: LicenceListOptions): Promise<Page<CustomerLicenceRow>>;
  countLicences(customerId: string, options: LicenceListOptions): Promise<number>;
  findLicence(customerId: string, id: string): Promise<CustomerLicenceRow | undefined>;
  listSubscriptions(customerId: string, options: LicenceListOptions): Promise<Page<CspSubscriptionRow>>;
  countSubscriptions(customerId: string, options: LicenceListOptions): Promise<number>;
  findSubscription(customerId: string, id: string): Promise<CspSubscriptionRow | undefined>;
  /** The updated extra data, or undefined when the customer has no such row. */
  updateExtra(
    table: 'licences' | 'subscriptions',
    customerId: string,
    id: string,
    change: ExtraChange,
  ): Promise<Record<string, unknown> | undefined>;
  /** Deletes a row; false when the customer has none with this id. */
  remove(table: 'licences' | 'subscriptions', customerId: string, id: string): Promise<boolean>;
  listUsers(
    licence: { tenantId: string; skuId: string },
    options: Pick<LicenceListOptions, 'search' | 'limit' | 'cursor'>,
  ): Promise<Page<LicenceUserRow>>;
  countUsers(
    licence: { tenantId: string; skuId: string },
    options: Pick<LicenceListOptions, 'search'>,
  ): Promise<number>;
  summary(customerId: string): Promise<LicenceSummary>;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const contains = (term: string | undefined, ...columns: SQL[]): SQL | undefined => {
  const trimmed = term?.trim();
  if (!trimmed) return undefined;
  const pattern = `%${escapeLike(trimmed)}%`;
  return sql`(${sql.join(
    columns.map((c) => sql`${c} ilike ${pattern}`),
    sql` or `,
  )})`;
};

const licenceName = sql`lower(${customerLicences.friendlyName}) collate "C"`;
const subscriptionName = sql`lower(${cspSubscriptions.friendlyName}) collate "C"`;
const userName = sql`lower(${deskUsers.displayName}) collate "C"`;

const orderOf = (expression: SQL, id: KeysetOrder['id'], sort: LicenceListOptions['sort']): KeysetOrder => ({
  expression,
  type: 'text',
  id,
  idType: 'uuid',
  direction: sort === '-name' ? 'desc' : 'asc',
});

/** The tenant's name as the connection knows it (columns named in full: drizzle drops the table in selects). */
const tenantNameOf = (table: 'customer_licences' | 'csp_subscriptions') =>
  sql<
    string | null
  >`(select t.name from csp_tenants t where t.connection_id = ${sql.raw(table)}.connection_id and t.tenant_id = ${sql.raw(table)}.tenant_id)`;

const productOf = sql<
  string | null
>`(select p.id from products p where p.csp_subscription_id = csp_subscriptions.id)`;
const recurringInvoiceOf = sql<
  string | null
>`(select l.invoice_id from recurring_invoice_lines l where l.csp_subscription_id = csp_subscriptions.id and l.kind = 'recurring')`;

const usersLinkedOf = sql<number>`(select count(*)::int from desk_user_licences d where d.tenant_id = customer_licences.tenant_id and d.sku_id = customer_licences.sku_id)`;

function licenceFilters(customerId: string, options: LicenceListOptions): (SQL | undefined)[] {
  return [
    eq(customerLicences.customerId, customerId),
    options.includeRemoved ? undefined : isNull(customerLicences.removedAt),
    contains(options.search, sql`${customerLicences.friendlyName}`, sql`${customerLicences.skuPartNumber}`),
  ];
}

function subscriptionFilters(customerId: string, options: LicenceListOptions): (SQL | undefined)[] {
  return [
    eq(cspSubscriptions.customerId, customerId),
    options.includeRemoved ? undefined : isNull(cspSubscriptions.removedAt),
    contains(options.search, sql`${cspSubscriptions.friendlyName}`, sql`${cspSubscriptions.offerName}`),
  ];
}

function userFilters(licence: { tenantId: string; skuId: string }, search: string | undefined) {
  return and(
    eq(deskUserLicences.tenantId, licence.tenantId),
    eq(deskUserLicences.skuId, licence.skuId),
    contains(
      search,
      sql`${deskUsers.displayName}`,
      sql`${deskUsers.email}`,
      sql`${deskUsers.userPrincipalName}`,
    ),
  );
}

/** A {@link LicenceQueryRepository} over `db` (a database or a transaction). */
export function createLicenceQueryRepository(db: Database): LicenceQueryRepository {
  const selectLicences = () =>
    db
      .select({
        row: customerLicences,
        tenantName: tenantNameOf('customer_licences'),
        usersLinked: usersLinkedOf,
      })
      .from(customerLicences);
  const selectSubscriptions = () =>
    db
      .select({
        row: cspSubscriptions,
        tenantName: tenantNameOf('csp_subscriptions'),
        productId: productOf,
        recurringInvoiceId: recurringInvoiceOf,
      })
      .from(cspSubscriptions);

  const tableOf = (table: 'licences' | 'subscriptions') =>
    table === 'licences' ? customerLicences : cspSubscriptions;

  return {
    async listLicences(customerId, options) {
      const limit = pageSize(options.limit);
      const order = orderOf(licenceName, customerLicences.id, options.sort);
      const rows = await db
        .select({
          row: customerLicences,
          tenantName: tenantNameOf('customer_licences'),
          usersLinked: usersLinkedOf,
          sortKey: sortKeyOf(order),
          id: customerLicences.id,
        })
        .from(customerLicences)
        .where(and(...licenceFilters(customerId, options), afterCursor(order, options.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(
        rows.map((r) => ({
          item: { ...r.row, tenantName: r.tenantName, usersLinked: r.usersLinked },
          sortKey: r.sortKey,
          id: r.id,
        })),
        limit,
      );
    },

    async countLicences(customerId, options) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(customerLicences)
        .where(and(...licenceFilters(customerId, options)));
      return row?.count ?? 0;
    },

    async findLicence(customerId, id) {
      const [r] = await selectLicences().where(
        and(eq(customerLicences.customerId, customerId), eq(customerLicences.id, id)),
      );
      return r && { ...r.row, tenantName: r.tenantName, usersLinked: r.usersLinked };
    },

    async listSubscriptions(customerId, options) {
      const limit = pageSize(options.limit);
      const order = orderOf(subscriptionName, cspSubscriptions.id, options.sort);
      const rows = await db
        .select({
          row: cspSubscriptions,
          tenantName: tenantNameOf('csp_subscriptions'),
          productId: productOf,
          recurringInvoiceId: recurringInvoiceOf,
          sortKey: sortKeyOf(order),
          id: cspSubscriptions.id,
        })
        .from(cspSubscriptions)
        .where(and(...subscriptionFilters(customerId, options), afterCursor(order, options.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(
        rows.map((r) => ({
          item: {
            ...r.row,
            tenantName: r.tenantName,
            productId: r.productId,
            recurringInvoiceId: r.recurringInvoiceId,
          },
          sortKey: r.sortKey,
          id: r.id,
        })),
        limit,
      );
    },

    async countSubscriptions(customerId, options) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(cspSubscriptions)
        .where(and(...subscriptionFilters(customerId, options)));
      return row?.count ?? 0;
    },

    async findSubscription(customerId, id) {
      const [r] = await selectSubscriptions().where(
        and(eq(cspSubscriptions.customerId, customerId), eq(cspSubscriptions.id, id)),
      );
      return (
        r && {
          ...r.row,
          tenantName: r.tenantName,
          productId: r.productId,
          recurringInvoiceId: r.recurringInvoiceId,
        }
      );
    },

    async updateExtra(table, customerId, id, change) {
      const target = tableOf(table);
      const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== null && v !== undefined));
      const cleared = Object.entries(change)
        .filter(([, v]) => v === null)
        .map(([k]) => k);
      // Merged in SQL so two people editing different keys do not undo each other.
      const [row] = await db
        .update(target)
        .set({
          extra: sql`(${target.extra} || ${JSON.stringify(set)}::jsonb) - ${sql.param(cleared)}::text[]`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(target.customerId, customerId), eq(target.id, id)))
        .returning({ extra: target.extra });
      return row?.extra;
    },

    async remove(table, customerId, id) {
      const target = tableOf(table);
      const rows = await db
        .delete(target)
        .where(and(eq(target.customerId, customerId), eq(target.id, id)))
        .returning({ id: target.id });
      return rows.length > 0;
    },

    async listUsers(licence, options) {
      const limit = pageSize(options.limit);
      const order = orderOf(userName, deskUsers.id, 'name');
      const rows = await db
        .select({
          item: {
            deskUserId: deskUsers.id,
            displayName: deskUsers.displayName,
            email: deskUsers.email,
            userPrincipalName: deskUsers.userPrincipalName,
            inactive: deskUsers.inactive,
            viaGroup: deskUserLicences.viaGroup,
            disabledPlans: sql<number>`coalesce(cardinality(${deskUserLicences.disabledPlans}), 0)::int`,
          },
          sortKey: sortKeyOf(order),
          id: deskUsers.id,
        })
        .from(deskUserLicences)
        .innerJoin(deskUsers, eq(deskUsers.id, deskUserLicences.deskUserId))
        .where(and(userFilters(licence, options.search), afterCursor(order, options.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(rows, limit);
    },

    async countUsers(licence, options) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(deskUserLicences)
        .innerJoin(deskUsers, eq(deskUsers.id, deskUserLicences.deskUserId))
        .where(userFilters(licence, options.search));
      return row?.count ?? 0;
    },

    async summary(customerId) {
      const [counts] = await queryRows<{
        users_synced: number;
        licences: number;
        subscriptions: number;
        seats_available: number;
      }>(
        db,
        sql`select
              (select count(*)::int from desk_users u
                where u.customer_id = ${customerId} and u.tenant_id is not null and not u.inactive) as users_synced,
              (select count(*)::int from customer_licences l
                where l.customer_id = ${customerId} and l.removed_at is null) as licences,
              (select count(*)::int from csp_subscriptions s
                where s.customer_id = ${customerId} and s.removed_at is null) as subscriptions,
              (select coalesce(sum(greatest(l.total_units - l.consumed_units, 0)), 0)::int from customer_licences l
                where l.customer_id = ${customerId} and l.removed_at is null) as seats_available`,
      );
      const tenants = await queryRows<{
        connection_id: string;
        tenant_id: string;
        tenant_name: string | null;
        last_run_at: Date | string | null;
        last_success_at: Date | string | null;
        last_error: { code: string; message: string } | null;
      }>(
        db,
        sql`select m.connection_id, m.tenant_id,
                   (select t.name from csp_tenants t where t.connection_id = m.connection_id and t.tenant_id = m.tenant_id) as tenant_name,
                   last_run.started_at as last_run_at,
                   last_run.error as last_error,
                   (select max(r.finished_at) from sync_runs r
                     where r.connection_id = m.connection_id and r.tenant_id = m.tenant_id
                       and r.module = 'licences' and r.status = 'succeeded') as last_success_at
              from tenant_mappings m
              join connections c on c.id = m.connection_id and c.kind = 'csp'
              left join lateral (
                select r.started_at, r.error from sync_runs r
                 where r.connection_id = m.connection_id and r.tenant_id = m.tenant_id and r.module = 'licences'
                   and r.status <> 'running'
                 order by r.started_at desc limit 1) last_run on true
             where m.customer_id = ${customerId}
             order by m.tenant_id`,
      );
      const date = (value: Date | string | null) => (value === null ? null : new Date(value));
      const views = tenants.map((t) => ({
        connectionId: t.connection_id,
        tenantId: t.tenant_id,
        tenantName: t.tenant_name,
        lastRunAt: date(t.last_run_at),
        lastSuccessAt: date(t.last_success_at),
        lastError: t.last_error ?? null,
      }));
      const successes = views.map((t) => t.lastSuccessAt?.getTime() ?? 0).filter((t) => t > 0);
      return {
        usersSynced: counts?.users_synced ?? 0,
        licences: counts?.licences ?? 0,
        subscriptions: counts?.subscriptions ?? 0,
        seatsAvailable: counts?.seats_available ?? 0,
        lastSyncAt: successes.length > 0 ? new Date(Math.max(...successes)) : null,
        tenants: views,
      };
    },
  };
}
