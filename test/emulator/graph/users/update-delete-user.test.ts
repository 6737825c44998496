import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../../src/emulator/identity/passwords.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { startEmulator } from '../../../support/emulator.js';
import { CONTOSO_ID, createDirectoryFixture, graphClient, type DirectoryFixture } from '../fixtures.js';

const ON_PREM =
  'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.';

describe('PATCH and DELETE /users, the recycle bin', () => {
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
    graph = await graphClient(emu, CONTOSO_ID, ['User.ReadWrite.All']);
  });

  const patch = (id: string, body: unknown) => graph.send('PATCH', `/users/${id}`, body);

  it('updates properties with 204 and no body, visible to later reads and to the change log', async () => {
    const before = emu.estate.log.version(CONTOSO_ID);
    const res = await patch(fx.users.megan, { jobTitle: 'CMO', usageLocation: 'DE', accountEnabled: false });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    const read = await graph.get(`/users/${fx.users.megan}?$select=jobTitle,usageLocation,accountEnabled`);
    expect(read.body).toMatchObject({ jobTitle: 'CMO', usageLocation: 'DE', accountEnabled: false });
    expect(emu.estate.log.since(CONTOSO_ID, before)).toMatchObject([
      { kind: 'updated', id: fx.users.megan, props: ['jobTitle', 'usageLocation', 'accountEnabled'] },
    ]);
  });

  it('validates a changed userPrincipalName like a new one, and finds the user by the new name', async () => {
    expect((await patch(fx.users.megan, { userPrincipalName: 'AdeleV@contoso.com' })).body).toMatchObject({
      error: { message: 'Another object with the same value for property userPrincipalName already exists.' },
    });
    expect((await patch(fx.users.megan, { userPrincipalName: 'megan@unknown.example' })).status).toBe(400);
    expect((await patch(fx.users.megan, { userPrincipalName: 'MeganB@contoso.com' })).status).toBe(204);
    expect((await patch(fx.users.megan, { userPrincipalName: 'megan.bowen@contoso.com' })).status).toBe(204);
    expect((await graph.get('/users/megan.bowen@contoso.com')).body).toMatchObject({ id: fx.users.megan });
    expect((await graph.get('/users/MeganB@contoso.com')).status).toBe(404);
  });

  it('checks passwords on reset and stores only a hash', async () => {
    expect((await patch(fx.users.megan, { passwordProfile: { password: 'weak' } })).status).toBe(400);
    expect((await patch(fx.users.megan, { passwordProfile: { password: 'Tr0ub4dor&3x' } })).status).toBe(204);
    const user = fx.tenant.users.get(fx.users.megan)!;
    expect(verifyPassword('Tr0ub4dor&3x', user.passwordHash)).toBe(true);
    expect(user.props).not.toHaveProperty('passwordProfile');
  });

  it('moves the primary address when mail changes, refusing addresses other objects hold', async () => {
    expect((await patch(fx.users.megan, { mail: 'adele@contoso.onmicrosoft.com' })).status).toBe(400);
    expect((await patch(fx.users.megan, { mail: 'megan.bowen@contoso.com' })).status).toBe(204);
    expect(fx.tenant.users.get(fx.users.megan)!.props.proxyAddresses).toEqual([
      'SMTP:megan.bowen@contoso.com',
      'smtp:MeganB@contoso.com',
    ]);
  });

  it('refuses on-premises-mastered writes on synced users but allows cloud-mastered ones', async () => {
    const refused = await patch(fx.users.alex, { jobTitle: 'Sales Lead' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'Request_BadRequest', message: ON_PREM } });
    expect((await patch(fx.users.alex, { usageLocation: 'FR' })).status).toBe(204);
    expect((await graph.send('DELETE', `/users/${fx.users.alex}`)).status).toBe(400);
    const manager = await graph.send('PUT', `/users/${fx.users.alex}/manager/$ref`, {
      '@odata.id': `https://graph.microsoft.com/v1.0/users/${fx.users.adele}`,
    });
    expect(manager.body).toMatchObject({ error: { message: ON_PREM } });
  });

  it('changes the manager with manager@odata.bind', async () => {
    const bind = { 'manager@odata.bind': `https://graph.microsoft.com/v1.0/users/${fx.users.diego}` };
    expect((await patch(fx.users.megan, bind)).status).toBe(204);
    expect(fx.tenant.users.get(fx.users.megan)!.managerId).toBe(fx.users.diego);
    expect((await patch(fx.users.alex, bind)).body).toMatchObject({ error: { message: ON_PREM } });
  });

  it('answers 404 for unknown users and 400 for unknown properties', async () => {
    expect((await patch('00000000-0000-4000-8000-0000000009ff', { jobTitle: 'x' })).status).toBe(404);
    expect((await patch(fx.users.megan, { favouriteColour: 'blue' })).body).toMatchObject({
      error: { code: 'BadRequest' },
    });
  });

  it('soft-deletes into deletedItems, restores and purges', async () => {
    expect((await graph.send('DELETE', `/users/${fx.users.diego}`)).status).toBe(204);
    expect((await graph.get(`/users/${fx.users.diego}`)).status).toBe(404);
    const bin = await graph.get('/directory/deletedItems/microsoft.graph.user');
    expect(bin.body).toMatchObject({
      '@odata.context': expect.stringMatching(/#directory\/deletedItems\/microsoft\.graph\.user$/),
      value: [{ id: fx.users.diego, displayName: 'Diego Siciliani', deletedDateTime: expect.any(String) }],
    });
    expect((await graph.get(`/directory/deletedItems/${fx.users.diego}`)).body).toMatchObject({
      '@odata.type': '#microsoft.graph.user',
      id: fx.users.diego,
    });
    const restored = await graph.send('POST', `/directory/deletedItems/${fx.users.diego}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: fx.users.diego });
    expect((await graph.get('/users/DiegoS@contoso.com')).status).toBe(200);

    await graph.send('DELETE', `/users/${fx.users.diego}`);
    expect((await graph.send('DELETE', `/directory/deletedItems/${fx.users.diego}`)).status).toBe(204);
    expect(fx.tenant.users.has(fx.users.diego)).toBe(false);
    expect((await graph.send('POST', `/directory/deletedItems/${fx.users.diego}/restore`)).status).toBe(404);
  });

  it('refuses to restore a user whose UPN was taken meanwhile', async () => {
    await graph.send('DELETE', `/users/${fx.users.diego}`);
    const created = await graph.send('POST', '/users', {
      accountEnabled: true,
      displayName: 'New Diego',
      mailNickname: 'DiegoS2',
      userPrincipalName: 'DiegoS@contoso.com',
      passwordProfile: { password: 'Correct-Horse-9' },
    });
    expect(created.status).toBe(201);
    const restore = await graph.send('POST', `/directory/deletedItems/${fx.users.diego}/restore`);
    expect(restore.status).toBe(400);
    expect(restore.body).toMatchObject({
      error: { code: 'Request_BadRequest', details: [{ target: 'userPrincipalName' }] },
    });
  });
});
