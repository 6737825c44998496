import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GRAPH_APP_ID } from '../../../src/emulator/state/types.js';
import { call, createFixture, IDS, SKUS, type Fixture } from './fixtures.js';

const CPV_APP = '12121212-0000-4000-8000-000000000001';

let f: Fixture;
let token: string;
let userToken: string;
beforeAll(async () => {
  f = await createFixture();
});
beforeEach(async () => {
  f.reset();
  f.emu.estate.registerApp({
    clientId: CPV_APP,
    displayName: 'Rollcall GDAP',
    homeTenantId: IDS.partner,
    multiTenant: true,
    kind: 'gdap',
    secrets: [],
    certificates: [],
    redirectUris: [],
    requiredAppRoles: { [GRAPH_APP_ID]: ['User.Read.All'] },
    requiredScopes: {},
  });
  token = await f.pc();
  userToken = await f.pcUser();
});
afterAll(() => f.emu.close());

describe('GET /v1/customers/{id}/subscribedskus', () => {
  it('is App+User only: the app alone gets 401 with a WWW-Authenticate realm', async () => {
    const res = await call(f.emu, 'GET', `/partnercenter/v1/customers/${IDS.fabrikam}/subscribedskus`, token);
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).toContain('application + user authentication only');
    expect(res.headers?.['www-authenticate']).toMatch(/^OAuth realm=urn:cpsvc:cpid:/);
  });

  it('reports the customer tenant’s seats with totals Partner Center computes', async () => {
    f.emu.estate.setLicenses(f.fabrikam, IDS.alice, [{ skuId: SKUS.SPB.skuId, disabledPlans: [] }], []);
    const res = await call(
      f.emu,
      'GET',
      `/partnercenter/v1/customers/${IDS.fabrikam}/subscribedskus`,
      userToken,
    );
    expect(res.status).toBe(200);
    expect(res.body.attributes).toEqual({ objectType: 'Collection' });
    const spb = res.body.items.find(
      (s: { productSku: { id: string } }) => s.productSku.id === SKUS.SPB.skuId,
    );
    expect(spb).toMatchObject({
      availableUnits: 2,
      activeUnits: 3,
      consumedUnits: 1,
      suspendedUnits: 0,
      totalUnits: 3,
      warningUnits: 0,
      productSku: {
        id: SKUS.SPB.skuId,
        name: 'Microsoft 365 Business Premium',
        skuPartNumber: 'SPB',
        targetType: 'User',
        licenseGroupId: 'group1',
      },
      capabilityStatus: 'Enabled',
      attributes: { objectType: 'SubscribedSku' },
    });
    expect(spb.servicePlans[0]).toEqual({
      displayName: expect.any(String),
      serviceName: expect.any(String),
      id: expect.any(String),
      capabilityStatus: 'Enabled',
      targetType: 'User',
    });
    const minecraft = await call(
      f.emu,
      'GET',
      `/partnercenter/v1/customers/${IDS.fabrikam}/subscribedskus?licenseGroupIds=Group2`,
      userToken,
    );
    expect(minecraft.body.items).toEqual([]);
  });
});

describe('application consents', () => {
  const url = `/partnercenter/v1/customers/${IDS.fabrikam}/applicationconsents`;
  const body = {
    applicationId: CPV_APP,
    applicationGrants: [
      { enterpriseApplicationId: GRAPH_APP_ID, scope: 'Directory.Read.All,User.ReadWrite.All' },
    ],
  };

  it('grants consent in the customer tenant, lists it and removes it', async () => {
    const created = await call(f.emu, 'POST', url, token, { body });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(body);
    const sp = f.fabrikam.servicePrincipals.get(CPV_APP);
    expect(sp?.appRoles[GRAPH_APP_ID]).toEqual(['User.Read.All']);
    expect(sp?.delegatedScopes[GRAPH_APP_ID]).toEqual(['Directory.Read.All', 'User.ReadWrite.All']);

    const list = await call(f.emu, 'GET', url, token);
    expect(list.body.items).toEqual([body]);

    const again = await call(f.emu, 'POST', url, token, { body });
    expect(again.status).toBe(409);
    expect(again.body.description).toBe('Permission entry already exists.');

    const removed = await call(f.emu, 'DELETE', `${url}/${CPV_APP}`, token);
    expect(removed.status).toBe(204);
    expect(f.fabrikam.servicePrincipals.has(CPV_APP)).toBe(false);
    expect((await call(f.emu, 'DELETE', `${url}/${CPV_APP}`, token)).status).toBe(404);
  });

  it('accepts PascalCase bodies and refuses unknown apps or malformed bodies', async () => {
    const pascal = {
      ApplicationId: CPV_APP,
      ApplicationGrants: [{ EnterpriseApplicationId: GRAPH_APP_ID, Scope: 'User.Read.All' }],
    };
    expect((await call(f.emu, 'POST', url, token, { body: pascal })).status).toBe(201);
    const unknown = await call(
      f.emu,
      'POST',
      `/partnercenter/v1/customers/${IDS.northwind}/applicationconsents`,
      token,
      {
        body: { ...body, applicationId: '34343434-0000-4000-8000-000000000000' },
      },
    );
    expect(unknown.status).toBe(400);
    const malformed = await call(f.emu, 'POST', url, token, { body: { applicationId: CPV_APP } });
    expect(malformed.status).toBe(400);
  });
});
