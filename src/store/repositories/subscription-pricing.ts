import { sql, type SQL } from 'drizzle-orm';

/**
 * A CSP subscription's price and cost as JSON `{currency, unitCost, unitPrice, period}` (the shape
 * of `subscriptionPricingSchema`), or null when the pricing import matched no price: built from
 * the columns the pricing import writes (docs/pricing.md). `alias` names the csp_subscriptions
 * row in the query. Licence insight and billing both read pricing through this one expression.
 */
export function SUBSCRIPTION_PRICING(alias: string): SQL {
  const s = sql.raw(alias);
  return sql`case when ${s}.currency is null or ${s}.pricing_period is null then null
    else jsonb_build_object('currency', ${s}.currency, 'unitCost', ${s}.unit_cost::float8,
                            'unitPrice', ${s}.unit_price::float8, 'period', ${s}.pricing_period) end`;
}
