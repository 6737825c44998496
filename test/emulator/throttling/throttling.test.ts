import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.js';
import type { TenantRecord } from '../../../src/emulator/state/types.js';
import { mintToken, startEmulator } from '../../support/emulator.js';

const APP = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const OTHER_APP = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';

describe('throttling', () => {
  let emu: Emulator;
  let small: TenantRecord;
  let medium: TenantRecord;
  const tokens = new Map<string, string>();

  const token = async (tenant: TenantRecord, appId = APP) => {
    const key = `${tenant.id}|${appId}`;
    if (!tokens.has(key)) {
      tokens.set(key, await mintToken(emu, { tenantId: tenant.id, appId, roles: ['User.ReadWrite.All'] }));
    }
    return tokens.get(key)!;
  };
  const get = async (tenant: TenantRecord, path: string, appId = APP) =>
    emu.inject({
      method: 'GET',
      url: `/v1.0${path}`,
      headers: { authorization: `Bearer ${await token(tenant, appId)}` },
    });
  const admin = (method: string, url: string, body?: unknown) =>
    emu.inject({ method, url: `/_emulator${url}`, body });
  const throttle = (body: unknown) => admin('PUT', '/throttling', body);

  beforeAll(async () => {
    emu = await startEmulator({ seed: 1 });
    const tenants = [...emu.estate.tenants.values()];
    small = tenants.find((t) => t.displayName.startsWith('Bäckerei'))!;
    medium = tenants.find((t) => t.displayName.startsWith('Lumière'))!;
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    await throttle({ mode: 'off' });
  });

  it('is off by default but still reports each request’s resource units', async () => {
    expect((await admin('GET', '/throttling')).body).toEqual({ mode: 'off' });
    const list = await get(small, '/users');
    expect(list.status).toBe(200);
    expect(list.headers?.['x-ms-resource-unit']).toBe('2');
    const one = await get(small, '/users?$select=id');
    expect(one.headers?.['x-ms-resource-unit']).toBe('1');
  });

  it('answers 429 with Retry-After and throttle headers once the app+tenant bucket is empty, and refills', async () => {
    await throttle({ mode: 'resourceUnits', limits: { smallTenant: 10 } });
    for (let i = 0; i < 5; i += 1) expect((await get(small, '/users')).status).toBe(200);
    const limited = await get(small, '/users');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers?.['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(limited.headers?.['x-ms-throttle-scope']).toBe(`Tenant_Application/ReadWrite/${APP}/${small.id}`);
    expect(limited.headers?.['x-ms-throttle-information']).toBe('ResourceUnitLimitExceeded');
    expect(limited.body).toMatchObject({ error: { code: 'TooManyRequests' } });

    // Another app has its own bucket in the same tenant.
    expect((await get(small, '/users', OTHER_APP)).status).toBe(200);

    await admin('POST', '/clock/advance', { seconds: retryAfter });
    expect((await get(small, '/users')).status).toBe(200);
  });

  it('warns with x-ms-throttle-limit-percentage once more than 80 % of the bucket is used', async () => {
    await throttle({ mode: 'resourceUnits', limits: { smallTenant: 10 } });
    const early = await get(small, '/users');
    expect(early.headers?.['x-ms-throttle-limit-percentage']).toBeUndefined();
    for (let i = 0; i < 3; i += 1) await get(small, '/users');
    const late = await get(small, '/users');
    expect(late.status).toBe(200);
    expect(Number(late.headers?.['x-ms-throttle-limit-percentage'])).toBeGreaterThan(0.8);
  });

  it('keeps counting while throttled, so retrying at once pushes Retry-After further out', async () => {
    await throttle({ mode: 'resourceUnits', limits: { smallTenant: 4 } });
    await get(small, '/users');
    await get(small, '/users');
    const first = Number((await get(small, '/users')).headers?.['retry-after']);
    const second = Number((await get(small, '/users')).headers?.['retry-after']);
    expect(second).toBeGreaterThan(first);
  });

  it('sizes the bucket by the tenant’s user count', async () => {
    await throttle({ mode: 'resourceUnits', limits: { smallTenant: 2, mediumTenant: 40 } });
    for (let i = 0; i < 10; i += 1) expect((await get(medium, '/users')).status).toBe(200);
    expect((await get(small, '/users')).status).toBe(200);
    expect((await get(small, '/users')).status).toBe(429);
  });

  it('enforces the write quota separately from reads', async () => {
    await throttle({ mode: 'resourceUnits', limits: { tenantAppWrites: 2 } });
    const target = [...small.users.values()].find((u) => u.props.onPremisesSyncEnabled !== true)!;
    const patch = async (jobTitle: string) =>
      emu.inject({
        method: 'PATCH',
        url: `/v1.0/users/${target.props.id}`,
        headers: { authorization: `Bearer ${await token(small)}` },
        body: { jobTitle },
      });
    expect((await patch('Baker')).status).toBe(204);
    expect((await patch('Head Baker')).status).toBe(204);
    const limited = await patch('Master Baker');
    expect(limited.status).toBe(429);
    expect(limited.headers?.['x-ms-throttle-information']).toBe('WriteLimitExceeded');
    expect(limited.headers?.['x-ms-throttle-scope']).toBe(`Tenant_Application/Write/${APP}/${small.id}`);
    expect((await get(small, '/users')).status).toBe(200);
  });

  it('throttles each request inside $batch on its own', async () => {
    await throttle({ mode: 'resourceUnits', limits: { smallTenant: 4 } });
    const requests = [1, 2, 3].map((n) => ({ id: String(n), method: 'GET', url: '/users' }));
    const res = await emu.inject({
      method: 'POST',
      url: '/v1.0/$batch',
      headers: { authorization: `Bearer ${await token(small)}` },
      body: { requests },
    });
    expect(res.status).toBe(200);
    const inner = (
      res.body as { responses: { id: string; status: number; headers?: Record<string, string> }[] }
    ).responses;
    expect(inner.filter((r) => r.status === 200)).toHaveLength(2);
    const limited = inner.find((r) => r.status === 429)!;
    expect(Number(limited.headers?.['Retry-After'] ?? limited.headers?.['retry-after'])).toBeGreaterThan(0);
  });

  it('limits Partner Center per partner tenant with its own 429 body', async () => {
    await throttle({ mode: 'resourceUnits', limits: { partnerCenterRequests: 2 } });
    const partner = emu.estate.tenant(emu.estate.partnerTenantId!)!;
    const pcToken = await mintToken(emu, {
      tenantId: partner.id,
      appId: APP,
      resource: 'partnercenter',
      roles: [],
    });
    const customers = () =>
      emu.inject({
        method: 'GET',
        url: '/partnercenter/v1/customers',
        headers: { authorization: `Bearer ${pcToken}` },
      });
    expect((await customers()).status).toBe(200);
    expect((await customers()).status).toBe(200);
    const limited = await customers();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429 });
    expect(Number(limited.headers?.['retry-after'])).toBeGreaterThan(0);
  });

  it('offers a plain rate mode: N requests per window per app and tenant', async () => {
    await throttle({ mode: 'rate', requests: 3, windowSeconds: 60 });
    for (let i = 0; i < 3; i += 1) expect((await get(small, '/users/$count')).status).not.toBe(429);
    const limited = await get(small, '/users');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers?.['retry-after'])).toBeLessThanOrEqual(60);
    await admin('POST', '/clock/advance', { seconds: 60 });
    expect((await get(small, '/users')).status).toBe(200);
  });

  it('rejects unknown modes and limits with a 400 naming the problem', async () => {
    const bad = await throttle({ mode: 'fast' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('mode');
    const typo = await throttle({ mode: 'resourceUnits', limits: { smalTenant: 3 } });
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo.body)).toContain('smalTenant');
  });
});
