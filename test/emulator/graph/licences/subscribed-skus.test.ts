import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createFixture, IDS, SKUS, type Fixture } from '../../partner-center/fixtures.js';

const READ = ['Organization.Read.All'];

describe('GET /v1.0/subscribedSkus', () => {
  let f: Fixture;
  let token: string;
  beforeAll(async () => {
    f = await createFixture();
    token = await f.graph(IDS.fabrikam, READ);
  });
  afterAll(() => f.emu.close());

  it('lists the tenant SKUs in Graph shape with <tenantId>_<skuId> ids', async () => {
    const res = await call(f.emu, 'GET', '/v1.0/subscribedSkus', token);
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(/\/v1\.0\/\$metadata#subscribedSkus$/);
    const spb = res.body.value.find((s: { skuId: string }) => s.skuId === SKUS.SPB.skuId);
    expect(Object.keys(spb).sort()).toEqual(
      [
        'accountId',
        'accountName',
        'appliesTo',
        'capabilityStatus',
        'consumedUnits',
        'id',
        'prepaidUnits',
        'servicePlans',
        'skuId',
        'skuPartNumber',
        'subscriptionIds',
      ].sort(),
    );
    expect(spb).toMatchObject({
      id: `${IDS.fabrikam}_${SKUS.SPB.skuId}`,
      accountId: IDS.fabrikam,
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      skuPartNumber: 'SPB',
      consumedUnits: 0,
      prepaidUnits: { enabled: 3, lockedOut: 0, suspended: 0, warning: 0 },
      subscriptionIds: [IDS.spbSub],
    });
    expect(spb.servicePlans[0]).toEqual({
      servicePlanId: expect.any(String),
      servicePlanName: expect.any(String),
      provisioningStatus: 'Success',
      appliesTo: 'User',
    });
  });

  it('honours $select and names it in the context', async () => {
    const res = await call(f.emu, 'GET', '/v1.0/subscribedSkus?$select=skuPartNumber,consumedUnits', token);
    expect(res.body['@odata.context']).toContain('#subscribedSkus(skuPartNumber,consumedUnits)');
    expect(Object.keys(res.body.value[0]).sort()).toEqual(['consumedUnits', 'id', 'skuPartNumber']);
  });

  it('refuses $filter, which the API does not support', async () => {
    const res = await call(f.emu, 'GET', "/v1.0/subscribedSkus?$filter=skuPartNumber eq 'SPB'", token);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('rejects an unknown $select property', async () => {
    const res = await call(f.emu, 'GET', '/v1.0/subscribedSkus?$select=colour', token);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("'colour'");
  });

  it('gets one SKU by id and 404s an unknown one', async () => {
    const id = `${IDS.fabrikam}_${SKUS.EMS.skuId}`;
    const one = await call(f.emu, 'GET', `/v1.0/subscribedSkus/${id}`, token);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, skuPartNumber: 'EMS', prepaidUnits: { enabled: 10 } });
    expect(one.body['@odata.context']).toMatch(/#subscribedSkus\/\$entity$/);
    const missing = await call(
      f.emu,
      'GET',
      `/v1.0/subscribedSkus/${IDS.fabrikam}_${SKUS.SPE_E5.skuId}`,
      token,
    );
    expect(missing.status).toBe(404);
  });

  it('needs a directory or organization permission', async () => {
    const weak = await f.graph(IDS.fabrikam, ['Group.Read.All']);
    const res = await call(f.emu, 'GET', '/v1.0/subscribedSkus', weak);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('Authorization_RequestDenied');
  });
});
