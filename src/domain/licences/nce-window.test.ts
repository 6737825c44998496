import { describe, expect, it } from 'vitest';
import {
  checkQuantityChange,
  currentTerm,
  decreaseWindow,
  isNewCommerceOffer,
  termMonths,
  type WindowSubscription,
} from './nce-window.js';

const NCE_OFFER = 'CFQ7TTC0LH18:0001:CFQ7TTC0K5BF';
const LEGACY_OFFER = '031C9E47-4802-4248-838E-778FB1D2CC05';

function sub(overrides: Partial<WindowSubscription> = {}): WindowSubscription {
  return {
    offerId: NCE_OFFER,
    status: 'active',
    quantity: 10,
    termDuration: 'P1Y',
    autoRenew: true,
    startedAt: new Date('2026-01-10T09:00:00Z'),
    commitmentEndsAt: new Date('2027-01-10T09:00:00Z'),
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);

describe('new-commerce offers', () => {
  it('tells NCE offer ids from legacy GUID offers', () => {
    expect(isNewCommerceOffer(NCE_OFFER)).toBe(true);
    expect(isNewCommerceOffer('CFQ7TTC0LH18:0001')).toBe(true);
    expect(isNewCommerceOffer(LEGACY_OFFER)).toBe(false);
  });

  it('reads term durations', () => {
    expect(termMonths('P1M')).toBe(1);
    expect(termMonths('P1Y')).toBe(12);
    expect(termMonths('P3Y')).toBe(36);
    expect(termMonths(null)).toBe(0);
    expect(termMonths('monthly')).toBe(0);
  });
});

describe('the decrease window', () => {
  it('is open for 168 hours after purchase, to the millisecond', () => {
    const s = sub();
    expect(decreaseWindow(s, at('2026-01-17T08:59:59.999Z'))).toMatchObject({
      kind: 'open',
      closesAt: at('2026-01-17T09:00:00Z'),
    });
    expect(decreaseWindow(s, at('2026-01-17T09:00:00Z'))).toMatchObject({
      kind: 'closed',
      reopensAt: at('2027-01-10T09:00:00Z'),
    });
  });

  it('reopens after a renewal the desk has not seen yet (auto-renew moves the term on)', () => {
    const s = sub({ commitmentEndsAt: at('2026-02-10T09:00:00Z'), termDuration: 'P1M' });
    // Two renewals later: the term started on 10 April.
    expect(currentTerm(s, at('2026-04-12T00:00:00Z'))).toEqual({
      startedAt: at('2026-04-10T09:00:00Z'),
      endsAt: at('2026-05-10T09:00:00Z'),
    });
    expect(decreaseWindow(s, at('2026-04-12T00:00:00Z')).kind).toBe('open');
    expect(decreaseWindow(s, at('2026-04-20T00:00:00Z'))).toMatchObject({
      kind: 'closed',
      reopensAt: at('2026-05-10T09:00:00Z'),
    });
  });

  it('starts at the last renewal of a multi-year term, not at purchase', () => {
    const s = sub({
      termDuration: 'P1Y',
      startedAt: at('2024-03-01T00:00:00Z'),
      commitmentEndsAt: at('2027-03-01T00:00:00Z'),
    });
    expect(decreaseWindow(s, at('2026-03-03T00:00:00Z')).kind).toBe('open');
  });

  it('does not apply to legacy offers', () => {
    expect(decreaseWindow(sub({ offerId: LEGACY_OFFER }), at('2026-06-01T00:00:00Z'))).toEqual({
      kind: 'legacy',
    });
  });
});

describe('checkQuantityChange', () => {
  const late = at('2026-06-01T00:00:00Z');
  const early = at('2026-01-12T00:00:00Z');

  it('allows an increase at any time', () => {
    expect(checkQuantityChange(sub(), 12, late)).toMatchObject({ ok: true, direction: 'increase' });
  });

  it('allows a decrease inside the window', () => {
    expect(checkQuantityChange(sub(), 8, early)).toMatchObject({ ok: true, direction: 'decrease' });
  });

  it('refuses a decrease outside the window, naming the quantities and the reopen date', () => {
    const verdict = checkQuantityChange(sub(), 8, late);
    expect(verdict).toMatchObject({ ok: false, code: 'subscription.decreaseWindowClosed' });
    if (verdict.ok) throw new Error('expected a refusal');
    expect(verdict.message).toContain('from 10 seats to 8');
    expect(verdict.message).toContain('Decreases reopen on 2027-01-10');
    expect(verdict.message).toContain('Adding seats is possible at any time');
  });

  it('says what to do when auto-renew is off', () => {
    const verdict = checkQuantityChange(sub({ autoRenew: false }), 8, late);
    expect(!verdict.ok && verdict.message).toContain('auto-renew is off');
  });

  it('allows a legacy decrease at any time', () => {
    expect(checkQuantityChange(sub({ offerId: LEGACY_OFFER }), 2, late)).toMatchObject({ ok: true });
  });

  it('refuses 0 (a cancellation), fractions, negatives and absurd numbers', () => {
    expect(checkQuantityChange(sub(), 0, early)).toMatchObject({ ok: false, code: 'quantity.zero' });
    expect(checkQuantityChange(sub(), 1.5, early)).toMatchObject({ ok: false, code: 'quantity.invalid' });
    expect(checkQuantityChange(sub(), -1, early)).toMatchObject({ ok: false, code: 'quantity.invalid' });
    expect(checkQuantityChange(sub(), 100_001, early)).toMatchObject({
      ok: false,
      code: 'quantity.tooLarge',
    });
    expect(checkQuantityChange(sub(), 100_000, early)).toMatchObject({ ok: true });
  });

  it('refuses suspended and expired subscriptions with their status', () => {
    const verdict = checkQuantityChange(sub({ status: 'suspended' }), 12, early);
    expect(verdict).toMatchObject({ ok: false, code: 'subscription.notActive' });
    expect(!verdict.ok && verdict.message).toContain('The subscription is suspended');
    expect(checkQuantityChange(sub({ status: 'expired' }), 12, early)).toMatchObject({
      ok: false,
      code: 'subscription.notActive',
    });
  });

  it('refuses asking for the quantity it already has', () => {
    expect(checkQuantityChange(sub(), 10, early)).toMatchObject({ ok: false, code: 'quantity.unchanged' });
  });
});
