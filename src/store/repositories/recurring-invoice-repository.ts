import { sql, type SQL } from 'drizzle-orm';
import type { BillingCycle, InvoiceLineKind } from '../../contracts/api/billing.js';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { products, recurringInvoiceLines } from '../schema/index.js';
import { queryRows } from '../sql-rows.js';
import { afterCursor, orderTerms, toPage, type KeysetOrder } from './keyset-page.js';
import { containsPattern } from './like-pattern.js';

export interface StoredInvoice {
  id: string;
  customerId: string;
  customerName: string;
  reference: string;
  cycle: BillingCycle;
  anchorDate: string;
  currency: string;
  active: boolean;
  lineCount: number;
  recurringTotal: number | null;
  oneOffTotal: number | null;
  createdAt: Date;
}

export interface StoredLine {
  id: string;
  invoiceId: string;
  kind: InvoiceLineKind;
  description: string;
  productId: string | null;
  subscriptionId: string | null;
  quantity: number;
  unitPrice: number | null;
  periodFraction: number;
  amount: number | null;
  currency: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  createdAt: Date;
}

export interface StoredProduct {
  id: string;
  name: string;
  /** The CSP connection it was created through (its billing settings apply), or null. */
  connectionId: string | null;
  customerId: string | null;
  customerName: string | null;
  subscription: {
    id: string;
    partnerCenterSubscriptionId: string;
    friendlyName: string;
    quantity: number;
    status: string;
    billingCycle: string | null;
    removed: boolean;
  } | null;
  unitPrice: number | null;
  unitCost: number | null;
  currency: string | null;
  pricePeriod: 'P1M' | 'P1Y' | 'P3Y';
  priceSource: 'pricing' | 'manual' | 'none';
  billingNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A usage line for the customer's monthly invoice (consumption billing): replaced per key. */
export interface ConsumptionLine {
  /** Unique per customer, period and what is billed (e.g. the meter category): re-runs replace it. */
  key: string;
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  currency: string;
  periodStart: string;
  periodEnd: string;
}

/** Lines of kinds that go on the next invoice only. */
const ONE_OFF_KINDS = sql`('proRata', 'adjustment', 'consumption')`;

const INVOICE_SELECT = sql`select i.id, i.customer_id as "customerId", c.name as "customerName", i.reference, i.cycle,
       i.anchor_date::text as "anchorDate", i.currency, i.active, i.created_at as "createdAt",
       (select count(*)::int from recurring_invoice_lines l where l.invoice_id = i.id) as "lineCount",
       (select sum(l.amount)::float8 from recurring_invoice_lines l
         where l.invoice_id = i.id and l.kind not in ${ONE_OFF_KINDS}) as "recurringTotal",
       (select sum(l.amount)::float8 from recurring_invoice_lines l
         where l.invoice_id = i.id and l.kind in ${ONE_OFF_KINDS}) as "oneOffTotal"
  from recurring_invoices i join customers c on c.id = i.customer_id`;

const LINE_SELECT = sql`select id, invoice_id as "invoiceId", kind, description, product_id as "productId",
       csp_subscription_id as "subscriptionId", quantity::float8 as quantity, unit_price::float8 as "unitPrice",
       period_fraction::float8 as "periodFraction", amount::float8 as amount, currency,
       period_start::text as "periodStart", period_end::text as "periodEnd", created_at as "createdAt"
  from recurring_invoice_lines`;

const PRODUCT_SELECT = sql`select products.id, (lower(products.name) collate "C")::text as "sortKey", products.name, products.connection_id as "connectionId", products.customer_id as "customerId", c.name as "customerName",
       case when s.id is null then null else json_build_object(
         'id', s.id, 'partnerCenterSubscriptionId', s.subscription_id, 'friendlyName', s.friendly_name,
         'quantity', s.quantity, 'status', s.status, 'billingCycle', s.billing_cycle,
         'removed', s.removed_at is not null) end as subscription,
       products.unit_price::float8 as "unitPrice", products.unit_cost::float8 as "unitCost", products.currency,
       products.price_period as "pricePeriod", products.price_source as "priceSource", products.billing_note as "billingNote",
       products.created_at as "createdAt", products.updated_at as "updatedAt"
  from products
  left join customers c on c.id = products.customer_id
  left join csp_subscriptions s on s.id = products.csp_subscription_id`;

const PRODUCT_ORDER: KeysetOrder = {
  expression: sql`lower(${products.name}) collate "C"`,
  type: 'text',
  id: products.id,
  idType: 'uuid',
  direction: 'asc',
};

const dates = <T extends { createdAt: Date | string }>(row: T): T => ({
  ...row,
  createdAt: new Date(row.createdAt),
});

/** Recurring invoices, their lines, and products (docs/billing.md). */
export function createRecurringInvoiceRepository(db: Database) {
  async function invoice(where: SQL): Promise<StoredInvoice | undefined> {
    const [row] = await queryRows<StoredInvoice>(db, sql`${INVOICE_SELECT} where ${where}`);
    return row ? dates(row) : undefined;
  }

  return {
    /** A customer's recurring invoices, newest first. */
    async listForCustomer(customerId: string): Promise<StoredInvoice[]> {
      const rows = await queryRows<StoredInvoice>(
        db,
        sql`${INVOICE_SELECT} where i.customer_id = ${customerId} order by i.created_at desc, i.id desc`,
      );
      return rows.map(dates);
    },

    async find(id: string): Promise<StoredInvoice | undefined> {
      return invoice(sql`i.id = ${id}`);
    },

    async lines(invoiceId: string): Promise<StoredLine[]> {
      const rows = await queryRows<StoredLine>(
        db,
        sql`${LINE_SELECT} where invoice_id = ${invoiceId}
             order by created_at, case kind when 'recurring' then 0 else 1 end, id`,
      );
      return rows.map(dates);
    },

    async line(invoiceId: string, lineId: string): Promise<StoredLine | undefined> {
      const [row] = await queryRows<StoredLine>(
        db,
        sql`${LINE_SELECT} where invoice_id = ${invoiceId} and id = ${lineId}`,
      );
      return row ? dates(row) : undefined;
    },

    async create(input: {
      customerId: string;
      reference: string;
      cycle: BillingCycle;
      anchorDate: string;
      currency: string;
      active: boolean;
    }): Promise<string> {
      const [row] = await queryRows<{ id: string }>(
        db,
        sql`insert into recurring_invoices (customer_id, reference, cycle, anchor_date, currency, active)
            values (${input.customerId}, ${input.reference}, ${input.cycle}, ${input.anchorDate}, ${input.currency},
                    ${input.active})
            returning id`,
      );
      return row!.id;
    },

    async update(id: string, change: { reference?: string; active?: boolean }): Promise<boolean> {
      const sets: SQL[] = [sql`updated_at = clock_timestamp()`];
      if (change.reference !== undefined) sets.push(sql`reference = ${change.reference}`);
      if (change.active !== undefined) sets.push(sql`active = ${change.active}`);
      const rows = await queryRows<{ id: string }>(
        db,
        sql`update recurring_invoices set ${sql.join(sets, sql`, `)} where id = ${id} returning id`,
      );
      return rows.length > 0;
    },

    async addLine(
      invoiceId: string,
      line: {
        kind: InvoiceLineKind;
        description: string;
        productId: string | null;
        subscriptionId: string | null;
        quantity: number;
        unitPrice: number | null;
        currency: string;
        sourceKey: string | null;
      },
    ): Promise<StoredLine | undefined> {
      const [row] = await queryRows<{ id: string }>(
        db,
        sql`insert into recurring_invoice_lines
              (invoice_id, kind, description, product_id, csp_subscription_id, quantity, unit_price, amount, currency,
               source_key)
            values (${invoiceId}, ${line.kind}, ${line.description}, ${line.productId}, ${line.subscriptionId},
                    ${line.quantity}, ${line.unitPrice}, round(${line.quantity}::numeric * ${line.unitPrice}::numeric, 2),
                    ${line.currency}, ${line.sourceKey})
            on conflict do nothing
            returning id`,
      );
      return row ? this.line(invoiceId, row.id) : undefined;
    },

    /** Changes a line; the amount follows quantity × price × fraction. */
    async updateLine(
      invoiceId: string,
      lineId: string,
      change: { description?: string; quantity?: number; unitPrice?: number },
    ): Promise<StoredLine | undefined> {
      const sets: SQL[] = [sql`updated_at = clock_timestamp()`];
      if (change.description !== undefined) sets.push(sql`description = ${change.description}`);
      if (change.quantity !== undefined) sets.push(sql`quantity = ${change.quantity}`);
      if (change.unitPrice !== undefined) sets.push(sql`unit_price = ${change.unitPrice}`);
      const quantity = change.quantity ?? sql.raw('quantity');
      const price = change.unitPrice ?? sql.raw('unit_price');
      sets.push(sql`amount = round(${quantity}::numeric * ${price}::numeric * period_fraction, 2)`);
      const rows = await queryRows<{ id: string }>(
        db,
        sql`update recurring_invoice_lines set ${sql.join(sets, sql`, `)}
             where id = ${lineId} and invoice_id = ${invoiceId} returning id`,
      );
      return rows.length > 0 ? this.line(invoiceId, lineId) : undefined;
    },

    async deleteLine(invoiceId: string, lineId: string): Promise<boolean> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`delete from ${recurringInvoiceLines} where id = ${lineId} and invoice_id = ${invoiceId} returning id`,
      );
      return rows.length > 0;
    },

