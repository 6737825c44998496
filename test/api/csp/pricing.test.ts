import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegratorJobDeps } from '../../../src/api/integrations/integrator/integrator.js';
import type { IntegratorTrigger } from '../../../src/contracts/api/integrator.js';
import { createSubscriptionRecord, addSubscription } from '../../../src/emulator/partner-center/records.js';
import { SKU_CATALOGUE } from '../../../src/emulator/graph/licences/catalogue.js';
import { PARTNER_API_APP_ID, PARTNER_API_RESOURCE } from '../../../src/emulator/state/types.js';
import { schema } from '../../../src/store/index.js';
import { call, givenAgent } from '../access/fixtures.js';
import {
  givenCspConnection,
  givenTenantsMapped,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

/**
 * Guide 002 "Subscription Pricing": the pricing module imports the connection's marketplace price
 * sheet at most weekly, and every CSP subscription gets the price and cost of its offer, term and
 * billing plan (null when none matches); licence insight shows the money.
 */
let world: CspWorld;
let connectionId: string;
let customerId: string;
const bakery = () => world.customerIds['Bäckerei Fabrikam GmbH']!;
const SHEET_ROUTE = 'GET /v1.0/sales/pricesheets/$value';
const LEGACY_SUB = '0f0f0f0f-0000-4000-8000-00000000abcd';

beforeAll(async () => {
  world = await startCspWorld();
  // A legacy (GUID) offer: never in the new-commerce price sheet.
  addSubscription(
    world.emu.estate,
    bakery(),
    createSubscriptionRecord({
      id: LEGACY_SUB,
      sku: SKU_CATALOGUE.EXCHANGESTANDARD,
      quantity: 2,
      startedAt: world.emu.clock.now() - 30 * 24 * 3600 * 1000,
      nce: false,
    }),
  );
  connectionId = (await givenCspConnection(world, { licenceImportType: 'both' })).id;
  await syncTenants(world, connectionId);
  const customers = await givenTenantsMapped(world, connectionId, [bakery()], () => 'Fabrikam bakery');
  customerId = customers[bakery()]!.id;
}, 90_000);
afterAll(async () => {
  await world?.close();
});

const jobs = () =>
  createIntegratorJobDeps({
    db: world.app.deps.db,
    config: world.app.deps.config,
    microsoft: world.app.deps.microsoft,
    secrets: async () => world.app.deps.secrets,
  });
const run = (module: 'pricing' | 'licences', trigger: IntegratorTrigger, tenantId = world.partnerTenantId) =>
  jobs().runTenant({ connectionId, tenantId, module, trigger }, new AbortController().signal);

const subscriptions = () =>
  world.app.deps.db
    .select()
    .from(schema.cspSubscriptions)
    .where(eq(schema.cspSubscriptions.connectionId, connectionId));
const pricingRuns = () =>
  world.app.deps.db
    .select()
    .from(schema.syncRuns)
    .where(and(eq(schema.syncRuns.connectionId, connectionId), eq(schema.syncRuns.module, 'pricing')))
    .orderBy(schema.syncRuns.startedAt);

describe('the pricing module of a CSP connection', () => {
  it("imports the marketplace's price sheet (GB by default) and prices each subscription by offer, term and billing plan", async () => {
    expect(await run('licences', 'manual', bakery())).toMatchObject({ status: 'succeeded' });
    const before = await subscriptions();
    expect(before.length).toBeGreaterThan(1);
    expect(before.every((s) => s.currency === null)).toBe(true);

    expect(await run('pricing', 'manual')).toMatchObject({ status: 'succeeded', error: null });
    expect(world.emu.counters.total({ route: SHEET_ROUTE })).toBe(1);
    const prices = await world.app.deps.db
      .select()
      .from(schema.cspPrices)
      .where(eq(schema.cspPrices.connectionId, connectionId));
    expect(new Set(prices.map((p) => `${p.market} ${p.currency}`))).toEqual(new Set(['GB GBP']));

    const periodOf: Record<string, string> = { monthly: 'P1M', annual: 'P1Y', triennial: 'P3Y' };
    const planOf: Record<string, string> = { monthly: 'Monthly', annual: 'Annual', triennial: 'Triennial' };
    const after = await subscriptions();
    for (const sub of after.filter((s) => s.subscriptionId !== LEGACY_SUB)) {
      const [productId, skuId] = sub.offerId.split(':');
      const row = prices.find(
        (p) =>
          p.productId === productId &&
          p.skuId === skuId &&
          p.termDuration === sub.termDuration &&
          p.billingPlan === planOf[sub.billingCycle!],
      )!;
      expect(sub, sub.offerName).toMatchObject({
        currency: 'GBP',
        unitCost: row.unitCost,
        unitPrice: row.unitPrice,
        pricingPeriod: periodOf[sub.billingCycle!],
      });
      expect(sub.unitCost!).toBeLessThan(sub.unitPrice!);
    }
    // No price for a legacy offer: unknown, not zero, and counted.
    const legacy = after.find((s) => s.subscriptionId === LEGACY_SUB)!;
    expect(legacy).toMatchObject({ currency: null, unitCost: null, unitPrice: null, pricingPeriod: null });
    const [imported] = await pricingRuns();
    expect(imported!.status).toBe('succeeded');
    expect(imported!.counts).toMatchObject({
      'pricing.imported': prices.length,
      'pricing.priced': after.length - 1,
      'pricing.unmatched': 1,
    });
  });

  it('skips a scheduled run within a week of the last import, saying when the next is due; Run now imports again', async () => {
    const requests = world.emu.counters.total({ route: SHEET_ROUTE });
    expect(await run('pricing', 'scheduled')).toMatchObject({ status: 'succeeded' });
    expect(world.emu.counters.total({ route: SHEET_ROUTE })).toBe(requests);
    const skipped = (await pricingRuns()).at(-1)!;
    expect(skipped.modeReason).toBe('pricing.notDue');
    expect(skipped.counts).toEqual({ 'pricing.skipped': 1 });
    const due = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    expect(skipped.warnings[0]).toContain(`the next import is due on ${due}`);

    // Microsoft changes a price: the forced import brings it to the subscription.
    const sub = (await subscriptions()).find((s) => s.subscriptionId !== LEGACY_SUB)!;
    const [productId, skuId] = sub.offerId.split(':');
    const plan = { monthly: 'Monthly', annual: 'Annual', triennial: 'Triennial' }[sub.billingCycle!];
    const change = await world.emu.inject({
      method: 'PUT',
      url: '/_emulator/partner-center/prices',
      body: {
        market: 'GB',
        productId,
        skuId,
        termDuration: sub.termDuration,
        billingPlan: plan,
        unitPrice: 1.25,
        erpPrice: 2.5,
      },
    });
    expect(change.status).toBe(200);
    expect(await run('pricing', 'manual')).toMatchObject({ status: 'succeeded' });
    expect(world.emu.counters.total({ route: SHEET_ROUTE })).toBe(requests + 1);
    expect((await pricingRuns()).at(-1)!.modeReason).toBeNull();
    const repriced = (await subscriptions()).find((s) => s.id === sub.id)!;
    expect([repriced.unitCost, repriced.unitPrice]).toEqual([1.25, 2.5]);
  });

  it('prices subscriptions the licences module imports later, and counts those without a price', async () => {
    await world.app.deps.db
      .update(schema.cspSubscriptions)
      .set({ currency: null, unitCost: null, unitPrice: null, pricingPeriod: null, pricedAt: null })
      .where(eq(schema.cspSubscriptions.connectionId, connectionId));
    expect(await run('licences', 'manual', bakery())).toMatchObject({ status: 'succeeded' });
    const priced = (await subscriptions()).filter((s) => s.currency === 'GBP');
    expect(priced.length).toBe((await subscriptions()).length - 1);
    const [licencesRun] = await world.app.deps.db
      .select()
      .from(schema.syncRuns)
      .where(and(eq(schema.syncRuns.connectionId, connectionId), eq(schema.syncRuns.module, 'licences')))
      .orderBy(schema.syncRuns.startedAt)
      .limit(1)
      .offset(1);
    expect(licencesRun!.counts).toMatchObject({ 'pricing.unmatched': 1 });
  });

  it('shows price and cost on the customer subscriptions and reaches licence insight money', async () => {
    const admin = await givenAgent(world.app.deps.db, { roleNames: ['Administrator'] });
    const subs = await call(world.app, admin, 'GET', `/api/customers/${customerId}/subscriptions`);
    expect(subs.statusCode, subs.body).toBe(200);
    const items = subs.json().items as { subscriptionId: string; pricing: unknown }[];
    expect(items.find((s) => s.subscriptionId === LEGACY_SUB)!.pricing).toBeNull();
    expect(items.find((s) => s.subscriptionId !== LEGACY_SUB)!.pricing).toMatchObject({
      currency: 'GBP',
      unitCost: expect.any(Number),
      unitPrice: expect.any(Number),
    });

    const insight = await call(world.app, admin, 'GET', `/api/licence-insight?customerId=${customerId}`);
    expect(insight.statusCode, insight.body).toBe(200);
    const money = insight.json().summary.money as {
      priced: number;
      unpriced: number;
      byCurrency: { currency: string; monthlyCost: number; monthlyPrice: number }[];
    };
    expect(money.priced).toBeGreaterThan(0);
    expect(money.byCurrency).toHaveLength(1);
    expect(money.byCurrency[0]!.currency).toBe('GBP');
    expect(money.byCurrency[0]!.monthlyCost).toBeLessThan(money.byCurrency[0]!.monthlyPrice);
  });

  it('lists the imported price sheet page by page for readers of the connection, refusing others', async () => {
    const url = `/api/csp/connections/${connectionId}/prices?search=business%20premium&limit=4`;
    const first = await call(world.app, world.configurer, 'GET', url);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page).toMatchObject({ market: 'GB', page: 1, total: 6, nextCursor: '2' });
    expect(page.items).toHaveLength(4);
    expect(page.items[0]).toMatchObject({ productTitle: 'Microsoft 365 Business Premium', currency: 'GBP' });
    const second = await call(world.app, world.configurer, 'GET', `${url}&page=2`);
    expect(second.json()).toMatchObject({ page: 2, nextCursor: null });
    expect(second.json().items).toHaveLength(2);
    // An agent without a grant on the connection sees nothing of it.
    expect((await call(world.app, world.outsider, 'GET', url)).statusCode).toBe(404);
  });

  it('takes the marketplace from the connection form, refusing one it does not offer by name', async () => {
    const res = await call(world.app, world.configurer, 'PUT', `/api/csp/connections/${connectionId}`, {
      name: 'Partner',
      tenantId: world.partnerTenantId,
      partnerCenterClientId: world.partnerApp.clientId,
      gdapClientId: world.gdapApp.clientId,
      pricingMarketplace: 'FR',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('pricingMarketplace must be one of GB, US, AU, CA, NZ');
    const ok = await call(world.app, world.configurer, 'PUT', `/api/csp/connections/${connectionId}`, {
      name: 'Partner',
      tenantId: world.partnerTenantId,
      partnerCenterClientId: world.partnerApp.clientId,
      gdapClientId: world.gdapApp.clientId,
      pricingMarketplace: 'NZ',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().pricingMarketplace).toBe('NZ');
    // A new marketplace has no import yet: even the schedule imports it at once.
    expect(await run('pricing', 'scheduled')).toMatchObject({ status: 'succeeded' });
    const nz = (await subscriptions()).find((s) => s.subscriptionId !== LEGACY_SUB)!;
    expect(nz.currency).toBe('NZD');
  });

  it('names the Partner API permission when the app has no consent for it, and writes nothing', async () => {
    const sp = world.emu.estate
      .tenant(world.partnerTenantId)!
      .servicePrincipals.get(world.partnerApp.clientId)!;
    const saved = { ...sp.delegatedScopes };
    for (const key of Object.keys(sp.delegatedScopes)) {
      if ([PARTNER_API_APP_ID, PARTNER_API_RESOURCE].includes(key)) delete sp.delegatedScopes[key];
    }
    try {
      // A connection of its own: no Partner API token of an earlier test is cached for it.
      const other = (await givenCspConnection(world)).id;
      const outcome = await jobs().runTenant(
        { connectionId: other, tenantId: world.partnerTenantId, module: 'pricing', trigger: 'manual' },
        new AbortController().signal,
      );
      expect(outcome).toMatchObject({ status: 'failed', transient: false });
      expect(outcome.error!.message).toContain('4990cffe-04e8-4e8b-808a-1175604b879f, user_impersonation');
      const rows = await world.app.deps.db
        .select()
        .from(schema.cspPrices)
        .where(eq(schema.cspPrices.connectionId, other));
      expect(rows).toEqual([]);
    } finally {
      sp.delegatedScopes = saved;
    }
  });
});
