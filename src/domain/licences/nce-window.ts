/**
 * Quantity changes of CSP subscriptions under new-commerce (NCE) rules (issue 7): seats may be
 * added at any time; seats may be removed only within 7 days (168 hours) after purchase or the
 * last renewal, after which the next chance is the next renewal (the commitment end date).
 *
 * Whether a subscription is new-commerce is read from Partner Center's `offerId`: NCE offers are
 * `<productId>:<skuId>[:<availabilityId>]` (e.g. `CFQ7TTC0LH18:0001:CFQ7TTC0K5BF`), legacy offers
 * are GUIDs. Legacy subscriptions may be reduced at any time (Partner Center decides; the desk
 * does not guess a window for them). Pure: the caller passes the subscription and the time.
 */

const HOUR_MS = 3600 * 1000;
/** Microsoft's cancellation/decrease window after purchase or renewal. */
export const NCE_DECREASE_WINDOW_HOURS = 168;
/**
 * The highest seat count the desk asks for. Offers have their own maxima (many Business offers
 * stop at 300) which Partner Center enforces; this only stops a typo from buying a fortune.
 */
export const MAX_SUBSCRIPTION_QUANTITY = 100_000;

const NCE_OFFER = /^[A-Z0-9]{12}:[0-9]{4}(:[A-Z0-9]+)?$/i;
const TERM = /^P(\d+)([MY])$/i;
const MONTHS_PER_YEAR = 12;

/** What the window needs to know about a subscription (the desk's csp_subscriptions row). */
export interface WindowSubscription {
  offerId: string;
  /** Partner Center status: active, suspended, expired, deleted, pending, disabled, … */
  status: string;
  quantity: number;
  /** ISO 8601 term: P1M, P1Y, P3Y; null when unknown. */
  termDuration: string | null;
  autoRenew: boolean;
  /** Purchase (Partner Center `effectiveStartDate`, else `creationDate`). */
  startedAt: Date | null;
  /** End of the current term, the next renewal (`commitmentEndDate`). */
  commitmentEndsAt: Date | null;
}

/** Where the subscription stands for decreases at `now`. */
export type DecreaseWindow =
  | { kind: 'legacy' }
  | { kind: 'open'; closesAt: Date; termStartedAt: Date }
  | { kind: 'closed'; reopensAt: Date | null; termStartedAt: Date | null };

export type QuantityRefusalCode =
  | 'quantity.invalid'
  | 'quantity.zero'
  | 'quantity.tooLarge'
  | 'quantity.unchanged'
  | 'subscription.notActive'
  | 'subscription.decreaseWindowClosed';

export type QuantityVerdict =
  | { ok: true; direction: 'increase' | 'decrease'; window: DecreaseWindow }
  | { ok: false; code: QuantityRefusalCode; message: string; window: DecreaseWindow };

export function isNewCommerceOffer(offerId: string): boolean {
  return NCE_OFFER.test(offerId.trim());
}

/** Months in a term (`P1M` → 1, `P1Y` → 12, `P3Y` → 36); 0 when unknown. */
export function termMonths(termDuration: string | null): number {
  const m = termDuration ? TERM.exec(termDuration.trim()) : null;
  if (!m) return 0;
  return Number(m[1]) * (m[2]!.toUpperCase() === 'Y' ? MONTHS_PER_YEAR : 1);
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * The current term's start and end at `now`. A commitment end already past on an auto-renewing
 * subscription (the desk's copy is older than the renewal) is moved on by whole terms, as
 * Partner Center renews it.
 */
export function currentTerm(
  sub: WindowSubscription,
  now: Date,
): { startedAt: Date | null; endsAt: Date | null } {
  const months = termMonths(sub.termDuration);
  let end = sub.commitmentEndsAt;
  if (end && months > 0 && sub.autoRenew) {
    while (end.getTime() <= now.getTime()) end = addMonths(end, months);
  }
  if (!end || months === 0) return { startedAt: sub.startedAt, endsAt: end };
  const fromEnd = addMonths(end, -months);
  const startedAt = sub.startedAt && sub.startedAt.getTime() > fromEnd.getTime() ? sub.startedAt : fromEnd;
  return { startedAt, endsAt: end };
}

/** Whether seats may be removed now, and until or from when. */
export function decreaseWindow(sub: WindowSubscription, now: Date): DecreaseWindow {
  if (!isNewCommerceOffer(sub.offerId)) return { kind: 'legacy' };
  const term = currentTerm(sub, now);
  if (!term.startedAt) return { kind: 'closed', reopensAt: term.endsAt, termStartedAt: null };
  const closesAt = new Date(term.startedAt.getTime() + NCE_DECREASE_WINDOW_HOURS * HOUR_MS);
  if (now.getTime() < closesAt.getTime()) {
    return { kind: 'open', closesAt, termStartedAt: term.startedAt };
  }
  return { kind: 'closed', reopensAt: term.endsAt, termStartedAt: term.startedAt };
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const seats = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;

/**
 * Whether `requested` seats may be asked of Partner Center for `sub` at `now`, with words a
 * person can act on when not. Cancelling (quantity 0) is a different operation and refused here.
 */
export function checkQuantityChange(sub: WindowSubscription, requested: number, now: Date): QuantityVerdict {
  const window = decreaseWindow(sub, now);
  const refuse = (code: QuantityRefusalCode, message: string): QuantityVerdict => ({
    ok: false,
    code,
    message,
    window,
  });
  if (!Number.isInteger(requested) || requested < 0) {
    return refuse('quantity.invalid', 'The quantity must be a whole number of seats, 1 or more.');
  }
  if (requested === 0) {
    return refuse(
      'quantity.zero',
      'A quantity of 0 would cancel the subscription; cancelling is not done from Rollcall. Cancel it in Partner Center, or ask for 1 seat or more.',
    );
  }
  if (requested > MAX_SUBSCRIPTION_QUANTITY) {
    return refuse(
      'quantity.tooLarge',
      `${requested} seats is more than Rollcall asks for in one subscription (at most ${MAX_SUBSCRIPTION_QUANTITY}); check the number.`,
    );
  }
  if (sub.status.toLowerCase() !== 'active') {
    return refuse(
      'subscription.notActive',
      `The subscription is ${sub.status.toLowerCase()}; only an active subscription's quantity can be changed. Reactivate it in Partner Center first.`,
    );
  }
  if (requested === sub.quantity) {
    return refuse('quantity.unchanged', `The subscription already has ${seats(requested)}.`);
  }
  if (requested > sub.quantity) return { ok: true, direction: 'increase', window };
  if (window.kind === 'closed') {
    const when = window.reopensAt
      ? `Decreases reopen on ${day(window.reopensAt)} (the renewal date)${sub.autoRenew ? '' : ', when the subscription would renew; auto-renew is off, so set the renewal quantity in Partner Center instead'}.`
      : 'Partner Center gave no renewal date for it.';
    return refuse(
      'subscription.decreaseWindowClosed',
      `Cannot reduce from ${seats(sub.quantity)} to ${requested}: new-commerce subscriptions can only be reduced within 7 days (168 hours) of purchase or renewal, and that window closed. ${when} Adding seats is possible at any time.`,
    );
  }
  return { ok: true, direction: 'decrease', window };
}
