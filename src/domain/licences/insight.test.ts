import { describe, expect, it } from 'vitest';
import { costTotals, monthlyAmount, readSubscriptionPricing, subscriptionMonthly } from './insight-cost.js';
import {
  daysUntil,
  inactiveBefore,
  insightTotals,
  renewalWindow,
  skuInsight,
  totalsByCustomer,
  type SkuCounts,
} from './insight.js';

const counts = (over: Partial<SkuCounts> = {}): SkuCounts => ({
  paid: 0,
  assigned: 0,
  holders: 0,
  heldByDisabled: 0,
  heldByInactive: 0,
  heldByUnknown: 0,
  used: 0,
  ...over,
});

describe('a licence’s insight', () => {
  it('counts unassigned seats, seats held by disabled and inactive users, and the waste', () => {
    const sku = skuInsight(
      counts({
        paid: 25,
        assigned: 20,
        holders: 20,
        heldByDisabled: 2,
        heldByInactive: 3,
        heldByUnknown: 1,
        used: 14,
      }),
    );
    expect(sku).toMatchObject({ unassigned: 5, untracked: 0, wasted: 10, used: 14 });
  });

  it('never counts negative unassigned seats when more are assigned than paid (warning or suspended)', () => {
    expect(skuInsight(counts({ paid: 10, assigned: 12, holders: 12, heldByDisabled: 1 }))).toMatchObject({
      unassigned: 0,
      wasted: 1,
    });
  });

  it('says how many assigned seats have holders the desk does not know (users not imported)', () => {
    expect(skuInsight(counts({ paid: 50, assigned: 40, holders: 30, used: 30 }))).toMatchObject({
      untracked: 10,
      unassigned: 10,
      wasted: 10,
    });
  });

  it('never wastes more seats than were paid for', () => {
    expect(
      skuInsight(counts({ paid: 3, assigned: 1, holders: 6, heldByDisabled: 4, heldByInactive: 2 })).wasted,
    ).toBe(3);
  });

  it('keeps users with no known sign-in out of the waste: unknown is not inactive', () => {
    const sku = skuInsight(counts({ paid: 10, assigned: 10, holders: 10, heldByUnknown: 10 }));
    expect(sku.wasted).toBe(0);
    expect(sku.heldByUnknown).toBe(10);
  });

  it('reads nonsense counts as 0', () => {
    expect(skuInsight(counts({ paid: -4, assigned: Number.NaN })).paid).toBe(0);
  });
});

describe('totals', () => {
  const a = {
    ...skuInsight(counts({ paid: 10, assigned: 8, holders: 8, heldByDisabled: 1, used: 7 })),
    customerId: 'a',
    customerName: 'Alpha',
  };
  const b = {
    ...skuInsight(counts({ paid: 5, assigned: 5, holders: 5, heldByInactive: 2, used: 3 })),
    customerId: 'a',
    customerName: 'Alpha',
  };
  const c = {
    ...skuInsight(counts({ paid: 20, assigned: 4, holders: 4, used: 4 })),
    customerId: 'b',
    customerName: 'Bravo',
  };

  it('sums every figure across licences', () => {
    expect(insightTotals([a, b, c])).toEqual({
      licences: 3,
      paid: 35,
      assigned: 17,
      holders: 17,
      heldByDisabled: 1,
      heldByInactive: 2,
      heldByUnknown: 0,
      used: 14,
      unassigned: 18,
      untracked: 0,
      wasted: 21,
    });
  });

  it('groups per customer, most wasted first', () => {
    const byCustomer = totalsByCustomer([a, b, c]);
    expect(byCustomer.map((t) => [t.customerName, t.licences, t.wasted])).toEqual([
      ['Bravo', 1, 16],
      ['Alpha', 2, 5],
    ]);
  });

  it('is all zeros over no licences', () => {
    expect(insightTotals([])).toMatchObject({ licences: 0, paid: 0, wasted: 0 });
  });
});

describe('windows', () => {
  const now = new Date('2026-12-06T07:45:00Z');

  it('takes the inactivity limit back from now', () => {
    expect(inactiveBefore(now, 90).toISOString()).toBe('2026-09-07T07:45:00.000Z');
  });

  it('lists renewals from today to N days ahead, across a year end', () => {
    expect(renewalWindow(now, 30)).toEqual({ from: '2026-12-06', to: '2027-01-05' });
  });

  it('counts whole days to a renewal date', () => {
    expect(daysUntil('2026-12-06', now)).toBe(0);
    expect(daysUntil('2027-01-05', now)).toBe(30);
    expect(daysUntil('2028-03-01', new Date('2028-02-28T23:59:00Z'))).toBe(2);
  });
});

describe('money', () => {
  it('turns a yearly or three-yearly unit amount into a month of the quantity', () => {
    expect(monthlyAmount(10, 264, 'P1Y')).toBe(220);
    expect(monthlyAmount(3, 20.6, 'P1M')).toBe(61.8);
    expect(monthlyAmount(7, 100, 'P3Y')).toBe(19.44);
    expect(monthlyAmount(7, null, 'P1M')).toBeNull();
  });

  it('has no money for a subscription without a price: unknown, not zero', () => {
    expect(subscriptionMonthly(10, null)).toEqual({ currency: null, monthlyCost: null, monthlyPrice: null });
  });

  it('reads stored pricing, and nothing from something that is not pricing', () => {
    expect(readSubscriptionPricing({ currency: 'GBP', unitCost: 10, unitPrice: 12, period: 'P1M' })).toEqual({
      currency: 'GBP',
      unitCost: 10,
      unitPrice: 12,
      period: 'P1M',
    });
    expect(readSubscriptionPricing(null)).toBeNull();
    expect(readSubscriptionPricing({ currency: 'GBP', period: 'P1M' })).toBeNull();
    expect(readSubscriptionPricing({ currency: 'pounds', unitCost: 1, period: 'P1M' })).toBeNull();
  });

  it('sums per currency and counts the subscriptions without a price', () => {
    const totals = costTotals([
      { quantity: 10, pricing: { currency: 'GBP', unitCost: 10, unitPrice: 12.5, period: 'P1M' } },
      { quantity: 2, pricing: { currency: 'GBP', unitCost: 120, period: 'P1Y' } },
      { quantity: 4, pricing: { currency: 'USD', unitPrice: 30, period: 'P1M' } },
      { quantity: 50, pricing: null },
    ]);
    expect(totals).toEqual({
      priced: 3,
      unpriced: 1,
      byCurrency: [
        { currency: 'GBP', monthlyCost: 120, monthlyPrice: 125 },
        { currency: 'USD', monthlyCost: null, monthlyPrice: 120 },
      ],
    });
  });
});
