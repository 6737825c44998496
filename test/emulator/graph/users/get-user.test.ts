import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../src/emulator/index.js';
import { startEmulator } from '../../../support/emulator.js';
import {
  CONTOSO_ID,
  createDirectoryFixture,
  graphClient,
  WRITE_ROLES,
  type DirectoryFixture,
} from '../fixtures.js';

describe('single users, manager and memberOf', () => {
  let emu: Emulator;
  let fx: DirectoryFixture;
  let graph: Awaited<ReturnType<typeof graphClient>>;

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'empty' });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    emu.estate.clear();
    fx = createDirectoryFixture(emu);
    graph = await graphClient(emu, CONTOSO_ID, [...WRITE_ROLES, 'User.Read.All']);
  });

  it('finds a user by id or by userPrincipalName, guests included', async () => {
    const byId = await graph.get(`/users/${fx.users.adele}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      '@odata.context': expect.stringMatching(/\$metadata#users\/\$entity$/),
      id: fx.users.adele,
      displayName: 'Adele Vance',
    });
    expect((await graph.get('/users/adelev@CONTOSO.com')).body).toMatchObject({ id: fx.users.adele });
    const guest = await graph.get(
      `/users/${encodeURIComponent('zoe_fabrikam.com#EXT#@contoso.onmicrosoft.com')}`,
    );
    expect(guest.body).toMatchObject({ id: fx.users.zoe, displayName: 'Zoë Müller' });
  });

  it('answers an unknown or deleted user with Request_ResourceNotFound', async () => {
    const missing = await graph.get('/users/nobody@contoso.com');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      error: {
        code: 'Request_ResourceNotFound',
        message:
          "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.",
      },
    });
    emu.estate.softDeleteUser(fx.tenant, fx.users.diego);
    expect((await graph.get(`/users/${fx.users.diego}`)).status).toBe(404);
  });

  it('honours $select on a single user, including single-GET-only properties', async () => {
    const res = await graph.get(
      `/users/${fx.users.adele}?$select=displayName,accountEnabled,usageLocation,aboutMe`,
    );
    expect(res.body).toEqual({
      '@odata.context': expect.stringMatching(
        /#users\(displayName,accountEnabled,usageLocation,aboutMe\)\/\$entity$/,
      ),
      displayName: 'Adele Vance',
      accountEnabled: true,
      usageLocation: 'GB',
      aboutMe: null,
      id: fx.users.adele,
    });
    expect((await graph.get(`/users/${fx.users.adele}?$select=nope`)).status).toBe(400);
  });

  it('expands the manager, with its own $select', async () => {
    const res = await graph.get(
      `/users/${fx.users.megan}?$select=id,displayName&$expand=manager($select=id,displayName)`,
    );
    expect(res.body).toMatchObject({
      id: fx.users.megan,
      manager: { '@odata.type': '#microsoft.graph.user', id: fx.users.adele, displayName: 'Adele Vance' },
    });
    const list = await graph.get('/users?$select=id&$expand=manager');
    const megan = (list.body as { value: Record<string, unknown>[] }).value.find(
      (u) => u.id === fx.users.megan,
    );
    expect(megan?.manager).toMatchObject({ id: fx.users.adele, userPrincipalName: 'AdeleV@contoso.com' });
    const withAdvanced = await graph.get('/users?$expand=manager&$count=true', {
      ConsistencyLevel: 'eventual',
    });
    expect(withAdvanced.status).toBe(400);
  });

  it('reads, sets and removes a manager, with 404 when there is none', async () => {
    const manager = await graph.get(`/users/${fx.users.megan}/manager`);
    expect(manager.status).toBe(200);
    expect(manager.body).toMatchObject({
      '@odata.context': expect.stringMatching(/#directoryObjects\/\$entity$/),
      '@odata.type': '#microsoft.graph.user',
      id: fx.users.adele,
    });
    const none = await graph.get(`/users/${fx.users.adele}/manager`);
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({
      error: {
        code: 'Request_ResourceNotFound',
        message:
          "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
      },
    });
    const set = await graph.send('PUT', `/users/${fx.users.adele}/manager/$ref`, {
      '@odata.id': `https://graph.microsoft.com/v1.0/users/${fx.users.diego}`,
    });
    expect(set.status).toBe(204);
    expect((await graph.get(`/users/${fx.users.adele}/manager?$select=displayName`)).body).toMatchObject({
      displayName: 'Diego Siciliani',
    });
    const unknown = await graph.send('PUT', `/users/${fx.users.adele}/manager/$ref`, {
      '@odata.id': 'https://graph.microsoft.com/v1.0/users/00000000-0000-4000-8000-0000000009ff',
    });
    expect(unknown.status).toBe(404);
    expect((await graph.send('DELETE', `/users/${fx.users.adele}/manager/$ref`)).status).toBe(204);
    expect((await graph.send('DELETE', `/users/${fx.users.adele}/manager/$ref`)).status).toBe(404);
    expect((await graph.get(`/users/${fx.users.adele}/manager`)).status).toBe(404);
  });

  it('lists direct and transitive group memberships with @odata.type', async () => {
    const direct = await graph.get(`/users/${fx.users.adele}/memberOf`);
    expect(direct.body).toMatchObject({
      '@odata.context': expect.stringMatching(/#directoryObjects$/),
      value: [{ '@odata.type': '#microsoft.graph.group', id: fx.groups.marketing, displayName: 'Marketing' }],
    });
    const transitive = await graph.get(`/users/${fx.users.adele}/transitiveMemberOf?$select=id,displayName`);
    const names = (transitive.body as { value: { displayName: string }[] }).value
      .map((g) => g.displayName)
      .sort();
    expect(names).toEqual(['All Staff', 'Marketing']);
    const cast = await graph.get(
      `/users/${fx.users.adele}/transitiveMemberOf/microsoft.graph.group?$select=displayName`,
    );
    expect(cast.body).toMatchObject({ '@odata.context': expect.stringMatching(/#groups$/) });
    expect((cast.body as { value: object[] }).value[0]).not.toHaveProperty('@odata.type');
    const filtered = await graph.get(`/users/${fx.users.adele}/memberOf?$filter=displayName eq 'Marketing'`);
    expect(filtered.body).toMatchObject({
      error: {
        code: 'Request_UnsupportedQuery',
        message: 'The specified filter to the reference property query is currently not supported.',
      },
    });
  });
});
