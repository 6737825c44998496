/**
 * Licence insight: seats paid, assigned and used per licence (SKU of a customer tenant), the seats
 * nobody gets value from, and totals. Pure arithmetic over counts the store aggregates in SQL; see
 * docs/licence-insight.md for the definitions.
 */

/** Days without a sign-in after which a licensed, enabled user counts as inactive. */
export const DEFAULT_INACTIVE_DAYS = 90;
/** How far ahead renewals are listed. */
export const DEFAULT_RENEWING_WITHIN_DAYS = 30;

/** What the store counts for one licence (a SKU a customer tenant holds). */
export interface SkuCounts {
  /** Seats paid: Partner Center `totalUnits` / Graph `prepaidUnits` enabled + warning. */
  paid: number;
  /** Seats assigned to someone: `consumedUnits`. */
  assigned: number;
  /** Desk users known to hold it (from the users import). */
  holders: number;
  /** Holders whose desk record is inactive (account disabled or deleted in Microsoft). */
  heldByDisabled: number;
  /** Enabled holders whose last sign-in is older than the inactivity limit. */
  heldByInactive: number;
  /** Enabled holders whose last sign-in is not known (never signed in, or not read). */
  heldByUnknown: number;
  /** Enabled holders who signed in within the inactivity limit. */
  used: number;
}

/** One licence's insight: its counts and what follows from them. */
export interface SkuInsight extends SkuCounts {
  /** Seats paid for and assigned to nobody: `paid − assigned`, never below 0. */
  unassigned: number;
  /** Assigned seats whose holder the desk does not know (users not imported): `assigned − holders`, ≥ 0. */
  untracked: number;
  /** Paid seats nobody gets value from: unassigned + held by disabled + held by inactive, at most `paid`. */
  wasted: number;
}

const whole = (n: number) => Math.max(0, Math.trunc(Number.isFinite(n) ? n : 0));

/** The insight of one licence from its counts. */
export function skuInsight(counts: SkuCounts): SkuInsight {
  const c = {
    paid: whole(counts.paid),
    assigned: whole(counts.assigned),
    holders: whole(counts.holders),
    heldByDisabled: whole(counts.heldByDisabled),
    heldByInactive: whole(counts.heldByInactive),
    heldByUnknown: whole(counts.heldByUnknown),
    used: whole(counts.used),
  };
  const unassigned = Math.max(0, c.paid - c.assigned);
  return {
    ...c,
    unassigned,
    untracked: Math.max(0, c.assigned - c.holders),
    wasted: Math.min(c.paid, unassigned + c.heldByDisabled + c.heldByInactive),
  };
}

/** Sums of every count of several licences, and how many there are. */
export interface InsightTotals extends SkuInsight {
  licences: number;
}

const TOTAL_FIELDS = [
  'paid',
  'assigned',
  'holders',
  'heldByDisabled',
  'heldByInactive',
  'heldByUnknown',
  'used',
  'unassigned',
  'untracked',
  'wasted',
] as const satisfies readonly (keyof SkuInsight)[];

/** Totals of `rows` (per customer, or across all): each licence's figures summed. */
export function insightTotals(rows: readonly SkuInsight[]): InsightTotals {
  const totals = Object.fromEntries(TOTAL_FIELDS.map((f) => [f, 0])) as Record<
    (typeof TOTAL_FIELDS)[number],
    number
  >;
  for (const row of rows) for (const field of TOTAL_FIELDS) totals[field] += row[field];
  return { ...totals, licences: rows.length };
}

/** Totals per customer, most wasted seats first (then by name). */
export function totalsByCustomer<T extends SkuInsight & { customerId: string; customerName: string }>(
  rows: readonly T[],
): (InsightTotals & { customerId: string; customerName: string })[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.customerId);
    if (group) group.push(row);
    else groups.set(row.customerId, [row]);
  }
  return [...groups.values()]
    .map((group) => ({
      customerId: group[0]!.customerId,
      customerName: group[0]!.customerName,
      ...insightTotals(group),
    }))
    .sort((a, b) => b.wasted - a.wasted || a.customerName.localeCompare(b.customerName));
}

const DAY_MS = 86_400_000;

/** The calendar date (UTC) of `at`, YYYY-MM-DD. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The time before which a last sign-in makes a user inactive. */
export function inactiveBefore(now: Date, inactiveDays: number): Date {
  return new Date(now.getTime() - whole(inactiveDays) * DAY_MS);
}

/** Renewal dates listed: from today to `days` days ahead, both included (UTC dates). */
export function renewalWindow(now: Date, days: number): { from: string; to: string } {
  return { from: isoDay(now), to: isoDay(new Date(now.getTime() + whole(days) * DAY_MS)) };
}

/** Whole days from today (UTC) to `date` (YYYY-MM-DD); 0 on the day itself. */
export function daysUntil(date: string, now: Date): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${isoDay(now)}T00:00:00Z`)) / DAY_MS);
}
