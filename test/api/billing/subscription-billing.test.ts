import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBillingJobDeps,
  reconcileConnectionBilling,
} from '../../../src/api/integrations/billing/subscription-billing.js';
import { createSubscriptionJobDeps } from '../../../src/api/integrations/subscriptions/quantity-changes.js';
import type {
  BillingSettingsView,
  InvoiceLineView,
  ProductView,
  RecurringInvoiceDetail,
} from '../../../src/contracts/api/billing.js';
import type { QuantityChangeView } from '../../../src/contracts/api/csp-subscriptions.js';
import type { PcSubscriptionWithPending } from '../../../src/emulator/partner-center/records.js';
import { queryRows } from '../../../src/store/index.js';
import { call, givenAgent } from '../access/fixtures.js';
import { setConnectionImportType } from '../csp/licences-fixtures.js';
import { startSubscriptionWorld, type SubscriptionWorld } from '../subscriptions/subscription-world.js';

let w: SubscriptionWorld;
const DAY_MS = 86_400_000;

/** Today (UTC) and the calendar month around it: the invoice bills monthly on the 1st. */
function monthOf(now: Date) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return {
    today: iso(now),
    first: iso(new Date(Date.UTC(y, m, 1))),
    last: iso(new Date(Date.UTC(y, m, days))),
    days,
    daysLeft: days - now.getUTCDate() + 1,
    /** The last day of this month next year: a term co-termed to a month end. */
    coTermEnd: new Date(Date.UTC(y + 1, m + 1, 0)).toISOString(),
  };
}

async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  status = 200,
) {
  const res = await call(w.app, w.admin, method, url, body);
  expect(res.statusCode, res.body).toBe(status);
  return (res.body ? res.json() : null) as T;
}

