import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../support/emulator.js';
import { call, createFixture, IDS, type Fixture } from './fixtures.js';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});
afterAll(() => f.emu.close());

const CUSTOMERS = '/partnercenter/v1/customers';

function expectUnauthorized(res: Awaited<ReturnType<typeof call>>) {
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toBe(`OAuth realm=urn:cpsvc:cpid:${IDS.partner}`);
  expect(res.body).toEqual({
    code: 400,
    description: 'Access denied',
    data: [expect.any(String)],
    source: 'PartnerFD',
  });
}

describe('Partner Center authentication', () => {
  it('accepts an app-only token issued in the partner tenant', async () => {
    const res = await call(f.emu, 'GET', CUSTOMERS, await f.pc());
    expect(res.status).toBe(200);
  });

  it('accepts an app + user token (secure application model)', async () => {
    const token = await mintToken(f.emu, {
      tenantId: IDS.partner,
      resource: 'partnercenter',
      scopes: ['user_impersonation'],
    });
    expect((await call(f.emu, 'GET', CUSTOMERS, token)).status).toBe(200);
  });

  it('answers 401 in its own envelope without a token, with a Graph token, or from a customer tenant', async () => {
    expectUnauthorized(await call(f.emu, 'GET', CUSTOMERS, null));
    expectUnauthorized(await call(f.emu, 'GET', CUSTOMERS, await f.graph(IDS.partner, [])));
    const customerToken = await mintToken(f.emu, { tenantId: IDS.fabrikam, resource: 'partnercenter' });
    expectUnauthorized(await call(f.emu, 'GET', CUSTOMERS, customerToken));
  });

  it('answers 401 once the token has expired', async () => {
    const token = await mintToken(f.emu, {
      tenantId: IDS.partner,
      resource: 'partnercenter',
      lifetimeSeconds: 60,
    });
    f.emu.clock.advance(61_000);
    expectUnauthorized(await call(f.emu, 'GET', CUSTOMERS, token));
  });

  it('echoes MS-RequestId and MS-CorrelationId', async () => {
    const res = await call(f.emu, 'GET', CUSTOMERS, await f.pc(), {
      headers: { 'MS-RequestId': 'req-1', 'MS-CorrelationId': 'corr-1' },
    });
    expect(res.headers['ms-requestid']).toBe('req-1');
    expect(res.headers['ms-correlationid']).toBe('corr-1');
  });
});
