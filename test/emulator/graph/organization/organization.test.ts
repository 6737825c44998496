import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createFixture, IDS, SKUS, type Fixture } from '../../partner-center/fixtures.js';

let f: Fixture;
let token: string;
beforeAll(async () => {
  f = await createFixture();
  token = await f.graph(IDS.fabrikam, ['Directory.Read.All']);
});
afterAll(() => f.emu.close());

describe('GET /v1.0/organization', () => {
  it('describes the caller’s tenant, with its verified domains and the plans its SKUs bring', async () => {
    const res = await call(f.emu, 'GET', '/v1.0/organization', token);
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(/\$metadata#organization$/);
    expect(res.body.value).toHaveLength(1);
    const org = res.body.value[0];
    expect(org).toMatchObject({
      id: IDS.fabrikam,
      displayName: 'Fabrikam',
      countryLetterCode: 'GB',
      tenantType: 'AAD',
    });
    expect(org.verifiedDomains).toEqual([
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: false,
        isInitial: true,
        name: 'fabrikam.onmicrosoft.com',
        type: 'Managed',
      },
      {
        capabilities: 'Email, OfficeCommunicationsOnline, Intune',
        isDefault: true,
        isInitial: false,
        name: 'fabrikam.com',
        type: 'Managed',
      },
    ]);
    const intunePlan = SKUS.INTUNE_A.servicePlans[0]!.servicePlanId;
    expect(org.assignedPlans).toContainEqual({
      assignedDateTime: expect.any(String),
      capabilityStatus: 'Enabled',
      service: 'SCO',
      servicePlanId: intunePlan,
    });
    const ids = org.assignedPlans.map((p: { servicePlanId: string }) => p.servicePlanId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('supports $select and a get by id', async () => {
    const res = await call(f.emu, 'GET', '/v1.0/organization?$select=displayName', token);
    expect(res.body.value[0]).toEqual({ displayName: 'Fabrikam', id: IDS.fabrikam });
    const one = await call(f.emu, 'GET', `/v1.0/organization/${IDS.fabrikam}`, token);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(IDS.fabrikam);
    const other = await call(f.emu, 'GET', `/v1.0/organization/${IDS.northwind}`, token);
    expect(other.status).toBe(404);
  });

  it('is readable with delegated User.Read but not with an unrelated permission', async () => {
    const { mintToken } = await import('../../../support/emulator.js');
    const delegated = await mintToken(f.emu, {
      tenantId: IDS.fabrikam,
      scopes: ['User.Read'],
      userId: IDS.alice,
    });
    expect((await call(f.emu, 'GET', '/v1.0/organization', delegated)).status).toBe(200);
    const weak = await f.graph(IDS.fabrikam, ['Group.Read.All']);
    expect((await call(f.emu, 'GET', '/v1.0/organization', weak)).status).toBe(403);
  });
});

describe('GET /v1.0/domains', () => {
  it('lists domains with verification and default flags', async () => {
    const res = await call(f.emu, 'GET', '/v1.0/domains', token);
    expect(res.status).toBe(200);
    expect(res.body.value.map((d: { id: string }) => d.id)).toEqual([
      'fabrikam.onmicrosoft.com',
      'fabrikam.com',
    ]);
    expect(res.body.value[1]).toMatchObject({
      id: 'fabrikam.com',
      authenticationType: 'Managed',
      isDefault: true,
      isInitial: false,
      isVerified: true,
      isRoot: true,
      supportedServices: ['Email', 'OfficeCommunicationsOnline', 'Intune'],
    });
  });

  it('gets one domain case-insensitively and 404s an unknown one', async () => {
    const one = await call(f.emu, 'GET', '/v1.0/domains/Fabrikam.COM', token);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 'fabrikam.com', isVerified: true });
    expect(one.body['@odata.context']).toMatch(/#domains\/\$entity$/);
    expect((await call(f.emu, 'GET', '/v1.0/domains/contoso.com', token)).status).toBe(404);
  });
});
