import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createFixture, IDS, type Fixture } from './fixtures.js';

let f: Fixture;
let token: string;
beforeAll(async () => {
  f = await createFixture();
});
beforeEach(async () => {
  token = await f.pc();
});
afterAll(() => f.emu.close());

const BASE = '/partnercenter';

describe('GET /v1/customers', () => {
  it('returns a Partner Center collection of customers', async () => {
    const res = await call(f.emu, 'GET', `${BASE}/v1/customers?size=40`, token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      totalCount: 5,
      links: { self: { uri: '/v1/customers?size=40', method: 'GET', headers: [] } },
      attributes: { objectType: 'Collection' },
    });
    expect(res.body.continuationToken).toBeUndefined();
    expect(res.body.links.next).toBeUndefined();
    expect(res.body.items[0]).toEqual({
      id: IDS.fabrikam,
      commerceId: expect.any(String),
      companyProfile: {
        tenantId: IDS.fabrikam,
        domain: 'fabrikam.onmicrosoft.com',
        companyName: 'Fabrikam',
        attributes: { objectType: 'CustomerCompanyProfile' },
      },
      relationshipToPartner: 'reseller',
      links: { self: { uri: `/v1/customers/${IDS.fabrikam}`, method: 'GET', headers: [] } },
      attributes: { objectType: 'Customer' },
    });
  });

  it('pages with continuation tokens replayed through the MS-ContinuationToken header', async () => {
    const names: string[] = [];
    let res = await call(f.emu, 'GET', `${BASE}/v1/customers?size=2`, token);
    let pages = 1;
    names.push(
      ...res.body.items.map((c: { companyProfile: { companyName: string } }) => c.companyProfile.companyName),
    );
    while (res.body.links.next) {
      const next = res.body.links.next;
      expect(next.uri).toBe('/v1/customers?size=2&seekOperation=Next');
      expect(next.headers[0].key).toBe('MS-ContinuationToken');
      expect(next.headers[0].value).toBe(res.body.continuationToken);
      res = await call(f.emu, next.method, `${BASE}${next.uri}`, token, {
        headers: { [next.headers[0].key]: next.headers[0].value },
      });
      expect(res.status).toBe(200);
      names.push(
        ...res.body.items.map(
          (c: { companyProfile: { companyName: string } }) => c.companyProfile.companyName,
        ),
      );
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(['Fabrikam', 'Northwind Traders', 'Adatum', 'Tailspin Toys', 'Woodgrove Bank']);
  });

  it('refuses a seek without a token, and a token that has expired', async () => {
    const missing = await call(f.emu, 'GET', `${BASE}/v1/customers?size=2&seekOperation=Next`, token);
    expect(missing.status).toBe(400);
    const first = await call(f.emu, 'GET', `${BASE}/v1/customers?size=2`, token);
    f.emu.clock.advance((f.emu.behaviour.partnerCenter.continuationTokenLifetimeSeconds + 1) * 1000);
    const fresh = await f.pc();
    const expired = await call(f.emu, 'GET', `${BASE}${first.body.links.next.uri}`, fresh, {
      headers: { 'MS-ContinuationToken': first.body.continuationToken },
    });
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ code: 400056, source: 'PartnerFD' });
  });

  it('filters by company name or domain prefix (URL-encoded JSON)', async () => {
    const filter = (json: unknown) => encodeURIComponent(JSON.stringify(json));
    const byName = await call(
      f.emu,
      'GET',
      `${BASE}/v1/customers?size=0&filter=${filter({ Field: 'CompanyName', Value: 'ta', Operator: 'starts_with' })}`,
      token,
    );
    expect(byName.body.items.map((c: { id: string }) => c.id)).toEqual([IDS.tailspin]);
    const byDomain = await call(
      f.emu,
      'GET',
      `${BASE}/v1/customers?filter=${filter({ Field: 'Domain', Value: 'north', Operator: 'starts_with' })}`,
      token,
    );
    expect(byDomain.body.items.map((c: { id: string }) => c.id)).toEqual([IDS.northwind]);
    const bad = await call(f.emu, 'GET', `${BASE}/v1/customers?filter=${filter({ Field: 'Colour' })}`, token);
    expect(bad.status).toBe(400);
  });
});

describe('GET /v1/customers/{id}', () => {
  it('adds allowDelegatedAccess and the billing profile', async () => {
    const res = await call(f.emu, 'GET', `${BASE}/v1/customers/${IDS.fabrikam}`, token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: IDS.fabrikam,
      allowDelegatedAccess: true,
      customDomains: ['fabrikam.com'],
      billingProfile: {
        companyName: 'Fabrikam',
        defaultAddress: { country: 'GB' },
        attributes: { objectType: 'CustomerBillingProfile' },
      },
      attributes: { objectType: 'Customer' },
    });
  });

  it('404s an unknown customer in Partner Center’s envelope', async () => {
    const res = await call(f.emu, 'GET', `${BASE}/v1/customers/99999999-0000-4000-8000-000000000000`, token);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      code: expect.any(Number),
      description: expect.any(String),
      source: 'PartnerFD',
    });
  });
});