    /**
     * Writes a customer's usage lines for one period onto its newest active monthly invoice:
     * each key's line is replaced (never added twice), keys of the period no longer given are
     * removed. Returns the invoice written to, or null when the customer has none.
     */
    async upsertConsumptionLines(
      customerId: string,
      period: { start: string; end: string },
      lines: readonly ConsumptionLine[],
    ): Promise<{ invoiceId: string; written: number; removed: number } | null> {
      return db.transaction(async (tx) => {
        const [target] = await queryRows<{ id: string }>(
          tx,
          sql`select id from recurring_invoices
               where customer_id = ${customerId} and active and cycle = 'monthly'
               order by created_at desc, id desc limit 1 for update`,
        );
        if (!target) return null;
        const prefix = `consumption:${customerId}:${period.start}:`;
        let written = 0;
        for (const line of lines) {
          const key = `${prefix}${line.key}`;
          await tx.execute(
            sql`insert into recurring_invoice_lines
                  (invoice_id, kind, description, quantity, unit_price, amount, currency, period_start, period_end,
                   source_key)
                values (${target.id}, 'consumption', ${line.description}, ${line.quantity}, ${line.unitPrice},
                        ${line.amount}, ${line.currency}, ${period.start}, ${period.end}, ${key})
                on conflict (source_key) do update set
                  description = excluded.description, quantity = excluded.quantity, unit_price = excluded.unit_price,
                  amount = excluded.amount, currency = excluded.currency, period_end = excluded.period_end,
                  updated_at = clock_timestamp()`,
          );
          written += 1;
        }
        const keep = lines.map((l) => `${prefix}${l.key}`);
        const removed = await queryRows<{ id: string }>(
          tx,
          sql`delete from recurring_invoice_lines
               where kind = 'consumption' and source_key like ${`${prefix.replaceAll('%', '\\%').replaceAll('_', '\\_')}%`}
                 ${
                   keep.length > 0
                     ? sql`and source_key not in (${sql.join(
                         keep.map((k) => sql`${k}`),
                         sql`, `,
                       )})`
                     : sql``
                 }
               returning id`,
        );
        return { invoiceId: target.id, written, removed: removed.length };
      });
    },

