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

const ALREADY =
  "One or more added object references already exist for the following modified properties: 'members'.";
const ON_PREM =
  'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.';
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });

describe('group membership writes and group create/update', () => {
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
    graph = await graphClient(emu, CONTOSO_ID, WRITE_ROLES);
  });

  const add = (group: string, body: unknown) => graph.send('POST', `/groups/${group}/members/$ref`, body);
  const members = (group: string) => [...fx.tenant.groups.get(group)!.members.keys()].sort();

  it('adds a member by directoryObjects or users URL with 204, and records the change', async () => {
    const before = emu.estate.log.version(CONTOSO_ID);
    expect((await add(fx.groups.marketing, ref(fx.users.diego))).status).toBe(204);
    expect(
      (
        await add(fx.groups.marketing, {
          '@odata.id': `https://graph.microsoft.com/v1.0/users/${fx.users.zoe}`,
        })
      ).status,
    ).toBe(204);
    expect(members(fx.groups.marketing)).toEqual(
      [fx.users.adele, fx.users.megan, fx.users.diego, fx.users.zoe].sort(),
    );
    expect(emu.estate.log.since(CONTOSO_ID, before)).toMatchObject([
      {
        kind: 'memberAdded',
        id: fx.groups.marketing,
        memberId: fx.users.diego,
        memberType: '#microsoft.graph.user',
      },
      { kind: 'memberAdded', memberId: fx.users.zoe },
    ]);
  });

  it('refuses an existing member with 400 and an unknown object with 404', async () => {
    const again = await add(fx.groups.marketing, ref(fx.users.adele));
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: 'Request_BadRequest', message: ALREADY } });
    const unknown = await add(fx.groups.marketing, ref('00000000-0000-4000-8000-0000000009ff'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      error: {
        code: 'Request_ResourceNotFound',
        message:
          "Resource '00000000-0000-4000-8000-0000000009ff' does not exist or one of its queried reference-property objects are not present.",
      },
    });
    expect((await add('00000000-0000-4000-8000-0000000009fe', ref(fx.users.diego))).status).toBe(404);
    expect((await add(fx.groups.marketing, { '@odata.id': 'not a url' })).status).toBe(400);
  });

  it('refuses Exchange-mastered, synced and dynamic groups with their own errors', async () => {
    for (const group of [fx.groups.financeMailSecurity, fx.groups.newsletter]) {
      expect((await add(group, ref(fx.users.megan))).body).toMatchObject({
        error: {
          code: 'Request_BadRequest',
          message: 'Cannot Update a mail-enabled security groups and or distribution list.',
        },
      });
    }
    expect((await add(fx.groups.onPremStaff, ref(fx.users.megan))).body).toMatchObject({
      error: { message: ON_PREM },
    });
    const dynamic = await add(fx.groups.dynamicSales, ref(fx.users.megan));
    const configured = emu.behaviour.graph.dynamicGroupWriteError;
    expect(dynamic.status).toBe(configured.status);
    expect(dynamic.body).toMatchObject({ error: { code: configured.code, message: configured.message } });
    emu.behaviour.graph.dynamicGroupWriteError = {
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    };
    expect((await add(fx.groups.dynamicSales, ref(fx.users.megan))).status).toBe(403);
    emu.behaviour.graph.dynamicGroupWriteError = configured;
  });

  it('needs RoleManagement.ReadWrite.Directory for role-assignable groups', async () => {
    expect((await add(fx.groups.helpdeskAdmins, ref(fx.users.megan))).status).toBe(403);
    const privileged = await graphClient(emu, CONTOSO_ID, [
      ...WRITE_ROLES,
      'RoleManagement.ReadWrite.Directory',
    ]);
    expect(
      (await privileged.send('POST', `/groups/${fx.groups.helpdeskAdmins}/members/$ref`, ref(fx.users.megan)))
        .status,
    ).toBe(204);
  });

  it('removes a member with 204, and 404 when it is not one', async () => {
    expect(
      (await graph.send('DELETE', `/groups/${fx.groups.marketing}/members/${fx.users.megan}/$ref`)).status,
    ).toBe(204);
    expect(members(fx.groups.marketing)).toEqual([fx.users.adele]);
    const again = await graph.send('DELETE', `/groups/${fx.groups.marketing}/members/${fx.users.megan}/$ref`);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('needs a membership write permission', async () => {
    const reader = await graphClient(emu, CONTOSO_ID, ['GroupMember.Read.All']);
    const res = await reader.send('POST', `/groups/${fx.groups.marketing}/members/$ref`, ref(fx.users.diego));
    expect(res.status).toBe(403);
  });

  it('binds up to 20 members in one PATCH, all or nothing', async () => {
    const bind = (ids: string[]) =>
      graph.send('PATCH', `/groups/${fx.groups.marketing}`, {
        'members@odata.bind': ids.map((id) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`),
      });
    expect((await bind([fx.users.diego, '00000000-0000-4000-8000-0000000009ff'])).status).toBe(404);
    expect((await bind([fx.users.diego, fx.users.adele])).status).toBe(400);
    expect(members(fx.groups.marketing)).toEqual([fx.users.adele, fx.users.megan].sort());
    expect((await bind(Array.from({ length: 21 }, () => fx.users.diego))).status).toBe(400);
    expect((await bind([fx.users.diego, fx.users.zoe])).status).toBe(204);
    expect(members(fx.groups.marketing)).toHaveLength(4);
  });

  it('updates simple group properties, except on synced and Exchange-mastered groups', async () => {
    expect(
      (await graph.send('PATCH', `/groups/${fx.groups.marketing}`, { description: 'Brand and campaigns' }))
        .status,
    ).toBe(204);
    expect((await graph.get(`/groups/${fx.groups.marketing}?$select=description`)).body).toMatchObject({
      description: 'Brand and campaigns',
    });
    expect((await graph.send('PATCH', `/groups/${fx.groups.onPremStaff}`, { description: 'x' })).status).toBe(
      400,
    );
    expect((await graph.send('PATCH', `/groups/${fx.groups.newsletter}`, { description: 'x' })).status).toBe(
      400,
    );
    expect((await graph.send('PATCH', `/groups/${fx.groups.marketing}`, { mailEnabled: true })).status).toBe(
      400,
    );
  });

  it('creates security and Microsoft 365 groups with their shapes, and members at creation', async () => {
    const security = await graph.send('POST', '/groups', {
      displayName: 'Finance Approvers',
      mailEnabled: false,
      mailNickname: 'finance-approvers',
      securityEnabled: true,
      'members@odata.bind': [`https://graph.microsoft.com/v1.0/users/${fx.users.megan}`],
    });
    expect(security.status).toBe(201);
    const created = security.body as Record<string, unknown>;
    expect(created).toMatchObject({
      '@odata.context': expect.stringMatching(/#groups\/\$entity$/),
      displayName: 'Finance Approvers',
      groupTypes: [],
      mailEnabled: false,
      securityEnabled: true,
      mail: null,
      securityIdentifier: expect.stringMatching(/^S-1-12-1-\d+-\d+-\d+-\d+$/),
    });
    expect(fx.tenant.groups.get(String(created.id))).toMatchObject({ kind: 'security', dynamic: false });
    expect([...fx.tenant.groups.get(String(created.id))!.members.keys()]).toEqual([fx.users.megan]);

    const unified = await graph.send('POST', '/groups', {
      displayName: 'Project Falcon',
      mailEnabled: true,
      mailNickname: 'falcon',
      securityEnabled: false,
      groupTypes: ['Unified'],
    });
    expect(unified.body).toMatchObject({
      groupTypes: ['Unified'],
      mail: 'falcon@contoso.com',
      proxyAddresses: ['SMTP:falcon@contoso.com'],
      visibility: 'Public',
    });
    const clash = await graph.send('POST', '/groups', {
      displayName: 'Falcon again',
      mailEnabled: true,
      mailNickname: 'falcon',
      securityEnabled: false,
      groupTypes: ['Unified'],
    });
    expect(clash.body).toMatchObject({
      error: {
        details: expect.arrayContaining([
          { code: 'ObjectConflict', message: expect.any(String), target: 'proxyAddresses' },
        ]),
      },
    });
  });

  it('refuses groups Graph cannot create and names missing properties', async () => {
    const distribution = await graph.send('POST', '/groups', {
      displayName: 'DL',
      mailEnabled: true,
      mailNickname: 'dl',
      securityEnabled: false,
    });
    expect(distribution.status).toBe(400);
    const missing = await graph.send('POST', '/groups', {
      displayName: 'No nickname',
      mailEnabled: false,
      securityEnabled: true,
    });
    expect(missing.body).toMatchObject({
      error: { message: "A value is required for property 'mailNickname' of resource 'Group'." },
    });
    const dynamic = await graph.send('POST', '/groups', {
      displayName: 'Dyn',
      mailEnabled: false,
      mailNickname: 'dyn',
      securityEnabled: true,
      groupTypes: ['DynamicMembership'],
      membershipRule: '(user.department -eq "HR")',
    });
    expect(dynamic.body).toMatchObject({
      groupTypes: ['DynamicMembership'],
      membershipRuleProcessingState: 'On',
    });
  });

  it('soft-deletes groups into deletedItems', async () => {
    expect((await graph.send('DELETE', `/groups/${fx.groups.marketing}`)).status).toBe(204);
    expect((await graph.get(`/groups/${fx.groups.marketing}`)).status).toBe(404);
    const bin = await graph.get(
      '/directory/deletedItems/microsoft.graph.group?$select=id,displayName,deletedDateTime',
    );
    expect(bin.body).toMatchObject({
      value: [{ id: fx.groups.marketing, deletedDateTime: expect.any(String) }],
    });
  });
});
