import { and, asc, count, eq, ilike, max, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { queryRows } from '../sql-rows.js';
import { cspPrices } from '../schema/pricing.js';
import { containsPattern } from './like-pattern.js';

/** A price sheet row as the pricing module writes it. */
export interface NewCspPrice {
  productId: string;
  skuId: string;
  productTitle: string;
  skuTitle: string;
  termDuration: string;
  billingPlan: string;
  currency: string;
  unitCost: number | null;
  unitPrice: number | null;
  effectiveStart: string | null;
  effectiveEnd: string | null;
}

export type StoredCspPrice = typeof cspPrices.$inferSelect;

/** What pricing a connection's subscriptions did: priced, and current ones left unknown. */
export interface SubscriptionPricingResult {
  priced: number;
  unmatched: number;
}

const INSERT_CHUNK = 500;

/**
 * The period one amount of a billing plan pays for (`csp_subscriptions.pricing_period`), and the
 * price sheet's billing plan of a Partner Center `billingCycle`.
 */
const PERIOD_OF_PLAN = sql`case lower(p.billing_plan) when 'monthly' then 'P1M' when 'annual' then 'P1Y' when 'triennial' then 'P3Y' end`;
const PLAN_OF_CYCLE = sql`case lower(s.billing_cycle) when 'monthly' then 'monthly' when 'annual' then 'annual' when 'triennial' then 'triennial' end`;

/**
 * A CSP subscription's pricing as licence insight and billing read it: `{currency, unitCost,
 * unitPrice, period}`, or null when not priced. `alias` names the csp_subscriptions row.
 */
export function subscriptionPricingJson(alias: string): SQL {
  const t = sql.raw(alias);
  return sql`case when ${t}.currency is null then null else jsonb_build_object('currency', ${t}.currency, 'unitCost', ${t}.unit_cost, 'unitPrice', ${t}.unit_price, 'period', ${t}.pricing_period) end`;
}

/** The imported price sheets of CSP connections and the pricing of their subscriptions. */
export interface CspPriceRepository {
  /** Replaces the (connection, market) sheet with `rows`; use inside the run's transaction. */
  replaceMarket(
    connectionId: string,
    market: string,
    rows: readonly NewCspPrice[],
    importedAt: Date,
  ): Promise<number>;
  /** When the (connection, market) sheet was last imported; null before the first import. */
  lastImportedAt(connectionId: string, market: string): Promise<Date | null>;
  /**
   * Sets price, cost, currency and period on the connection's subscriptions (one tenant's, or all)
   * from its `market` sheet: offer `productId:skuId[:…]`, term, billing cycle → billing plan,
   * effective at `now`. A subscription without a match gets nulls (unknown, never zero).
   */
  priceSubscriptions(
    connectionId: string,
    market: string,
    now: Date,
    options?: { tenantId?: string },
  ): Promise<SubscriptionPricingResult>;
  /** Whether the connection has any imported prices at all. */
  hasPrices(connectionId: string, market: string): Promise<boolean>;
  list(
    connectionId: string,
    market: string,
    options: { search?: string; page: number; limit: number },
  ): Promise<{ items: StoredCspPrice[]; total: number }>;
}

export function createCspPriceRepository(db: Database): CspPriceRepository {
  const ofMarket = (connectionId: string, market: string) =>
    and(eq(cspPrices.connectionId, connectionId), eq(cspPrices.market, market));
  return {
    async replaceMarket(connectionId, market, rows, importedAt) {
      await db.delete(cspPrices).where(ofMarket(connectionId, market));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await db.insert(cspPrices).values(
          rows.slice(i, i + INSERT_CHUNK).map((r) => ({
            ...r,
            connectionId,
            market,
            effectiveStart: r.effectiveStart ? new Date(r.effectiveStart) : null,
            effectiveEnd: r.effectiveEnd ? new Date(r.effectiveEnd) : null,
            importedAt,
          })),
        );
      }
      return rows.length;
    },

    async lastImportedAt(connectionId, market) {
      const [row] = await db
        .select({ at: max(cspPrices.importedAt) })
        .from(cspPrices)
        .where(ofMarket(connectionId, market));
      return row?.at ?? null;
    },

    async hasPrices(connectionId, market) {
      const [row] = await db
        .select({ id: cspPrices.id })
        .from(cspPrices)
        .where(ofMarket(connectionId, market))
        .limit(1);
      return row !== undefined;
    },

    async priceSubscriptions(connectionId, market, now, options = {}) {
      const tenant = options.tenantId ? sql`and s.tenant_id = ${options.tenantId}` : sql``;
      const at = now.toISOString();
      const rows = await queryRows<{ currency: string | null; removed: boolean }>(
        db,
        sql`
        with matched as (
          select s.id, p.currency, p.unit_cost, p.unit_price, ${PERIOD_OF_PLAN} as period
          from csp_subscriptions s
          left join lateral (
            select p.* from csp_prices p
            where p.connection_id = s.connection_id and p.market = ${market}
              and upper(p.product_id) = upper(split_part(s.offer_id, ':', 1))
              and upper(p.sku_id) = upper(split_part(s.offer_id, ':', 2))
              and upper(p.term_duration) = upper(s.term_duration)
              and lower(p.billing_plan) = ${PLAN_OF_CYCLE}
              and (p.effective_start is null or p.effective_start <= ${at}::timestamptz)
              and (p.effective_end is null or p.effective_end > ${at}::timestamptz)
            order by p.effective_start desc nulls last
            limit 1
          ) p on true
          where s.connection_id = ${connectionId} ${tenant}
        )
        update csp_subscriptions t
        set unit_cost = m.unit_cost, unit_price = m.unit_price, currency = m.currency,
            pricing_period = case when m.currency is null then null else m.period end,
            priced_at = case when m.currency is null then null else ${at}::timestamptz end
        from matched m
        where t.id = m.id
        returning t.currency, t.removed_at is not null as removed`,
      );
      const current = rows.filter((r) => !r.removed);
      return {
        priced: current.filter((r) => r.currency !== null).length,
        unmatched: current.filter((r) => r.currency === null).length,
      };
    },

    async list(connectionId, market, options) {
      const pattern = containsPattern(options.search);
      const where = and(
        ofMarket(connectionId, market),
        pattern
          ? or(
              ilike(cspPrices.productTitle, pattern),
              ilike(cspPrices.skuTitle, pattern),
              ilike(cspPrices.productId, pattern),
            )
          : undefined,
      );
      const [total] = await db.select({ n: count() }).from(cspPrices).where(where);
      const items = await db
        .select()
        .from(cspPrices)
        .where(where)
        .orderBy(
          asc(cspPrices.productTitle),
          asc(cspPrices.productId),
          asc(cspPrices.skuId),
          asc(cspPrices.termDuration),
          asc(cspPrices.billingPlan),
          asc(cspPrices.id),
        )
        .limit(options.limit)
        .offset((options.page - 1) * options.limit);
      return { items, total: total?.n ?? 0 };
    },
  };
}