    async listProducts(query: {
      search?: string;
      customerId?: string;
      cursor?: string;
      limit?: number;
    }): Promise<Page<StoredProduct>> {
      const limit = pageSize(query.limit);
      const where: SQL[] = [];
      if (query.customerId) where.push(sql`products.customer_id = ${query.customerId}`);
      if (query.search) where.push(sql`products.name ilike ${containsPattern(query.search)}`);
      const after = afterCursor(PRODUCT_ORDER, query.cursor);
      if (after) where.push(after);
      const rows = await queryRows<StoredProduct & { sortKey: string }>(
        db,
        sql`${PRODUCT_SELECT}
              ${where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``}
              order by ${sql.join(orderTerms(PRODUCT_ORDER), sql`, `)}
              limit ${limit + 1}`,
      );
      return toPage(
        rows.map((row) => ({ item: productDates(row), sortKey: row.sortKey, id: row.id })),
        limit,
      );
    },

    async findProduct(id: string): Promise<StoredProduct | undefined> {
      const [row] = await queryRows<StoredProduct>(db, sql`${PRODUCT_SELECT} where products.id = ${id}`);
      return row ? productDates(row) : undefined;
    },

    /** Renames a product or sets its price by hand (kept over the pricing import's from then on). */
    async updateProduct(
      id: string,
      change: { name?: string; unitPrice?: number | null; unitCost?: number | null; currency?: string },
    ): Promise<boolean> {
      const sets: SQL[] = [sql`updated_at = clock_timestamp()`];
      if (change.name !== undefined) sets.push(sql`name = ${change.name}`);
      if (change.unitPrice !== undefined) sets.push(sql`unit_price = ${change.unitPrice}`);
      if (change.unitCost !== undefined) sets.push(sql`unit_cost = ${change.unitCost}`);
      if (change.currency !== undefined) sets.push(sql`currency = ${change.currency}`);
      if (change.unitPrice !== undefined || change.unitCost !== undefined || change.currency !== undefined) {
        sets.push(sql`price_source = 'manual'`);
      }
      const rows = await queryRows<{ id: string }>(
        db,
        sql`update products set ${sql.join(sets, sql`, `)} where id = ${id} returning id`,
      );
      return rows.length > 0;
    },

    /** The recurring line of a desk subscription, if it is on an invoice. */
    async recurringLineOf(subscriptionId: string): Promise<StoredLine | undefined> {
      const [row] = await queryRows<StoredLine>(
        db,
        sql`${LINE_SELECT} where csp_subscription_id = ${subscriptionId} and kind = 'recurring'`,
      );
      return row ? dates(row) : undefined;
    },

    async subscriptionExists(subscriptionId: string): Promise<boolean> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select id from csp_subscriptions where id = ${subscriptionId}`,
      );
      return rows.length > 0;
    },
  };
}

function productDates(row: StoredProduct & { sortKey?: string }): StoredProduct {
  const { sortKey: _sortKey, ...product } = row;
  return { ...product, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) };
}

export type RecurringInvoiceRepository = ReturnType<typeof createRecurringInvoiceRepository>;
