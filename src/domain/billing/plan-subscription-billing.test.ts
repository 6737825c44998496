import { describe, expect, it } from 'vitest';
import {
  planAddToInvoice,
  planSubscriptionBilling,
  subscriptionAnchor,
  type BillingState,
  type BillingStep,
  type BillingSubscription,
  type InvoiceCandidate,
  type NewLine,
} from './plan-subscription-billing.js';

const CUSTOMER = 'c1';

function subscription(overrides: Partial<BillingSubscription> = {}): BillingSubscription {
  return {
    id: 's1',
    customerId: CUSTOMER,
    friendlyName: 'Microsoft 365 Business Premium',
    offerName: 'Microsoft 365 Business Premium',
    quantity: 10,
    status: 'active',
    removed: false,
    billingCycle: 'monthly',
    billingType: 'license',
    termDuration: 'P1Y',
    startDate: '2026-02-15',
    // Co-termed to the month end: periods start on the 1st.
    commitmentEndDate: '2027-01-31',
    price: { unitPrice: 18, unitCost: 15.3, currency: 'GBP', period: 'P1M' },
    ...overrides,
  };
}

function invoice(overrides: Partial<InvoiceCandidate> = {}): InvoiceCandidate {
  return {
    id: 'inv-1',
    customerId: CUSTOMER,
    cycle: 'monthly',
    anchorDate: '2025-01-01',
    currency: 'GBP',
    active: true,
    createdAt: '2025-01-01T09:00:00Z',
    ...overrides,
  };
}

function state(overrides: Partial<BillingState> = {}): BillingState {
  return {
    subscription: subscription(),
    product: { id: 'p1', unitPrice: 18, currency: 'GBP', pricePeriod: 'P1M', priceSource: 'pricing' },
    line: null,
    lineInvoice: null,
    invoices: [invoice()],
    settings: { mode: 'productsAndInvoiceLines', linesFrom: '2026-01-01' },
    today: '2026-02-16',
    ...overrides,
  };
}

function linesOf(steps: BillingStep[]): NewLine[] {
  return steps.flatMap((s) => (s.kind === 'addLines' ? s.lines : []));
}

describe('products from subscriptions', () => {
  it('does nothing when products are not imported', () => {
    expect(
      planSubscriptionBilling(state({ product: null, settings: { mode: 'none', linesFrom: null } })),
    ).toEqual([]);
  });

  it('creates a product with the imported price, and no line, when only products are imported', () => {
    const steps = planSubscriptionBilling(
      state({ product: null, settings: { mode: 'products', linesFrom: null } }),
    );
    expect(steps).toEqual([
      {
        kind: 'createProduct',
        name: 'Microsoft 365 Business Premium',
        price: { unitPrice: 18, unitCost: 15.3, currency: 'GBP', pricePeriod: 'P1M', priceSource: 'pricing' },
      },
    ]);
  });

  it('follows a new imported price, but keeps a price typed on the desk', () => {
    const repriced = state({
      subscription: subscription({
        price: { unitPrice: 19.5, unitCost: 16, currency: 'GBP', period: 'P1M' },
      }),
      settings: { mode: 'products', linesFrom: null },
    });
    expect(planSubscriptionBilling(repriced)).toEqual([
      {
        kind: 'updateProductPrice',
        productId: 'p1',
        price: { unitPrice: 19.5, unitCost: 16, currency: 'GBP', pricePeriod: 'P1M', priceSource: 'pricing' },
      },
    ]);
    const manual = {
      ...repriced,
      product: {
        id: 'p1',
        unitPrice: 25,
        currency: 'GBP',
        pricePeriod: 'P1M' as const,
        priceSource: 'manual' as const,
      },
    };
    expect(planSubscriptionBilling(manual)).toEqual([]);
  });
});

