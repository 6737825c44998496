import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createFixture, IDS, type Fixture } from './fixtures.js';

let f: Fixture;
let token: string;
beforeAll(async () => {
  f = await createFixture();
});
beforeEach(async () => {
  f.reset();
  f.emu.behaviour.partnerBilling.pollsBeforeReady = 1;
  f.emu.behaviour.partnerBilling.linesPerBlob = 5000;
  f.emu.counters.reset();
  token = await f.graph(IDS.partner, ['PartnerBilling.Read.All']);
});
afterAll(() => f.emu.close());

const EXPORT = '/v1.0/reports/partners/billing/usage/unbilled/export';
const admin = (method: string, path: string, body?: unknown) =>
  call(f.emu, method, `/_emulator/partner-center/customers/${path}`, null, { body });
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/** Export → poll → manifest → blobs, as a client would; answers the line items. */
async function exportUsage(
  body: Record<string, unknown> = { currencyCode: 'GBP', billingPeriod: 'current' },
) {
  const started = await call(f.emu, 'POST', EXPORT, token, { body });
  expect(started.status).toBe(202);
  const location = String(started.headers.location);
  expect(location).toMatch(/\/v1\.0\/reports\/partners\/billing\/operations\/[0-9a-f-]{36}$/);
  let op = await call(f.emu, 'GET', pathOf(location), token);
  const statuses = [op.body.status];
  while (op.body.status === 'running') {
    expect(op.headers['retry-after']).toBe('1');
    op = await call(f.emu, 'GET', pathOf(location), token);
    statuses.push(op.body.status);
  }
  expect(op.body['@odata.type']).toBe('#microsoft.graph.partners.billing.exportSuccessOperation');
  const manifest = await call(f.emu, 'GET', pathOf(op.body['resourceLocation@odata.navigationLink']), token);
  expect(manifest.status).toBe(200);
  const m = manifest.body;
  expect(m).toMatchObject({
    dataFormat: 'compressedJSON',
    partnerTenantId: IDS.partner,
    blobCount: m.blobs.length,
  });
  const lines: Record<string, unknown>[] = [];
  for (const blob of m.blobs as { name: string }[]) {
    const res = await f.emu.inject({
      method: 'GET',
      url: pathOf(`${m.rootDirectory}/${blob.name}?${m.sasToken}`),
    });
    expect(res.status).toBe(200);
    const text = gunzipSync(res.body as Buffer).toString('utf8');
    lines.push(
      ...text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    );
  }
  return { lines, statuses, manifest: m };
}

describe('partner billing export (Graph v1.0)', () => {
  it('serves an Azure plan’s daily usage through 202 + Location, a running poll with Retry-After, a manifest and gzipped JSON lines', async () => {
    await admin('POST', `${IDS.fabrikam}/azure-plan`);
    const added = await admin('POST', `${IDS.fabrikam}/usage`, {
      meterCategory: 'Virtual Machines',
      meterSubCategory: 'Dv5/Dsv5 Series',
      meterName: 'D4s v5',
      unit: '1 Hour',
      quantity: 10,
      unitPrice: 0.25,
      usageDate: new Date(f.emu.clock.now()).toISOString().slice(0, 10),
    });
    expect(added.status).toBe(201);
    const { lines, statuses } = await exportUsage();
    expect(statuses).toEqual(['running', 'succeeded']);
    const expected = await admin('GET', `${IDS.fabrikam}/usage`);
    expect(lines).toHaveLength(expected.body.count);
    const mine = lines.find((l) => l.MeterName === 'D4s v5')!;
    expect(mine).toMatchObject({
      CustomerId: IDS.fabrikam,
      MeterCategory: 'Virtual Machines',
      Quantity: 10,
      UnitPrice: 0.25,
      BillingPreTaxTotal: 2.5,
      BillingCurrency: 'GBP',
      ProductId: 'DZH318Z0BCZJ',
    });
    expect(String(mine.ChargeStartDate)).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
    // Customers without an Azure plan have no usage.
    expect(lines.every((l) => l.CustomerId === IDS.fabrikam)).toBe(true);
    expect(f.emu.counters.total({ route: 'GET /reports/partners/billing/operations/{id}' })).toBe(2);
  });

  it('generates the same usage for the same day and splits large exports into several blobs', async () => {
    await admin('POST', `${IDS.northwind}/azure-plan`);
    f.emu.behaviour.partnerBilling.pollsBeforeReady = 0;
    const first = await exportUsage();
    f.emu.behaviour.partnerBilling.linesPerBlob = 7;
    const second = await exportUsage();
    expect(second.statuses).toEqual(['succeeded']);
    expect(second.lines).toEqual(first.lines);
    expect(second.manifest.blobCount).toBe(Math.max(1, Math.ceil(first.lines.length / 7)));
  });

  it('basic attribute set leaves out meter categories; refuses bad parameters, other tenants and missing permission', async () => {
    await admin('POST', `${IDS.fabrikam}/azure-plan`);
    await admin('POST', `${IDS.fabrikam}/usage`, {
      meterCategory: 'Storage',
      meterName: 'Hot LRS Data Stored',
      unit: '1 GB/Month',
      quantity: 1,
      unitPrice: 1,
      usageDate: new Date(f.emu.clock.now()).toISOString().slice(0, 10),
    });
    const { lines } = await exportUsage({
      currencyCode: 'GBP',
      billingPeriod: 'current',
      attributeSet: 'basic',
    });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).not.toHaveProperty('MeterCategory');
    expect(lines[0]).toHaveProperty('BillingPreTaxTotal');

    const bad = await call(f.emu, 'POST', EXPORT, token, {
      body: { currencyCode: 'GBP', billingPeriod: 'soon' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('billingPeriod');
    const customerToken = await f.graph(IDS.fabrikam, ['PartnerBilling.Read.All']);
    expect(
      (
        await call(f.emu, 'POST', EXPORT, customerToken, {
          body: { currencyCode: 'GBP', billingPeriod: 'current' },
        })
      ).status,
    ).toBe(403);
    const noRole = await f.graph(IDS.partner, ['User.Read.All']);
    const denied = await call(f.emu, 'POST', EXPORT, noRole, {
      body: { currencyCode: 'GBP', billingPeriod: 'current' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('Authorization_RequestDenied');
  });

  it('refuses blobs without the SAS signature, or after it expired', async () => {
    f.emu.behaviour.partnerBilling.pollsBeforeReady = 0;
    const { manifest } = await exportUsage();
    const blob = `${manifest.rootDirectory}/${manifest.blobs[0].name}`;
    const unsigned = await f.emu.inject({ method: 'GET', url: pathOf(blob) });
    expect(unsigned.status).toBe(403);
    expect(String(unsigned.body)).toContain('<Code>AuthenticationFailed</Code>');
    f.emu.clock.advance(2 * 3600 * 1000);
    const expired = await f.emu.inject({ method: 'GET', url: pathOf(`${blob}?${manifest.sasToken}`) });
    expect(expired.status).toBe(403);
  });

  it('admin usage needs an Azure plan', async () => {
    const res = await admin('POST', `${IDS.adatum}/usage`, {
      meterCategory: 'Storage',
      meterName: 'x',
      unit: '1 GB',
      quantity: 1,
      unitPrice: 1,
      usageDate: '2026-01-01',
    });
    expect(res.status).toBe(404);
    expect(res.body.error?.message ?? res.body.message).toContain('azure-plan');
  });
});
