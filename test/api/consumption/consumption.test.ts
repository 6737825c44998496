import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runConnectionConsumption } from '../../../src/api/integrations/consumption/index.js';
import type { ConsumptionConfigView, ConsumptionUsagePage } from '../../../src/contracts/api/consumption.js';
import {
  createRecurringInvoiceRepository,
  queryRows,
  type ConnectionSummary,
} from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import {
  givenCspConnection,
  givenDeskCustomer,
  givenTenantsMapped,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from '../csp/tenants-fixtures.js';

/**
 * Consumption billing end to end against the emulator: the demo's Azure plans (Lumière
 * Architectes, Tailspin Logistics) exported by Graph's partner billing API, imported for mapped
 * customers, re-run without doubling, mapped by meter category in the usage view.
 */
let world: CspWorld;
let connection: ConnectionSummary;
let tailspinCustomer: string;
const tailspin = () => world.customerIds['Tailspin Logistics Ltd']!;
const lumiere = () => world.customerIds['Lumière Architectes SARL']!;
const today = () => new Date(world.emu.clock.now()).toISOString().slice(0, 10);
const period = () => today().slice(0, 7);

beforeAll(async () => {
  world = await startCspWorld();
  connection = await givenCspConnection(world);
  await syncTenants(world, connection.id);
  const mapped = await givenTenantsMapped(world, connection.id, [tailspin()]);
  tailspinCustomer = mapped[tailspin()]!.id;
  const dni = await call(
    world.app,
    world.configurer,
    'PUT',
    `/api/csp/connections/${connection.id}/tenants/${lumiere()}/mapping`,
    { target: { kind: 'doNotImport' } },
  );
  expect(dni.statusCode, dni.body).toBe(200);
  // A known day of usage on top of the generated meters, so totals can be checked to the penny.
  const added = await world.emu.inject({
    method: 'POST',
    url: `/_emulator/partner-center/customers/${tailspin()}/usage`,
    body: {
      meterCategory: 'Azure Firewall',
      meterName: 'Standard Deployment',
      unit: '1 Hour',
      quantity: 24,
      unitPrice: 1.0125,
      usageDate: today(),
    },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
}, 120_000);
afterAll(() => world?.close());
beforeEach(() => {
  world.emu.faults.clear();
  world.emu.behaviour.partnerBilling.pollsBeforeReady = 0;
});

const deps = () => ({
  db: world.app.deps.db,
  secrets: world.app.deps.secrets,
  microsoft: world.app.deps.microsoft,
});
const run = () => runConnectionConsumption(deps(), connection, { trigger: 'manual' });

async function storedUsage() {
  const [row] = await queryRows<{ rows: number; cost: string; tenants: number }>(
    world.app.deps.db,
    sql`select count(*)::int as rows, coalesce(sum(cost), 0)::text as cost, count(distinct tenant_id)::int as tenants
          from csp_usage where connection_id = ${connection.id}`,
  );
  return row!;
}

async function emulatorCost(tenantId: string) {
  const res = await world.emu.inject({
    method: 'GET',
    url: `/_emulator/partner-center/customers/${tenantId}/usage`,
  });
  const items = (res.body as { items: { BillingPreTaxTotal: number }[] }).items;
  return { lines: items.length, cost: items.reduce((n, l) => n + l.BillingPreTaxTotal, 0) };
}

describe('consumption module', () => {
  it('imports the period’s usage of mapped customers only, recorded as a sync run', async () => {
    const result = await run();
    expect(result, JSON.stringify(result.error)).toMatchObject({ status: 'succeeded', period: period() });
    const expected = await emulatorCost(tailspin());
    const skipped = await emulatorCost(lumiere());
    expect(result.counts['lineItems.read']).toBe(expected.lines + skipped.lines);
    expect(result.counts['lineItems.doNotImport']).toBe(skipped.lines);
    const stored = await storedUsage();
    expect(stored.tenants).toBe(1);
    expect(Number(stored.cost)).toBeCloseTo(expected.cost, 4);
    const [runRow] = await queryRows<{
      module: string;
      status: string;
      tenant_id: string;
      graph_requests: number;
    }>(
      world.app.deps.db,
      sql`select module, status, tenant_id, graph_requests from sync_runs where id = ${result.runId}`,
    );
    expect(runRow).toMatchObject({
      module: 'consumption',
      status: 'succeeded',
      tenant_id: world.partnerTenantId,
    });
    // Export, one poll, manifest, one blob.
    expect(runRow!.graph_requests).toBe(4);
  });

  it('replaces the period on a re-run instead of adding to it', async () => {
    await run();
    const first = await storedUsage();
    const again = await run();
    expect(again.status).toBe('succeeded');
    expect(await storedUsage()).toEqual(first);
  });

  it('retries a throttled export and still imports everything once', async () => {
    const before = await storedUsage();
    world.emu.faults.add({
      service: 'graph',
      route: 'POST /reports/partners/billing/usage/unbilled/export',
      action: { type: 'status', status: 429, retryAfterSeconds: 1 },
      times: 1,
    });
    const result = await run();
    expect(result.status).toBe('succeeded');
    expect(
      world.emu.counters.total({ route: 'POST /reports/partners/billing/usage/unbilled/export' }),
    ).toBeGreaterThan(1);
    expect(await storedUsage()).toEqual(before);
  });

  it('records a failed run, keeping the stored usage, when Microsoft refuses', async () => {
    const before = await storedUsage();
    world.emu.faults.add({
      service: 'graph',
      route: 'GET /reports/partners/billing/manifests/{id}',
      action: { type: 'status', status: 403 },
      times: 1,
    });
    const result = await run();
    expect(result.status).toBe('failed');
    expect(result.transient).toBe(false);
    expect(await storedUsage()).toEqual(before);
  });
});

describe('consumption mappings and usage view', () => {
  const base = () => `/api/csp/connections/${connection.id}`;

  it('saves mappings with the version read, refuses stale saves and bad rows naming the field', async () => {
    const got = await call(world.app, world.configurer, 'GET', `${base()}/consumption-mappings`);
    expect(got.statusCode, got.body).toBe(200);
    const view = got.json() as ConsumptionConfigView;
    expect(view.version).toBe(0);
    expect(view.knownCategories).toEqual(expect.arrayContaining(['Azure Firewall', 'Virtual Machines']));

    const bad = await call(world.app, world.configurer, 'PUT', `${base()}/consumption-mappings`, {
      expectedVersion: 0,
      config: { mappings: [{ meterCategory: 'Storage', markupPercent: -150 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('markupPercent must be -100 or more');

    const saved = await call(world.app, world.configurer, 'PUT', `${base()}/consumption-mappings`, {
      expectedVersion: 0,
      config: {
        currencyCode: 'gbp',
        mappings: [
          { meterCategory: 'Azure Firewall', description: 'Managed firewall', markupPercent: 10 },
          { meterCategory: 'Bandwidth', action: 'exclude' },
          { meterCategory: '*', markupPercent: 15 },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, config: { currencyCode: 'GBP' } });

    const stale = await call(world.app, world.configurer, 'PUT', `${base()}/consumption-mappings`, {
      expectedVersion: 0,
      config: { mappings: [] },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('expectedVersion');
  });

  it('shows a customer’s meter categories with cost and the charge after markup', async () => {
    const res = await call(
      world.app,
      world.configurer,
      'GET',
      `${base()}/consumption-usage?customerId=${tailspinCustomer}&limit=2`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as ConsumptionUsagePage;
    expect(page.period).toBe(period());
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const all = [...page.items];
    let cursor = page.nextCursor;
    while (cursor) {
      const next = (
        await call(
          world.app,
          world.configurer,
          'GET',
          `${base()}/consumption-usage?customerId=${tailspinCustomer}&limit=2&cursor=${encodeURIComponent(cursor)}`,
        )
      ).json() as ConsumptionUsagePage;
      all.push(...next.items);
      cursor = next.nextCursor;
    }
    expect(all).toHaveLength(page.total!);
    const firewall = all.find((c) => c.meterCategory === 'Azure Firewall')!;
    // 24 h × 1.0125 = 24.30, + 10% = 26.73.
    expect(firewall).toMatchObject({ cost: 24.3, charge: 26.73, action: 'bill', mappedBy: 'Azure Firewall' });
    expect(firewall.description).toBe('Managed firewall');
    const vm = all.find((c) => c.meterCategory === 'Virtual Machines')!;
    expect(vm).toMatchObject({ mappedBy: '*', action: 'bill' });
    const bandwidth = all.find((c) => c.meterCategory === 'Bandwidth');
    if (bandwidth) expect(bandwidth).toMatchObject({ action: 'exclude', charge: null });
    const cost = all.reduce((n, c) => n + c.cost, 0);
    expect(page.totals.cost).toBeCloseTo(cost, 1);
  });

  it('answers an empty view for a customer without usage, and 404 for an unknown customer', async () => {
    const other = await givenDeskCustomer(world, 'No Azure Ltd');
    const empty = await call(
      world.app,
      world.configurer,
      'GET',
      `${base()}/consumption-usage?customerId=${other.id}`,
    );
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ items: [], period: null, periods: [] });
    const missing = await call(
      world.app,
      world.configurer,
      'GET',
      `${base()}/consumption-usage?customerId=00000000-0000-4000-8000-000000000000`,
    );
    expect(missing.statusCode).toBe(404);
  });

  it('refuses agents without integrations.csp.configure', async () => {
    for (const [method, path, body] of [
      ['GET', `${base()}/consumption-mappings`, undefined],
      ['PUT', `${base()}/consumption-mappings`, { expectedVersion: 1, config: {} }],
      ['GET', `${base()}/consumption-usage?customerId=${tailspinCustomer}`, undefined],
    ] as const) {
      const res = await call(world.app, world.outsider, method, path, body);
      expect(res.statusCode, `${method} ${path}`).toBe(403);
    }
  });
});

describe('consumption lines on the recurring invoice', () => {
  it('puts one line per billed meter category on the newest monthly invoice, replaced by every run', async () => {
    const invoices = createRecurringInvoiceRepository(world.app.deps.db);
    const invoiceId = await invoices.create({
      customerId: tailspinCustomer,
      reference: 'Tailspin monthly',
      cycle: 'monthly',
      anchorDate: `${period()}-01`,
      currency: 'GBP',
      active: true,
    });
    const first = await run();
    expect(first.counts).toMatchObject({ 'invoices.written': 1 });
    const consumption = async () => (await invoices.lines(invoiceId)).filter((l) => l.kind === 'consumption');
    const lines = await consumption();
    expect(lines).toHaveLength(first.counts['invoices.lines']!);
    // Mapped above: Azure Firewall with its own description and 10%, Bandwidth excluded, * the rest.
    const firewall = lines.find((l) => l.description.startsWith('Managed firewall'))!;
    expect(firewall).toMatchObject({ description: `Managed firewall (${period()})`, amount: 26.73 });
    expect(lines.some((l) => l.description.includes('Bandwidth'))).toBe(false);
    expect(lines.some((l) => l.description.startsWith('Azure usage: Virtual Machines'))).toBe(true);

    await run();
    const again = await consumption();
    expect(again.map((l) => [l.id, l.amount])).toEqual(lines.map((l) => [l.id, l.amount]));
  });
});
