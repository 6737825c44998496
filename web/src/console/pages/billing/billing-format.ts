import type {
  BillingCycle,
  InvoiceLineKind,
  InvoiceLineView,
  ProductView,
} from '../../../../../src/contracts/api/billing.js';

/** A sum of money in its currency ("£9.60"); the currency code alone when the browser does not know it. */
export function formatMoney(amount: number | null, currency: string | null): string {
  if (amount === null) return 'No price';
  if (!currency) return amount.toFixed(2);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export const CYCLE_LABELS: Record<BillingCycle, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annual: 'Annual',
  triennial: 'Every 3 years',
};

export const KIND_LABELS: Record<InvoiceLineKind, string> = {
  recurring: 'Recurring',
  proRata: 'Pro-rata',
  adjustment: 'Adjustment',
  consumption: 'Usage',
  manual: 'Manual',
};

const PERIOD_WORDS: Record<ProductView['pricePeriod'], string> = {
  P1M: 'a month',
  P1Y: 'a year',
  P3Y: 'every 3 years',
};

/** A product's price per its period ("£9.60 a month"), or "No price". */
export function perPeriod(
  amount: number | null,
  currency: string | null,
  period: ProductView['pricePeriod'],
) {
  return amount === null ? 'No price' : `${formatMoney(amount, currency)} ${PERIOD_WORDS[period]}`;
}

const DAY_MS = 86_400_000;

/**
 * The share of a period a line charges, in days where they are known ("15/29 days"): a one-off
 * line names its own days; the period's length follows from the fraction.
 */
export function fractionText(line: Pick<InvoiceLineView, 'periodFraction' | 'periodStart' | 'periodEnd'>) {
  if (line.periodFraction === 1) return 'Whole period';
  if (line.periodStart && line.periodEnd && line.periodFraction > 0) {
    const days = Math.round((Date.parse(line.periodEnd) - Date.parse(line.periodStart)) / DAY_MS) + 1;
    const of = Math.round(days / line.periodFraction);
    if (Math.abs(days / of - line.periodFraction) < 1e-6) return `${days}/${of} days`;
  }
  return `${(line.periodFraction * 100).toFixed(1)}%`;
}

/** "2026-12-06 – 2026-12-31", or an empty string for lines billed every period. */
export function periodText(start: string | null, end: string | null): string {
  return start && end ? `${start} – ${end}` : '';
}
