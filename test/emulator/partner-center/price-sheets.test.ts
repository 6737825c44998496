import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.js';
import { PARTNER_API_RESOURCE } from '../../../src/emulator/state/types.js';
import { parsePriceSheet } from '../../../src/microsoft/partner-center/price-sheet-csv.js';
import { unzipSync } from 'fflate';
import { mintToken } from '../../support/emulator.js';
import { createFixture, IDS, type Fixture } from './fixtures.js';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});
afterAll(() => f.emu.close());

const ROUTE = 'GET /v1.0/sales/pricesheets/$value';
const url = (market: string, view = 'updatedlicensebased') =>
  `/partnerapi/v1.0/sales/pricesheets(Market='${market}',PricesheetView='${view}')/$value?timeline=current`;

/** An app + user token for the Partner API in `tenantId` (the secure application model). */
const partnerApiToken = (
  emu: Emulator,
  input: { tenantId?: string; userId?: string; app?: boolean } = {},
) => {
  const tid = input.tenantId ?? IDS.partner;
  return emu.context.issuer.sign(
    {
      aud: PARTNER_API_RESOURCE,
      iss: `https://sts.windows.net/${tid}/`,
      tid,
      appid: '11111111-1111-4111-8111-111111111111',
      oid: input.userId ?? '22222222-2222-4222-8222-222222222222',
      idtyp: input.app ? 'app' : 'user',
      ...(input.app ? { roles: [] } : { scp: 'user_impersonation' }),
    },
    3599,
  );
};

async function get(path: string, token: string | null, headers: Record<string, string> = {}) {
  const res = await f.emu.inject({
    method: 'GET',
    url: path,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const raw = res.body as unknown;
  const body = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw ?? ''), 'utf8');
  return { status: res.status, headers: res.headers ?? {}, body };
}

describe('Partner API price sheet (new commerce, license based)', () => {
  it("serves the market's sheet as Microsoft's CSV: BOM, documented columns, cost below retail", async () => {
    const res = await get(url('GB'), await partnerApiToken(f.emu));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe('attachment; filename=sheets.csv');
    const text = res.body.toString('utf8');
    expect(text.startsWith('\uFEFF"ProductTitle","ProductId","SkuId","SkuTitle","Publisher"')).toBe(true);
    const sheet = parsePriceSheet(text);
    expect(sheet.rejectedCount).toBe(0);
    expect(new Set(sheet.rows.map((r) => r.currency))).toEqual(new Set(['GBP']));
    expect(sheet.rows.every((r) => r.unitCost! < r.unitPrice!)).toBe(true);
    // The offers the emulator's subscriptions use (Business Premium: CFQ7TTC0LCHC:0002:…).
    const spb = sheet.rows.filter((r) => r.productId === 'CFQ7TTC0LCHC' && r.skuId === '0002');
    expect(spb.map((r) => `${r.termDuration}/${r.billingPlan}`)).toEqual([
      'P1M/Monthly',
      'P1Y/Monthly',
      'P1Y/Annual',
      'P3Y/Monthly',
      'P3Y/Annual',
      'P3Y/Triennial',
    ]);
    const annual = spb.find((r) => r.billingPlan === 'Annual' && r.termDuration === 'P1Y')!;
    const monthly = spb.find((r) => r.billingPlan === 'Monthly' && r.termDuration === 'P1Y')!;
    expect(annual.unitPrice).toBeCloseTo(monthly.unitPrice! * 12, 1);
  });

  it('prices each market in its own currency', async () => {
    const token = await partnerApiToken(f.emu);
    const currencies: Record<string, string> = { US: 'USD', AU: 'AUD', CA: 'CAD', NZ: 'NZD' };
    for (const [market, currency] of Object.entries(currencies)) {
      const sheet = parsePriceSheet((await get(url(market), token)).body.toString('utf8'));
      expect(new Set(sheet.rows.map((r) => `${r.market} ${r.currency}`))).toEqual(
        new Set([`${market} ${currency}`]),
      );
    }
  });

  it('sends a zip of the CSV when asked with Accept-Encoding: deflate', async () => {
    const res = await get(url('US'), await partnerApiToken(f.emu), { 'accept-encoding': 'deflate' });
    expect(res.headers['content-disposition']).toBe('attachment; filename=sheets.zip');
    const files = unzipSync(res.body);
    expect(Object.keys(files)).toEqual(['sheets.csv']);
    expect(parsePriceSheet(Buffer.from(files['sheets.csv']!).toString('utf8')).rows.length).toBeGreaterThan(
      0,
    );
  });

  it('refuses tokens for another audience, app-only tokens and customer tenants with 401', async () => {
    const pcToken = await mintToken(f.emu, {
      tenantId: IDS.partner,
      resource: 'partnercenter',
      scopes: ['user_impersonation'],
    });
    expect((await get(url('GB'), pcToken)).status).toBe(401);
    expect((await get(url('GB'), null)).status).toBe(401);
    expect((await get(url('GB'), await partnerApiToken(f.emu, { app: true }))).status).toBe(401);
    expect((await get(url('GB'), await partnerApiToken(f.emu, { tenantId: IDS.fabrikam }))).status).toBe(401);
  });

  it('refuses a Helpdesk agent (403): price sheets need Admin agent or Sales agent', async () => {
    const helpdesk = '33333333-3333-4333-8333-333333333333';
    f.partner.partnerCenter!.userRoles.set(helpdesk, ['HelpdeskAgent']);
    const res = await get(url('GB'), await partnerApiToken(f.emu, { userId: helpdesk }));
    expect(res.status).toBe(403);
    f.partner.partnerCenter!.userRoles.delete(helpdesk);
  });

  it('answers 404 for a market or view it does not price', async () => {
    const token = await partnerApiToken(f.emu);
    expect((await get(url('FR'), token)).status).toBe(404);
    expect((await get(url('GB', 'azure_consumption'), token)).status).toBe(404);
  });

  it('counts requests and applies fault rules like every Partner Center route', async () => {
    f.emu.counters.reset();
    const token = await partnerApiToken(f.emu);
    f.emu.faults.add({
      service: 'partnercenter',
      route: ROUTE,
      action: { type: 'status', status: 503 },
      times: 1,
    });
    expect((await get(url('GB'), token)).status).toBe(503);
    expect((await get(url('GB'), token)).status).toBe(200);
    expect(f.emu.counters.total({ route: ROUTE })).toBe(2);
  });

  it('serves a price changed through the admin API, and refuses a row the sheet does not have', async () => {
    const change = {
      market: 'gb',
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      termDuration: 'P1Y',
      billingPlan: 'Monthly',
      unitPrice: 16.5,
      erpPrice: 19.9,
    };
    const res = await f.emu.inject({ method: 'PUT', url: '/_emulator/partner-center/prices', body: change });
    expect(res.status).toBe(200);
    const sheet = parsePriceSheet((await get(url('GB'), await partnerApiToken(f.emu))).body.toString('utf8'));
    const row = sheet.rows.find(
      (r) => r.productId === 'CFQ7TTC0LCHC' && r.termDuration === 'P1Y' && r.billingPlan === 'Monthly',
    )!;
    expect([row.unitCost, row.unitPrice]).toEqual([16.5, 19.9]);
    const missing = await f.emu.inject({
      method: 'PUT',
      url: '/_emulator/partner-center/prices',
      body: { ...change, billingPlan: 'Weekly' },
    });
    expect(missing.status).toBe(404);
  });
});