describe('a new subscription on a recurring invoice', () => {
  it('adds a recurring line and a pro-rata line to the day', () => {
    const lines = linesOf(planSubscriptionBilling(state()));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      kind: 'recurring',
      invoiceId: 'inv-1',
      quantity: 10,
      unitPrice: 18,
      amount: 180,
      periodFraction: 1,
    });
    // 15–28 February 2026: 14 of 28 days.
    expect(lines[1]).toMatchObject({
      kind: 'proRata',
      quantity: 10,
      unitPrice: 18,
      periodStart: '2026-02-15',
      periodEnd: '2026-02-28',
      periodFraction: 0.5,
      amount: 90,
      description: 'Microsoft 365 Business Premium: pro-rata for 10 seats, 15 Feb 2026 to 28 Feb 2026',
    });
  });

  it('counts 29 days in a leap February', () => {
    const s = state({
      subscription: subscription({ startDate: '2028-02-15', commitmentEndDate: '2029-01-31' }),
      today: '2028-02-15',
    });
    const proRata = linesOf(planSubscriptionBilling(s))[1]!;
    expect(proRata.periodFraction).toBeCloseTo(15 / 29, 8);
    expect(proRata.amount).toBe(93.1); // 10 × 18 × 15/29 = 93.103…
  });

  it('charges whole periods already invoiced when the subscription is seen late', () => {
    const late = state({ today: '2026-03-03' });
    const proRata = linesOf(planSubscriptionBilling(late))[1]!;
    expect(proRata.periodEnd).toBe('2026-03-31');
    expect(proRata.periodFraction).toBe(1.5);
    expect(proRata.amount).toBe(270);
  });

  it('adds no pro-rata line for a subscription starting after the current period', () => {
    const future = state({
      subscription: subscription({ startDate: '2026-03-01', commitmentEndDate: '2027-02-28' }),
      today: '2026-02-20',
    });
    expect(linesOf(planSubscriptionBilling(future)).map((l) => l.kind)).toEqual(['recurring']);
  });

  it('picks the newest active invoice billing on the same schedule', () => {
    const invoices = [
      invoice({ id: 'old', createdAt: '2024-01-01T00:00:00Z' }),
      invoice({ id: 'newest', createdAt: '2026-01-05T00:00:00Z' }),
      invoice({ id: 'stopped', createdAt: '2026-02-01T00:00:00Z', active: false }),
      invoice({ id: 'the-15th', anchorDate: '2026-01-15', createdAt: '2026-02-02T00:00:00Z' }),
      invoice({ id: 'annual', cycle: 'annual', createdAt: '2026-02-03T00:00:00Z' }),
      invoice({ id: 'other-customer', customerId: 'c2', createdAt: '2026-02-04T00:00:00Z' }),
    ];
    const lines = linesOf(planSubscriptionBilling(state({ invoices })));
    expect(new Set(lines.map((l) => l.invoiceId))).toEqual(new Set(['newest']));
  });

  it('puts an annual subscription on an annual invoice at its yearly price', () => {
    const annual = subscription({
      billingCycle: 'annual',
      startDate: '2026-04-06',
      commitmentEndDate: '2027-04-05',
      price: { unitPrice: 216, unitCost: 180, currency: 'GBP', period: 'P1Y' },
    });
    const invoices = [invoice(), invoice({ id: 'tax-year', cycle: 'annual', anchorDate: '2020-04-06' })];
    const lines = linesOf(
      planSubscriptionBilling(state({ subscription: annual, invoices, today: '2026-04-06' })),
    );
    expect(lines[0]).toMatchObject({ invoiceId: 'tax-year', unitPrice: 216, amount: 2160 });
    expect(lines[1]).toMatchObject({ periodStart: '2026-04-06', periodEnd: '2027-04-05', periodFraction: 1 });
  });

  it("bills from the commitment end's anniversary, whichever way Partner Center gives the end", () => {
    // New commerce: bought 15 March, the term ends 14 March: periods start on the 15th.
    const nce = subscription({ startDate: '2026-03-15', commitmentEndDate: '2027-03-14' });
    expect(subscriptionAnchor(nce)).toMatchObject({ cycle: 'monthly', day: 15 });
    // An end on the anniversary itself: periods start on that day too.
    const anniversary = subscription({ startDate: '2026-03-15', commitmentEndDate: '2027-03-15' });
    expect(subscriptionAnchor(anniversary)).toMatchObject({ day: 15 });
    // Co-termed to a month end: periods start on the 1st.
    expect(subscriptionAnchor(subscription())).toMatchObject({ day: 1 });
    expect(subscriptionAnchor(subscription({ commitmentEndDate: null }))).toMatchObject({ day: 15 });
  });

  it('says why a subscription is not on an invoice', () => {
    const noInvoice = planSubscriptionBilling(state({ invoices: [invoice({ anchorDate: '2026-01-15' })] }));
    expect(noInvoice.at(-1)).toEqual({
      kind: 'note',
      note: 'Not on an invoice: the customer has no active recurring invoice billing on day 1 of each month. Create one, or add the subscription to an invoice by hand.',
    });
    const before = planSubscriptionBilling(
      state({ subscription: subscription({ startDate: '2025-11-15' }) }),
    );
    expect(linesOf(before)).toEqual([]);
    expect(before.at(-1)).toMatchObject({
      kind: 'note',
      note: expect.stringContaining('before invoice lines were switched on'),
    });
    const usage = planSubscriptionBilling(
      state({ subscription: subscription({ billingCycle: 'none', termDuration: null }) }),
    );
    expect(usage.at(-1)).toMatchObject({ note: expect.stringContaining('billed on usage') });
    // An Azure plan bills monthly, by usage: consumption billing's, never a seat line.
    const azurePlan = planSubscriptionBilling(
      state({ subscription: subscription({ billingType: 'usage', quantity: 1, price: null }) }),
    );
    expect(linesOf(azurePlan)).toEqual([]);
    expect(azurePlan.at(-1)).toMatchObject({ note: expect.stringContaining('billed on usage') });
    const unmapped = planSubscriptionBilling(state({ subscription: subscription({ customerId: null }) }));
    expect(unmapped.at(-1)).toMatchObject({ note: expect.stringContaining('not mapped to a customer') });
  });

  it('adds the lines without a price when none is known, and says so', () => {
    const steps = planSubscriptionBilling(
      state({ subscription: subscription({ price: null }), product: null }),
    );
    expect(linesOf(steps).map((l) => [l.unitPrice, l.amount])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(steps.at(-1)).toMatchObject({ note: expect.stringContaining('no price') });
  });

  it('does not price lines in another currency than the invoice', () => {
    const steps = planSubscriptionBilling(state({ invoices: [invoice({ currency: 'EUR' })] }));
    expect(linesOf(steps)[0]).toMatchObject({ unitPrice: null, currency: 'EUR' });
    expect(steps.at(-1)).toMatchObject({ note: expect.stringContaining('priced in GBP') });
  });
});

