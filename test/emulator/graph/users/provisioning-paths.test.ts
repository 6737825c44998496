import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SKU_CATALOGUE } from '../../../../src/emulator/graph/licences/catalogue.js';
import { createSkuRecord } from '../../../../src/emulator/graph/licences/records.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { startEmulator } from '../../../support/emulator.js';
import {
  CONTOSO_ID,
  createDirectoryFixture,
  EVENTUAL,
  graphClient,
  type DirectoryFixture,
} from '../fixtures.js';

/** What the new-starter and leaver automations send, end to end against the emulator. */
describe('Graph paths of onboarding and offboarding', () => {
  let emu: Emulator;
  let fx: DirectoryFixture;
  let graph: Awaited<ReturnType<typeof graphClient>>;
  const SPB = SKU_CATALOGUE.SPB.skuId;

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'empty' });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    emu.estate.clear();
    fx = createDirectoryFixture(emu);
    fx.tenant.skus.set(SPB, createSkuRecord({ sku: SKU_CATALOGUE.SPB, enabled: 1 }));
    graph = await graphClient(emu, CONTOSO_ID, [
      'User.ReadWrite.All',
      'GroupMember.ReadWrite.All',
      'LicenseAssignment.ReadWrite.All',
    ]);
  });

  const ids = async (query: string) =>
    ((await graph.get(`/users?$select=id&${query}`)).body as { value: { id: string }[] }).value
      .map((u) => u.id)
      .sort();

  it('finds users by proxy address (any case of smtp:) and by a list of names, without advanced headers', async () => {
    expect(await ids("$filter=proxyAddresses/any(x:x eq 'smtp:adele@contoso.onmicrosoft.com')")).toEqual([
      fx.users.adele,
    ]);
    expect(await ids("$filter=proxyAddresses/any(x:x eq 'smtp:adelev@contoso.com')")).toEqual([
      fx.users.adele,
    ]);
    expect(
      await ids(
        "$filter=userPrincipalName in ('meganb@contoso.com', 'DiegoS@contoso.com', 'nobody@contoso.com')",
      ),
    ).toEqual([fx.users.megan, fx.users.diego].sort());
    expect(
      await ids(
        "$filter=userPrincipalName in ('x@contoso.com') or mail in ('adams@contoso.com') or proxyAddresses/any(x:x eq 'smtp:alexw@contoso.com')",
      ),
    ).toEqual([fx.users.alex, fx.users.adams].sort());
  });

  it('allows 15 or-clauses (an in list counts per value) by default, more only in advanced queries', async () => {
    const names = (n: number) =>
      Array.from({ length: n }, (_, i) => `'u${i}@contoso.com'`)
        .concat(["'MeganB@contoso.com'"])
        .join(',');
    expect(await ids(`$filter=userPrincipalName in (${names(14)})`)).toEqual([fx.users.megan]);
    const tooMany = await graph.get(`/users?$filter=userPrincipalName in (${names(15)})`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({
      error: {
        code: 'Request_UnsupportedQuery',
        message:
          "Too many child clauses specified in search filter expression containing 'OR' operators: 16. Max allowed: 15",
      },
    });
    const mixed = await graph.get(
      `/users?$filter=userPrincipalName in (${names(12)}) or mail in ('a@contoso.com','b@contoso.com') or proxyAddresses/any(x:x eq 'smtp:c@contoso.com')`,
    );
    expect(mixed.status).toBe(400);
    const advanced = await graph.get(
      `/users?$count=true&$filter=userPrincipalName in (${names(15)})`,
      EVENTUAL,
    );
    expect(advanced.status).toBe(200);
  });

  it('revokes sign-in sessions: 200 Edm.Boolean true, and the user shows when', async () => {
    const before = new Date(emu.clock.now()).toISOString().slice(0, 19);
    const res = await graph.send('POST', `/users/${fx.users.megan}/revokeSignInSessions`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      '@odata.context': expect.stringMatching(/\/v1\.0\/\$metadata#Edm\.Boolean$/),
      value: true,
    });
    const user = await graph.get(`/users/${fx.users.megan}?$select=signInSessionsValidFromDateTime`);
    const since = (user.body as { signInSessionsValidFromDateTime: string }).signInSessionsValidFromDateTime;
    expect(since >= `${before}Z`).toBe(true);
    expect(emu.counters.total({ route: 'POST /users/{id}/revokeSignInSessions' })).toBe(1);
  });

  it('revokes sessions with User.RevokeSessions.All alone, not with read permissions; 404 for an unknown user', async () => {
    const narrow = await graphClient(emu, CONTOSO_ID, ['User.RevokeSessions.All']);
    expect((await narrow.send('POST', `/users/MeganB@contoso.com/revokeSignInSessions`)).status).toBe(200);
    const reader = await graphClient(emu, CONTOSO_ID, ['User.Read.All']);
    const denied = await reader.send('POST', `/users/${fx.users.megan}/revokeSignInSessions`);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
    const unknown = await graph.send('POST', '/users/nobody@contoso.com/revokeSignInSessions');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it("answers licence refusals in Graph's words: no usage location, then no seat left", async () => {
    const add = { addLicenses: [{ skuId: SPB, disabledPlans: [] }], removeLicenses: [] };
    const noLocation = await graph.send('POST', `/users/${fx.users.diego}/assignLicense`, add);
    expect(noLocation.status).toBe(400);
    expect(noLocation.body).toMatchObject({
      error: {
        code: 'Request_BadRequest',
        message: 'License assignment cannot be done for user with invalid usage location.',
      },
    });
    expect((await graph.send('POST', `/users/${fx.users.adele}/assignLicense`, add)).status).toBe(200);
    const full = await graph.send('POST', `/users/${fx.users.megan}/assignLicense`, add);
    expect(full.status).toBe(400);
    expect(full.body).toMatchObject({
      error: {
        code: 'Request_BadRequest',
        message: `Subscription with SKU ${SPB} does not have any available licenses.`,
      },
    });
  });

  it('removes a member, 404 when not one; Exchange and dynamic groups refuse removals too', async () => {
    const path = (group: string, user: string) => `/groups/${group}/members/${user}/$ref`;
    expect((await graph.send('DELETE', path(fx.groups.marketing, fx.users.adele))).status).toBe(204);
    expect((await graph.send('DELETE', path(fx.groups.marketing, fx.users.adele))).status).toBe(404);
    const exchange = await graph.send('DELETE', path(fx.groups.financeMailSecurity, fx.users.diego));
    expect(exchange.body).toMatchObject({
      error: { message: 'Cannot Update a mail-enabled security groups and or distribution list.' },
    });
    const dynamic = await graph.send('DELETE', path(fx.groups.dynamicSales, fx.users.alex));
    expect(dynamic.status).toBe(emu.behaviour.graph.dynamicGroupWriteError.status);
  });

  it('deletes a user into the recycle bin; deleting it again is 404', async () => {
    expect((await graph.send('DELETE', `/users/${fx.users.megan}`)).status).toBe(204);
    expect((await graph.get(`/users/${fx.users.megan}`)).status).toBe(404);
    const bin = await graph.get('/directory/deletedItems/microsoft.graph.user?$select=id,deletedDateTime');
    expect((bin.body as { value: { id: string }[] }).value.map((u) => u.id)).toContain(fx.users.megan);
    expect((await graph.send('DELETE', `/users/${fx.users.megan}`)).status).toBe(404);
  });
});
