import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SKU_CATALOGUE } from '../../../../src/emulator/graph/licences/catalogue.js';
import { createSkuRecord } from '../../../../src/emulator/graph/licences/records.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { adminClient } from '../../admin/admin-fixtures.js';
import { startEmulator } from '../../../support/emulator.js';
import { CONTOSO_ID, createDirectoryFixture, graphClient, type DirectoryFixture } from '../fixtures.js';

const ROLES = ['User.ReadWrite.All', 'GroupMember.ReadWrite.All', 'LicenseAssignment.ReadWrite.All'];
const UPN = 'newstarter@contoso.com';
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
const missing = (id: string) => ({
  error: {
    code: 'Request_ResourceNotFound',
    message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  },
});

describe('replication delay of new users (behaviour.graph.newUserReplication)', () => {
  let emu: Emulator;
  let fx: DirectoryFixture;
  let graph: Awaited<ReturnType<typeof graphClient>>;
  const admin = () => adminClient(emu);

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'empty' });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    await admin()('POST', '/reset', {});
    emu.estate.clear();
    fx = createDirectoryFixture(emu);
    fx.tenant.skus.set(SKU_CATALOGUE.SPB.skuId, createSkuRecord({ sku: SKU_CATALOGUE.SPB, enabled: 5 }));
    graph = await graphClient(emu, CONTOSO_ID, ROLES);
  });

  const create = async () => {
    const res = await graph.send('POST', '/users', {
      accountEnabled: true,
      displayName: 'New Starter',
      mailNickname: 'newstarter',
      userPrincipalName: UPN,
      usageLocation: 'GB',
      passwordProfile: { forceChangePasswordNextSignIn: true, password: 'xWwvJ]6NMw+bWH-d' },
    });
    expect(res.status).toBe(201);
    return String((res.body as { id: string }).id);
  };

  it('is off by default: a new user is readable at once', async () => {
    expect(emu.behaviour.graph.newUserReplication).toEqual({ requests: 0, seconds: 0 });
    const id = await create();
    expect((await graph.get(`/users/${id}`)).status).toBe(200);
  });

  it('hides a new user from the next N requests to its tenant, answering 404 as for a missing user', async () => {
    const set = await admin()('PATCH', '/config', { graph: { newUserReplication: { requests: 2 } } });
    expect(set.status).toBe(200);
    const id = await create();

    const first = await graph.get(`/users/${id}`);
    expect(first.status).toBe(404);
    expect(first.body).toMatchObject(missing(id));
    const byName = await graph.get(`/users/${UPN}`);
    expect(byName.status).toBe(404);
    expect(byName.body).toMatchObject(missing(UPN));

    const third = await graph.get(`/users/${id}?$select=id,userPrincipalName`);
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ id, userPrincipalName: UPN });
    expect(emu.counters.total({ route: 'GET /users/{id}' })).toBe(3);
  });

  it('refuses group membership, manager and licence writes on the hidden user, and lists omit it', async () => {
    await admin()('PATCH', '/config', { graph: { newUserReplication: { requests: 5 } } });
    const id = await create();

    const member = await graph.send('POST', `/groups/${fx.groups.marketing}/members/$ref`, ref(id));
    expect(member.status).toBe(404);
    expect(member.body).toMatchObject(missing(id));
    const manager = await graph.send('PUT', `/users/${id}/manager/$ref`, {
      '@odata.id': `https://graph.microsoft.com/v1.0/users/${fx.users.adele}`,
    });
    expect(manager.status).toBe(404);
    const asManager = await graph.send('PUT', `/users/${fx.users.megan}/manager/$ref`, {
      '@odata.id': `https://graph.microsoft.com/v1.0/users/${id}`,
    });
    expect(asManager.status).toBe(404);
    expect(asManager.body).toMatchObject(missing(id));
    const licence = await graph.send('POST', `/users/${id}/assignLicense`, {
      addLicenses: [{ skuId: SKU_CATALOGUE.SPB.skuId }],
      removeLicenses: [],
    });
    expect(licence.status).toBe(404);
    const list = await graph.get(`/users?$filter=userPrincipalName eq '${UPN}'`);
    expect((list.body as { value: unknown[] }).value).toEqual([]);
    expect(fx.tenant.groups.get(fx.groups.marketing)!.members.has(id)).toBe(false);

    // The sixth request after the creation finds it.
    const listed = await graph.get(`/users?$filter=userPrincipalName eq '${UPN}'&$select=id`);
    expect((listed.body as { value: unknown[] }).value).toEqual([{ id }]);
    expect((await graph.send('POST', `/groups/${fx.groups.marketing}/members/$ref`, ref(id))).status).toBe(
      204,
    );
  });

  it('still refuses a second user with the same name while the first is hidden', async () => {
    await admin()('PATCH', '/config', { graph: { newUserReplication: { requests: 5 } } });
    await create();
    const again = await graph.send('POST', '/users', {
      accountEnabled: true,
      displayName: 'New Starter',
      mailNickname: 'newstarter',
      userPrincipalName: UPN,
      passwordProfile: { password: 'xWwvJ]6NMw+bWH-d' },
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { details: [{ code: 'ObjectConflict' }] } });
  });

  it('counts requests inside $batch one by one', async () => {
    await admin()('PATCH', '/config', { graph: { newUserReplication: { requests: 1 } } });
    const id = await create();
    const batch = await graph.send('POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/users/${id}?$select=id` },
        { id: '2', method: 'GET', url: `/users/${id}?$select=id`, dependsOn: ['1'] },
      ],
    });
    const responses = (batch.body as { responses: { id: string; status: number }[] }).responses;
    expect(responses.map((r) => [r.id, r.status]).sort()).toEqual([
      ['1', 404],
      ['2', 424],
    ]);
    expect((await graph.get(`/users/${id}`)).status).toBe(200);
  });

  it('can hold a new user for a span of emulator time instead', async () => {
    await admin()('PATCH', '/config', { graph: { newUserReplication: { seconds: 30 } } });
    const id = await create();
    expect((await graph.get(`/users/${id}`)).status).toBe(404);
    expect((await graph.get(`/users/${id}`)).status).toBe(404);
    await admin()('POST', '/clock/advance', { seconds: 31 });
    expect((await graph.get(`/users/${id}`)).status).toBe(200);
  });

  it('refuses negative settings through the admin API', async () => {
    const res = await admin()('PATCH', '/config', { graph: { newUserReplication: { requests: -1 } } });
    expect(res.status).toBe(400);
  });
});