async function products(): Promise<ProductView[]> {
  return (await api<{ items: ProductView[] }>('GET', `/api/products?customerId=${w.customerId}&limit=200`))
    .items;
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

/** Buys a SKU in the emulator: a new CSP subscription, today. */
async function buy(sku: string, seats: number): Promise<PcSubscriptionWithPending> {
  const before = new Set(w.pcSubscriptions().map((s) => s.props.id));
  const res = await w.emu.inject({
    method: 'POST',
    url: `/_emulator/tenants/${w.tenantId}/skus`,
    body: { sku, enabled: seats },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const bought = w.pcSubscriptions().find((s) => !before.has(s.props.id))!;
  // A year's term billed monthly, co-termed to a month end: billing periods start on the 1st.
  bought.props.commitmentEndDate = monthOf(new Date(w.emu.clock.now())).coTermEnd;
  bought.props.billingCycle = 'monthly';
  return bought;
}

const lineCount = async () =>
  (
    await queryRows<{ n: number }>(w.app.deps.db, sql`select count(*)::int as n from recurring_invoice_lines`)
  )[0]!.n;

let invoiceId: string;
let month: ReturnType<typeof monthOf>;

beforeAll(async () => {
  w = await startSubscriptionWorld();
  // What the desk had before billing was switched on: bought a month ago or more.
  for (const sub of w.pcSubscriptions()) w.purchasedDaysAgo(sub, 40);
  await w.importSubscriptions();
  month = monthOf(new Date(w.emu.clock.now()));
}, 90_000);
afterAll(() => w?.close());

describe('products and recurring invoices from CSP subscriptions', () => {
  it('refuses products while the connection imports SKUs only, naming the setting to change', async () => {
    await setConnectionImportType(w, 'skus');
    const res = await call(w.app, w.admin, 'PUT', `/api/csp/connections/${w.connection.id}/billing`, {
      importProducts: 'products',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      errors: [
        {
          field: 'importProducts',
          message: expect.stringContaining("licence import type to 'subscriptions' or 'both'"),
        },
      ],
    });
    const settings = await api<BillingSettingsView>('GET', `/api/csp/connections/${w.connection.id}/billing`);
    expect(settings).toEqual({
      importProducts: 'none',
      invoiceLinesFrom: null,
      subscriptionsImported: false,
    });
    await setConnectionImportType(w, 'both');
  });

  it('creates a product per subscription, linked to it, without invoice lines for subscriptions already there', async () => {
    const older = await api<RecurringInvoiceDetail>(
      'POST',
      `/api/customers/${w.customerId}/recurring-invoices`,
      {
        reference: 'Monthly (old)',
        cycle: 'monthly',
        anchorDate: '2024-01-01',
        currency: 'GBP',
      },
      201,
    );
    await api(
      'POST',
      `/api/customers/${w.customerId}/recurring-invoices`,
      {
        reference: 'Mid-month',
        cycle: 'monthly',
        anchorDate: '2024-01-15',
        currency: 'GBP',
      },
      201,
    );
    const newest = await api<RecurringInvoiceDetail>(
      'POST',
      `/api/customers/${w.customerId}/recurring-invoices`,
      {
        reference: 'Monthly',
        cycle: 'monthly',
        anchorDate: '2025-06-01',
        currency: 'gbp',
      },
      201,
    );
    expect(newest).toMatchObject({
      currency: 'GBP',
      currentPeriod: { start: month.first, end: month.last },
      lines: [],
      lineCount: 0,
    });
    expect(older.id).not.toBe(newest.id);
    invoiceId = newest.id;

    const saved = await api<BillingSettingsView>('PUT', `/api/csp/connections/${w.connection.id}/billing`, {
      importProducts: 'productsAndInvoiceLines',
    });
    expect(saved).toEqual({
      importProducts: 'productsAndInvoiceLines',
      invoiceLinesFrom: month.today,
      subscriptionsImported: true,
    });

    const subscriptions = await queryRows<{ id: string; friendly_name: string }>(
      w.app.deps.db,
      sql`select id, friendly_name from csp_subscriptions where connection_id = ${w.connection.id}`,
    );
    const created = await waitFor('products', products, (p) => p.length === subscriptions.length);
    expect(new Set(created.map((p) => p.subscription?.id))).toEqual(new Set(subscriptions.map((s) => s.id)));
    for (const product of created) {
      expect(product.customerId).toBe(w.customerId);
      expect(product.billingNote).toMatch(/before invoice lines were switched on/);
    }
    expect(await lineCount()).toBe(0);
  });

  it('puts a new subscription on the newest invoice billing on its schedule, with a pro-rata line to the day', async () => {
    const bought = await buy('EMS', 4);
    await w.importSubscriptions();
    const invoice = await api<RecurringInvoiceDetail>('GET', `/api/recurring-invoices/${invoiceId}`);
    const row = await w.deskRow(bought.props.id);
    const lines = invoice.lines.filter((l) => l.subscriptionId === row.id);
    expect(lines.map((l) => l.kind)).toEqual(['recurring', 'proRata']);
    expect(lines[0]).toMatchObject({ quantity: 4, periodFraction: 1, oneOff: false });
    expect(lines[1]).toMatchObject({
      quantity: 4,
      periodStart: month.today,
      periodEnd: month.last,
      oneOff: true,
    });
    expect(lines[1]!.periodFraction).toBeCloseTo(month.daysLeft / month.days, 6);
    // No price was imported: the lines say so until a price is set.
    expect(lines.map((l) => l.amount)).toEqual([null, null]);
    const product = (await products()).find((p) => p.subscription?.id === row.id)!;
    expect(product.billingNote).toMatch(/without a price/);
    // Linked both ways: the customer's subscription names its product and invoice.
    const listed = await api<{
      items: { id: string; productId: string | null; recurringInvoiceId: string | null }[];
    }>('GET', `/api/customers/${w.customerId}/subscriptions?limit=200`);
    expect(listed.items.find((s) => s.id === row.id)).toMatchObject({
      productId: product.id,
      recurringInvoiceId: invoiceId,
    });

    // A price typed on the desk: the product keeps it, and a line's amount follows its price.
    const priced = await api<ProductView>('PATCH', `/api/products/${product.id}`, { unitPrice: 9.6 });
    expect(priced).toMatchObject({ unitPrice: 9.6, priceSource: 'manual' });
    // The recurring line, added without a price, takes it at once; the one-off line keeps none.
    const repriced = await api<RecurringInvoiceDetail>('GET', `/api/recurring-invoices/${invoiceId}`);
    expect(repriced.lines.find((l) => l.id === lines[0]!.id)).toMatchObject({ unitPrice: 9.6, amount: 38.4 });
    expect(repriced.lines.find((l) => l.id === lines[1]!.id)).toMatchObject({
      unitPrice: null,
      amount: null,
    });
    const proRata = await api<InvoiceLineView>(
      'PATCH',
      `/api/recurring-invoices/${invoiceId}/lines/${lines[1]!.id}`,
      {
        unitPrice: 9.6,
      },
    );
    expect(proRata.amount).toBe(Math.round(4 * 9.6 * (month.daysLeft / month.days) * 100) / 100);
  });

  it('never adds a line twice: re-syncs and concurrent reconciles find nothing to do', async () => {
    const before = await lineCount();
    await w.importSubscriptions();
    const connection = {
      ...w.connection,
      settings: {
        ...w.connection.settings,
        importProducts: 'productsAndInvoiceLines',
        invoiceLinesFrom: month.today,
      },
    };
    const results = await Promise.all(
      [1, 2, 3].map(() => reconcileConnectionBilling(w.app.deps.db, connection, new Date(w.emu.clock.now()))),
    );
    expect(results.map((r) => r.linesAdded + r.adjustments + r.productsCreated)).toEqual([0, 0, 0]);
    expect(await lineCount()).toBe(before);
  });

  it('bills seats added from the desk pro-rata once Partner Center confirmed them', async () => {
    const sub = w
      .pcSubscriptions()
      .find((s) => s.props.quantity === 4 && s.props.commitmentEndDate === month.coTermEnd)!;
    const row = await w.deskRow(sub.props.id);
    const res = await call(w.app, w.admin, 'POST', `/api/csp/subscriptions/${row.id}/quantity`, {
      quantity: 7,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect((await w.settled((res.json() as QuantityChangeView).id)).status).toBe('succeeded');

    const invoice = await api<RecurringInvoiceDetail>('GET', `/api/recurring-invoices/${invoiceId}`);
    const lines = invoice.lines.filter((l) => l.subscriptionId === row.id);
    // The recurring line, added before the product had a price, takes the price typed since.
    expect(lines.find((l) => l.kind === 'recurring')).toMatchObject({
      quantity: 7,
      unitPrice: 9.6,
      amount: 67.2,
    });
    const adjustment = lines.find((l) => l.kind === 'adjustment')!;
    expect(adjustment).toMatchObject({ quantity: 3, periodStart: month.today, periodEnd: month.last });
    expect(adjustment.description).toContain('3 seats added (4 → 7)');
    // The desk's price (9.60 a month) prices the adjustment.
    expect(adjustment.unitPrice).toBe(9.6);
    expect(adjustment.amount).toBe(Math.round(3 * 9.6 * (month.daysLeft / month.days) * 100) / 100);
  });

  it('bills a change made in Partner Center (webhook refresh) once, however often it is seen', async () => {
    const sub = w
      .pcSubscriptions()
      .find((s) => s.props.quantity === 7 && s.props.commitmentEndDate === month.coTermEnd)!;
    const row = await w.deskRow(sub.props.id);
    const res = await w.emu.inject({
      method: 'PATCH',
      url: `/_emulator/partner-center/customers/${w.tenantId}/subscriptions/${sub.props.id}`,
      body: { quantity: 5 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const jobs = createSubscriptionJobDeps({
      db: w.app.deps.db,
      secrets: async () => w.app.deps.secrets,
      microsoft: w.app.deps.microsoft,
      now: () => new Date(w.emu.clock.now()),
    });
    const refresh = {
      connectionId: w.connection.id,
      customerTenantId: w.tenantId,
      subscriptionId: sub.props.id,
    };
    await jobs.refresh(refresh);
    await jobs.refresh(refresh);
    await w.importSubscriptions();

    const invoice = await api<RecurringInvoiceDetail>('GET', `/api/recurring-invoices/${invoiceId}`);
    const adjustments = invoice.lines.filter((l) => l.subscriptionId === row.id && l.kind === 'adjustment');
    expect(adjustments.map((l) => l.quantity)).toEqual([3, -2]);
    expect(adjustments[1]!.amount).toBeLessThan(0);
    expect(invoice.lines.find((l) => l.subscriptionId === row.id && l.kind === 'recurring')!.quantity).toBe(
      5,
    );
  });

  it('catches up after a crash between the subscription write and its billing, once', async () => {
    const sub = w
      .pcSubscriptions()
      .find((s) => s.props.quantity === 5 && s.props.commitmentEndDate === month.coTermEnd)!;
    const row = await w.deskRow(sub.props.id);
    // As if a process confirmed 5 → 6 seats and stopped before billing them.
    await w.app.deps.db.execute(sql`update csp_subscriptions set quantity = 6 where id = ${row.id}`);
    const jobs = createBillingJobDeps({
      db: w.app.deps.db,
      secrets: async () => w.app.deps.secrets,
      now: () => new Date(w.emu.clock.now()),
    });
    const first = await jobs.reconcile(undefined);
    expect(first).toMatchObject({ adjustments: 1, linesAdded: 0 });
    expect(first.connections).toBeGreaterThanOrEqual(1);
    expect(await jobs.reconcile(w.connection.id)).toMatchObject({
      connections: 1,
      adjustments: 0,
      linesAdded: 0,
    });
    const invoice = await api<RecurringInvoiceDetail>('GET', `/api/recurring-invoices/${invoiceId}`);
    const adjustments = invoice.lines.filter((l) => l.subscriptionId === row.id && l.kind === 'adjustment');
    expect(adjustments.map((l) => l.quantity)).toEqual([3, -2, 1]);
  });

  it('puts a subscription that was there before onto an invoice by hand, once', async () => {
    const old = (await products()).find((p) => p.billingNote?.includes('before invoice lines'))!;
    const subscriptionId = old.subscription!.id;
    const line = await api<InvoiceLineView>(
      'POST',
      `/api/csp/subscriptions/${subscriptionId}/invoice-line`,
      { invoiceId },
      201,
    );
    expect(line).toMatchObject({ kind: 'recurring', invoiceId, subscriptionId, oneOff: false });
    const again = await call(
      w.app,
      w.admin,
      'POST',
      `/api/csp/subscriptions/${subscriptionId}/invoice-line`,
      {},
    );
    expect(again.statusCode).toBe(409);
    expect((await products()).find((p) => p.id === old.id)!.billingNote).toBeNull();
  });

  it('shows the invoice with its current period, next date and totals', async () => {
    const list = await api<{
      items: { id: string; reference: string; nextInvoiceDate: string; lineCount: number }[];
    }>('GET', `/api/customers/${w.customerId}/recurring-invoices`);
    expect(list.items.map((i) => i.reference)).toEqual(['Monthly', 'Mid-month', 'Monthly (old)']);
    const next = new Date(Date.parse(`${month.last}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    expect(list.items[0]).toMatchObject({ id: invoiceId, nextInvoiceDate: next });
    expect(list.items[0]!.lineCount).toBeGreaterThanOrEqual(5);
  });

  it('explains bad input by field', async () => {
    const res = await call(w.app, w.admin, 'POST', `/api/customers/${w.customerId}/recurring-invoices`, {
      reference: '',
      cycle: 'weekly',
      anchorDate: '2026-02-30',
      currency: 'pounds',
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { errors: { field: string }[] }).errors.map((d) => d.field).sort();
    expect(fields).toEqual(['anchorDate', 'currency', 'cycle', 'reference']);
    const price = await call(w.app, w.admin, 'PATCH', `/api/products/${(await products())[0]!.id}`, {
      unitPrice: 1.234,
    });
    expect(price.statusCode).toBe(400);
    expect(price.body).toContain('unitPrice must have at most 2 decimals');
  });

  it('refuses agents without the billing permissions', async () => {
    const reader = await givenAgent(w.app.deps.db, { permissions: ['customers.read'] });
    expect((await call(w.app, reader, 'GET', '/api/products')).statusCode).toBe(403);
    expect((await call(w.app, reader, 'GET', `/api/recurring-invoices/${invoiceId}`)).statusCode).toBe(403);
    const billingReader = await givenAgent(w.app.deps.db, { permissions: ['billing.read'] });
    expect((await call(w.app, billingReader, 'GET', `/api/recurring-invoices/${invoiceId}`)).statusCode).toBe(
      200,
    );
    const res = await call(w.app, billingReader, 'POST', `/api/recurring-invoices/${invoiceId}/lines`, {
      description: 'Support hours',
      quantity: 2,
      unitPrice: 50,
    });
    expect(res.statusCode).toBe(403);
    const billingSettings = await call(
      w.app,
      billingReader,
      'PUT',
      `/api/csp/connections/${w.connection.id}/billing`,
      {
        importProducts: 'none',
      },
    );
    expect(billingSettings.statusCode).toBe(403);
  });
});
