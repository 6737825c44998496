/**
 * New-commerce (NCE) term arithmetic. NCE offer ids are `<productId>:<skuId>[:<availabilityId>]`
 * (e.g. `CFQ7TTC0LH18:0001:…`); legacy offers are GUIDs and may be decreased at any time.
 */

const DAY_MS = 24 * 3600 * 1000;
const NCE_OFFER = /^[A-Z0-9]{12}:[0-9]{4}(:[A-Z0-9]+)?$/i;
const TERM = /^P(\d+)([MY])$/i;
const MONTHS_PER_YEAR = 12;

export function isNewCommerce(offerId: string): boolean {
  return NCE_OFFER.test(offerId);
}

/** Months in a term duration (`P1M`, `P1Y`, `P3Y`); 0 when unknown. */
export function termMonths(termDuration: unknown): number {
  const m = typeof termDuration === 'string' ? TERM.exec(termDuration) : null;
  if (!m) return 0;
  return Number(m[1]) * (m[2]!.toUpperCase() === 'Y' ? MONTHS_PER_YEAR : 1);
}

export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/**
 * Renews an auto-renewing subscription whose commitment ended before `now`: the commitment end
 * moves on by whole terms. Returns true when `props` changed.
 */
export function rollRenewals(props: Record<string, unknown>, now: number): boolean {
  const months = termMonths(props.termDuration);
  const end = Date.parse(String(props.commitmentEndDate));
  if (!props.autoRenewEnabled || months === 0 || Number.isNaN(end) || end > now) return false;
  let next = end;
  while (next <= now) next = addMonths(next, months);
  props.commitmentEndDate = new Date(next).toISOString();
  return true;
}

/** Start of the current term: purchase, or the last renewal (commitment end minus one term). */
export function currentTermStart(props: Record<string, unknown>): number {
  const start = Date.parse(String(props.effectiveStartDate));
  const end = Date.parse(String(props.commitmentEndDate));
  const months = termMonths(props.termDuration);
  if (Number.isNaN(end) || months === 0) return start;
  return Math.max(start, addMonths(end, -months));
}

/** NCE seat reductions are allowed only within the window after purchase or renewal. */
export function decreaseAllowed(props: Record<string, unknown>, now: number, windowDays: number): boolean {
  if (!isNewCommerce(String(props.offerId))) return true;
  return now < currentTermStart(props) + windowDays * DAY_MS;
}
