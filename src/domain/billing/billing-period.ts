import type { BillingCycle } from '../../contracts/api/billing.js';

/**
 * Billing periods of recurring invoices and CSP subscriptions (guide 002 "Import Products and
 * Create Invoice Lines"): a period starts on an anchor day of the month (and, for yearly cycles,
 * an anchor month) and lasts one cycle. Anchor days 29–31 fall on the month's last day in shorter
 * months (an invoice anchored on the 31st starts on 28 or 29 February). Dates are calendar dates
 * (`YYYY-MM-DD`, UTC): billing is by the day, never by the hour. Pure.
 */

export type { BillingCycle };

/**
 * When a cycle's periods start: on `day` of the month, every `cycleMonths` months counted from
 * `year`-`month` (any period's start month serves: for monthly cycles only the day matters).
 */
export interface BillingAnchor {
  cycle: BillingCycle;
  /** 1–31. */
  day: number;
  /** 1–12. */
  month: number;
  year: number;
}

/** One period, both ends inclusive. */
export interface BillingPeriod {
  start: string;
  end: string;
  /** Days in the period, both ends counted. */
  days: number;
}

const CYCLE_MONTHS: Record<BillingCycle, number> = { monthly: 1, quarterly: 3, annual: 12, triennial: 36 };

export function cycleMonths(cycle: BillingCycle): number {
  return CYCLE_MONTHS[cycle];
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as a UTC midnight timestamp; throws on anything but a real `YYYY-MM-DD`. */
export function dateValue(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = Date.UTC(year, month - 1, day);
  if (new Date(value).getUTCDate() !== day) throw new RangeError(`no such day: ${iso}`);
  return value;
}

export function isoDate(value: number): string {
  return new Date(value).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoDate(dateValue(iso) + days * DAY_MS);
}

/** Days from `from` to `to`, both counted (1 when equal). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((dateValue(to) - dateValue(from)) / DAY_MS) + 1;
}

/** Months since year 0 of an anchor's month, or of a date. */
function monthNumber(year: number, month: number): number {
  return year * 12 + (month - 1);
}

/** Where the anchor's period starting in absolute month `n` starts (day clamped to the month). */
function startIn(n: number, day: number): number {
  const year = Math.floor(n / 12);
  const monthIndex = n - year * 12;
  const value = new Date(0);
  value.setUTCFullYear(year, monthIndex, Math.min(day, daysInMonth(year, monthIndex)));
  return value.getTime();
}

function daysInMonth(year: number, monthIndex: number): number {
  const value = new Date(0);
  value.setUTCFullYear(year, monthIndex + 1, 0);
  return value.getUTCDate();
}

/** The period of `anchor` that contains `date`. */
export function periodContaining(anchor: BillingAnchor, date: string): BillingPeriod {
  const target = dateValue(date);
  const months = CYCLE_MONTHS[anchor.cycle];
  const at = new Date(target);
  const origin = monthNumber(anchor.year, anchor.month);
  let k = Math.floor((monthNumber(at.getUTCFullYear(), at.getUTCMonth() + 1) - origin) / months);
  if (startIn(origin + k * months, anchor.day) > target) k -= 1;
  const start = startIn(origin + k * months, anchor.day);
  const nextStart = startIn(origin + (k + 1) * months, anchor.day);
  return {
    start: isoDate(start),
    end: isoDate(nextStart - DAY_MS),
    days: Math.round((nextStart - start) / DAY_MS),
  };
}

/** The anchor of periods that start on `start` (a recurring invoice's first period, a renewal). */
export function anchorFrom(cycle: BillingCycle, start: string): BillingAnchor {
  const value = new Date(dateValue(start));
  return { cycle, day: value.getUTCDate(), month: value.getUTCMonth() + 1, year: value.getUTCFullYear() };
}

/**
 * Whether two anchors create on the same dates: same cycle and day, and for cycles longer than a
 * month the same month within the cycle. Anchors on the 28th–31st differ (they differ in most
 * months).
 */
export function sameSchedule(a: BillingAnchor, b: BillingAnchor): boolean {
  if (a.cycle !== b.cycle || a.day !== b.day) return false;
  const months = CYCLE_MONTHS[a.cycle];
  if (months === 1) return true;
  const apart = monthNumber(a.year, a.month) - monthNumber(b.year, b.month);
  return ((apart % months) + months) % months === 0;
}
