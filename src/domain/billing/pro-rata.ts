import { addDays, daysInclusive, periodContaining, type BillingAnchor } from './billing-period.js';

/**
 * Pro-rata to the day (issue 7): the share of invoice periods a span of days covers, each period
 * weighed by its own length, so that 15 days of a 29-day February is 15/29 and a span across two
 * periods adds the two shares. Money is rounded to cents once, at the end. Pure.
 */

/** Decimal places kept for a period fraction (a line's `periodFraction`). */
const FRACTION_PLACES = 8;

/** The share of `anchor`'s periods covered by `from`…`through` (both included); 0 when empty. */
export function periodFraction(anchor: BillingAnchor, from: string, through: string): number {
  if (daysInclusive(from, through) <= 0) return 0;
  let total = 0;
  let cursor = from;
  for (;;) {
    const period = periodContaining(anchor, cursor);
    const last = period.end < through ? period.end : through;
    total += daysInclusive(cursor, last) / period.days;
    if (last === through) break;
    cursor = addDays(last, 1);
  }
  const scale = 10 ** FRACTION_PLACES;
  return Math.round(total * scale) / scale;
}

/** Money rounded to cents, half away from zero, without binary drift (1.005 → 1.01). */
export function toCents(amount: number): number {
  const sign = amount < 0 ? -1 : 1;
  return (sign * Math.round(Math.abs(amount) * 100 + 1e-7)) / 100;
}

/** quantity × unit price × fraction, in cents; null when there is no price. */
export function lineAmount(quantity: number, unitPrice: number | null, fraction: number): number | null {
  if (unitPrice === null) return null;
  return toCents(quantity * unitPrice * fraction);
}
