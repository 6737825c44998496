import { subscriptionPricingSchema, type SubscriptionPricing } from '../../contracts/api/licence-insight.js';

export type { SubscriptionPricing };

const MONTHS: Record<SubscriptionPricing['period'], number> = { P1M: 1, P1Y: 12, P3Y: 36 };

/** A subscription's pricing from what is stored, or null when there is none (or it is unreadable). */
export function readSubscriptionPricing(stored: unknown): SubscriptionPricing | null {
  const parsed = subscriptionPricingSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** Money rounded to cents (half away from zero) without binary drift. */
function cents(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}

/** One month of `quantity` seats at `unit` per `period`; null when the amount is unknown. */
export function monthlyAmount(
  quantity: number,
  unit: number | null | undefined,
  period: SubscriptionPricing['period'],
): number | null {
  if (unit === null || unit === undefined) return null;
  return cents((Math.max(0, quantity) * unit) / MONTHS[period]);
}

/** A subscription's monthly cost and price, each null when not priced. */
export function subscriptionMonthly(
  quantity: number,
  pricing: SubscriptionPricing | null,
): { currency: string | null; monthlyCost: number | null; monthlyPrice: number | null } {
  if (!pricing) return { currency: null, monthlyCost: null, monthlyPrice: null };
  return {
    currency: pricing.currency,
    monthlyCost: monthlyAmount(quantity, pricing.unitCost, pricing.period),
    monthlyPrice: monthlyAmount(quantity, pricing.unitPrice, pricing.period),
  };
}

/** Money per currency over several subscriptions (amounts in different currencies are never added). */
export interface CostTotals {
  /** Subscriptions with a price or cost. */
  priced: number;
  /** Subscriptions without one: their money is unknown, not zero. */
  unpriced: number;
  byCurrency: { currency: string; monthlyCost: number | null; monthlyPrice: number | null }[];
}

/** Totals of `subscriptions`' monthly cost and price, per currency (alphabetical). */
export function costTotals(
  subscriptions: readonly { quantity: number; pricing: SubscriptionPricing | null }[],
): CostTotals {
  const sums = new Map<string, { cost: number | null; price: number | null }>();
  let priced = 0;
  for (const { quantity, pricing } of subscriptions) {
    if (!pricing) continue;
    priced += 1;
    const monthly = subscriptionMonthly(quantity, pricing);
    const sum = sums.get(pricing.currency) ?? { cost: null, price: null };
    if (monthly.monthlyCost !== null) sum.cost = cents((sum.cost ?? 0) + monthly.monthlyCost);
    if (monthly.monthlyPrice !== null) sum.price = cents((sum.price ?? 0) + monthly.monthlyPrice);
    sums.set(pricing.currency, sum);
  }
  return {
    priced,
    unpriced: subscriptions.length - priced,
    byCurrency: [...sums.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, sum]) => ({ currency, monthlyCost: sum.cost, monthlyPrice: sum.price })),
  };
}
