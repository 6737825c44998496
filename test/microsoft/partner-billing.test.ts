import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createPartnerBillingExport,
  GRAPH_DEFAULT_SCOPE,
  MicrosoftError,
  type PartnerUsageLine,
  type TokenSource,
} from '../../src/microsoft/index.js';
import { startConformanceFixture, type ConformanceFixture } from './fixtures.js';

let f: ConformanceFixture;
let tokens: TokenSource;

beforeAll(async () => {
  f = await startConformanceFixture();
  // Guide 002: the GDAP app holds PartnerBilling.Read.All (Application) in the partner's tenant.
  const gdap = f.emu.info().apps.find((a) => a.kind === 'gdap')!;
  tokens = f.clients.tokens.app({
    tenantId: f.emu.estate.partnerTenantId!,
    clientId: gdap.clientId,
    credential: { kind: 'secret', secret: gdap.clientSecret },
    scopes: [GRAPH_DEFAULT_SCOPE],
  });
});
afterAll(async () => {
  await f.close();
});
beforeEach(() => {
  f.emu.faults.clear();
  f.emu.counters.reset();
  f.slept.length = 0;
  f.emu.behaviour.partnerBilling.pollsBeforeReady = 1;
  f.emu.behaviour.partnerBilling.linesPerBlob = 5000;
});

const billing = () =>
  createPartnerBillingExport({ baseUrl: f.clients.endpoints.graphBaseUrl, tokens, http: f.clients.http });

async function readAll(options = { currencyCode: 'GBP', billingPeriod: 'last' as const }) {
  const reader = billing();
  const lines: PartnerUsageLine[] = [];
  let batches = 0;
  for await (const batch of reader.unbilledUsage(options)) {
    batches += 1;
    lines.push(...batch);
  }
  return { lines, batches, progress: reader.progress };
}

describe('client conformance: partner billing export', () => {
  it('exports, waits as Retry-After says, and reads every blob of the manifest', async () => {
    f.emu.behaviour.partnerBilling.linesPerBlob = 50;
    const { lines, batches, progress } = await readAll();
    const customers = [...new Set(lines.map((l) => l.customerTenantId))];
    // The demo's Azure plans: Lumière Architectes and Tailspin Logistics.
    expect(customers).toHaveLength(2);
    expect(lines.length).toBeGreaterThan(50);
    expect(batches).toBe(Math.ceil(lines.length / 50));
    expect(progress).toMatchObject({ polls: 2, blobs: batches, unreadable: 0 });
    expect(f.slept).toContain(1000);
    expect(f.emu.counters.total({ route: 'GET {billing export blob}' })).toBe(batches);
    const vm = lines.find((l) => l.meterCategory === 'Virtual Machines')!;
    expect(vm).toMatchObject({ currency: 'GBP', unit: '1 Hour' });
    expect(vm.cost).toBeGreaterThan(0);
    expect(vm.chargeStartDate).toMatch(/^\d{4}-\d{2}-01/);
  });

  it('starts the export again after throttling', async () => {
    f.emu.behaviour.partnerBilling.pollsBeforeReady = 0;
    f.emu.faults.add({
      service: 'graph',
      route: 'POST /reports/partners/billing/usage/unbilled/export',
      action: { type: 'status', status: 429, retryAfterSeconds: 3 },
      times: 1,
    });
    const { lines } = await readAll();
    expect(lines.length).toBeGreaterThan(0);
    expect(f.slept).toContain(3000);
    expect(f.emu.counters.total({ route: 'POST /reports/partners/billing/usage/unbilled/export' })).toBe(2);
  });

  it('gives up on an export still running after the longest wait, as a retryable error', async () => {
    f.emu.behaviour.partnerBilling.pollsBeforeReady = 100;
    const reader = billing();
    const read = async () => {
      for await (const batch of reader.unbilledUsage({
        currencyCode: 'GBP',
        billingPeriod: 'current',
        maxWaitMs: 5000,
      }))
        void batch;
    };
    const error = await read().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MicrosoftError);
    expect(error).toMatchObject({ code: 'Client.OperationTimedOut', retryable: true });
    expect(reader.progress.polls).toBe(6);
  });

  it('is refused without PartnerBilling.Read.All', async () => {
    const partner = f.emu.info().apps.find((a) => a.kind === 'partner')!;
    const noBilling = f.clients.tokens.app({
      tenantId: f.emu.estate.partnerTenantId!,
      clientId: partner.clientId,
      credential: { kind: 'secret', secret: partner.clientSecret },
      scopes: [GRAPH_DEFAULT_SCOPE],
    });
    const reader = createPartnerBillingExport({
      baseUrl: f.clients.endpoints.graphBaseUrl,
      tokens: noBilling,
      http: f.clients.http,
    });
    const error = await reader
      .unbilledUsage({ currencyCode: 'GBP', billingPeriod: 'current' })
      .next()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ code: 'Authorization_RequestDenied', retryable: false });
  });
});