describe('quantity changes', () => {
  const onInvoice = (quantity: number, billed: number, overrides: Partial<BillingState> = {}) =>
    planSubscriptionBilling(
      state({
        subscription: subscription({ quantity }),
        line: { id: 'line-1', invoiceId: 'inv-1', quantity: billed, unitPrice: 18 },
        lineInvoice: invoice(),
        today: '2026-03-15',
        ...overrides,
      }),
    );

  it('bills added seats pro-rata for the rest of the period', () => {
    const [step] = onInvoice(13, 10);
    expect(step).toMatchObject({ kind: 'setBilledQuantity', lineId: 'line-1', from: 10, quantity: 13 });
    const adjustment = (step as Extract<BillingStep, { kind: 'setBilledQuantity' }>).adjustment!;
    // 15–31 March: 17 of 31 days, 3 seats at 18.
    expect(adjustment).toMatchObject({
      kind: 'adjustment',
      quantity: 3,
      periodStart: '2026-03-15',
      periodEnd: '2026-03-31',
      amount: 29.61,
    });
    expect(adjustment.description).toBe(
      'Microsoft 365 Business Premium: 3 seats added (10 → 13), 15 Mar 2026 to 31 Mar 2026',
    );
    expect(adjustment.sourceKey).toBe('subscription:s1:quantity:10->13:2026-03-15');
  });

  it('credits removed seats, and a cancelled subscription bills no seats', () => {
    const removed = onInvoice(8, 10)[0] as Extract<BillingStep, { kind: 'setBilledQuantity' }>;
    expect(removed.adjustment).toMatchObject({ quantity: -2, amount: -19.74 });
    const cancelled = onInvoice(10, 10, { subscription: subscription({ status: 'deleted' }) })[0] as Extract<
      BillingStep,
      { kind: 'setBilledQuantity' }
    >;
    expect(cancelled).toMatchObject({ quantity: 0, adjustment: { quantity: -10 } });
  });

  it('finds nothing to do once the billed quantity is the quantity (re-syncs, retries, late webhooks)', () => {
    expect(onInvoice(10, 10)).toEqual([{ kind: 'note', note: null }]);
  });

  it('prices a recurring line added without a price once the product has one', () => {
    const unpriced = (price: BillingSubscription['price']) =>
      planSubscriptionBilling(
        state({
          subscription: subscription({ price }),
          line: { id: 'line-1', invoiceId: 'inv-1', quantity: 10, unitPrice: null },
          lineInvoice: invoice(),
        }),
      );
    expect(unpriced({ unitPrice: 18, unitCost: 15, currency: 'GBP', period: 'P1Y' })).toContainEqual({
      kind: 'priceLine',
      lineId: 'line-1',
      unitPrice: 1.5,
    });
    expect(unpriced(null).at(-1)).toMatchObject({
      kind: 'note',
      note: expect.stringContaining('without a price'),
    });
  });
});

describe('adding a subscription to an invoice by hand', () => {
  const before = state({
    subscription: subscription({ startDate: '2025-06-15', commitmentEndDate: '2026-06-14' }),
  });

  it('adds only its recurring line, on the invoice billing on its schedule or the one named', () => {
    const onFifteenth = invoice({ id: 'on-15th', anchorDate: '2025-01-15' });
    const planned = planAddToInvoice({ ...before, invoices: [invoice(), onFifteenth] }, null);
    expect('steps' in planned && linesOf(planned.steps)).toEqual([
      expect.objectContaining({ kind: 'recurring', invoiceId: 'on-15th', quantity: 10, amount: 180 }),
    ]);
    const named = planAddToInvoice({ ...before, invoices: [invoice(), onFifteenth] }, 'inv-1');
    expect('steps' in named && linesOf(named.steps).map((l) => l.invoiceId)).toEqual(['inv-1']);
  });

  it("refuses twice, another customer's invoice, and no matching invoice", () => {
    expect(
      planAddToInvoice(
        { ...before, line: { id: 'l', invoiceId: 'inv-1', quantity: 10, unitPrice: 18 } },
        null,
      ),
    ).toMatchObject({
      refused: { code: 'alreadyOnInvoice' },
    });
    expect(planAddToInvoice(before, 'not-theirs')).toMatchObject({
      refused: { code: 'invoiceOfAnotherCustomer' },
    });
    expect(planAddToInvoice(before, null)).toMatchObject({
      refused: { code: 'noInvoice', message: expect.stringContaining('on day 15 of each month') },
    });
  });
});
