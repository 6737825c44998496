import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIRECTORY_REFUSAL_CODES } from '../../../src/contracts/onboarding/directory.js';
import { kindProps } from '../../../src/emulator/graph/groups/group-view.js';
import {
  addUserToGroups,
  createDirectoryUser,
  listUserGroups,
  removeUserFromGroups,
  resolveGroups,
} from '../../../src/microsoft/index.js';
import { counted, startProvisioningFixture, type ProvisioningFixture } from './emulated-graph.js';

let f: ProvisioningFixture;
beforeAll(async () => {
  f = await startProvisioningFixture();
});
afterAll(() => f.emu.close());
beforeEach(() => f.reset());

const newUser = async () => {
  const created = await createDirectoryUser(f.graph, {
    userPrincipalName: 'sam.new@contoso.com',
    mailNickname: 'sam.new',
    displayName: 'Sam New',
    givenName: 'Sam',
    surname: 'New',
    accountEnabled: true,
    password: 'Kx7!mQv2#pLr9zTw',
    forceChangePasswordNextSignIn: true,
  });
  if (!created.ok) throw new Error(created.refusal.title);
  return created.value.id;
};

describe('resolveGroups', () => {
  it('finds groups by name in one request, with their kinds, and names the missing and ambiguous ones', async () => {
    f.emu.estate.addGroup(
      f.fx.tenant,
      {
        id: 'dddddddd-0000-4000-8000-000000000001',
        displayName: 'Newsletter',
        ...kindProps('security', false),
      },
      { kind: 'security' },
    );
    const resolved = await resolveGroups(f.graph, [
      'marketing',
      'All Staff',
      'Dynamic Sales',
      'Finance Mail Security',
      'Newsletter',
      'On-Prem Staff',
      'No Such Group',
    ]);
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.value.found).toEqual([
      { id: f.fx.groups.marketing, name: 'Marketing', kind: 'security', canAddMembers: true },
      { id: f.fx.groups.allStaff, name: 'All Staff', kind: 'microsoft365', canAddMembers: true },
      { id: f.fx.groups.dynamicSales, name: 'Dynamic Sales', kind: 'dynamic', canAddMembers: false },
      {
        id: f.fx.groups.financeMailSecurity,
        name: 'Finance Mail Security',
        kind: 'mailEnabledSecurity',
        canAddMembers: false,
      },
      { id: f.fx.groups.onPremStaff, name: 'On-Prem Staff', kind: 'security', canAddMembers: false },
    ]);
    expect(resolved.value.missing).toEqual(['No Such Group']);
    expect(resolved.value.ambiguous).toEqual(['Newsletter']);
    expect(f.sent).toHaveLength(1);
    expect(counted(f, 'GET /groups')).toBe(1);
  });

  it('chunks more than 15 names into filtered reads of one $batch', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `Group ${i}`);
    const resolved = await resolveGroups(f.graph, [...names, 'Newsletter']);
    expect(resolved).toMatchObject({ ok: true, value: { missing: names } });
    if (resolved.ok) expect(resolved.value.found.map((g) => g.kind)).toEqual(['distribution']);
    expect(f.sent).toEqual(['POST /v1.0/$batch']);
    expect(counted(f, 'GET /groups')).toBe(2);
  });
});

describe('addUserToGroups', () => {
  it('adds to five groups with one request, reporting each group, and treats "already a member" as done', async () => {
    const groups = [
      f.fx.groups.marketing,
      f.fx.groups.allStaff,
      f.fx.groups.dynamicSales,
      f.fx.groups.financeMailSecurity,
      f.fx.groups.newsletter,
    ];
    f.sent.length = 0;
    const added = await addUserToGroups(f.graph, f.fx.users.zoe, groups);
    expect(f.sent).toEqual(['POST /v1.0/$batch']);
    expect(counted(f, 'POST /groups/{id}/members/$ref')).toBe(5);
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.value.map((o) => [o.groupId, o.status])).toEqual([
      [f.fx.groups.marketing, 'added'],
      [f.fx.groups.allStaff, 'added'],
      [f.fx.groups.dynamicSales, 'needsManual'],
      [f.fx.groups.financeMailSecurity, 'needsManual'],
      [f.fx.groups.newsletter, 'needsManual'],
    ]);
    const refusals = added.value.map((o) => ('refusal' in o ? o.refusal.code : null));
    expect(refusals.slice(2)).toEqual([
      DIRECTORY_REFUSAL_CODES.groupIsDynamic,
      DIRECTORY_REFUSAL_CODES.groupManagedInExchange,
      DIRECTORY_REFUSAL_CODES.groupManagedInExchange,
    ]);
    expect(added.request).toMatchObject({ method: 'POST', url: '/$batch' });
    expect(added.response).toMatchObject({ status: 200 });
    expect(f.fx.tenant.groups.get(f.fx.groups.marketing)!.members.has(f.fx.users.zoe)).toBe(true);

    const again = await addUserToGroups(f.graph, f.fx.users.zoe, [
      f.fx.groups.marketing,
      f.fx.groups.allStaff,
    ]);
    expect(again.ok && again.value.map((o) => o.status)).toEqual(['alreadyMember', 'alreadyMember']);
  });

  it('retries only the throttled group adds inside the batch, after their Retry-After', async () => {
    f.emu.faults.add({
      service: 'graph',
      route: 'POST /groups/{id}/members/$ref',
      action: { type: 'status', status: 429, retryAfterSeconds: 2 },
      skip: 1,
      times: 1,
    });
    const added = await addUserToGroups(f.graph, f.fx.users.zoe, [
      f.fx.groups.marketing,
      f.fx.groups.allStaff,
    ]);
    expect(added.ok && added.value.map((o) => o.status)).toEqual(['added', 'added']);
    expect(counted(f, 'POST /$batch')).toBe(2);
    expect(counted(f, 'POST /groups/{id}/members/$ref')).toBe(3);
    expect(f.slept).toEqual([2000]);
  });

  it('reports a user that has not replicated yet as retryable, and adds it on a later try', async () => {
    f.emu.behaviour.graph.newUserReplication = { requests: 3, seconds: 0 };
    const userId = await newUser();
    const early = await addUserToGroups(f.graph, userId, [f.fx.groups.marketing]);
    expect(early.ok).toBe(true);
    if (!early.ok) return;
    expect(early.value[0]).toMatchObject({
      status: 'failed',
      refusal: { code: DIRECTORY_REFUSAL_CODES.notReplicatedYet, retryable: true },
    });
    await addUserToGroups(f.graph, userId, [f.fx.groups.allStaff]);
    await addUserToGroups(f.graph, userId, [f.fx.groups.allStaff]);
    const later = await addUserToGroups(f.graph, userId, [f.fx.groups.marketing, f.fx.groups.allStaff]);
    expect(later.ok && later.value.map((o) => o.status)).toEqual(['added', 'added']);
  });

  it('reports a missing permission per group, and sends nothing for no groups', async () => {
    expect(await addUserToGroups(f.graph, f.fx.users.zoe, [])).toEqual({
      ok: true,
      value: [],
      request: null,
      response: null,
    });
    expect(f.sent).toEqual([]);
    await f.grant(['User.Read.All', 'Group.Read.All']);
    const denied = await addUserToGroups(f.graph, f.fx.users.zoe, [f.fx.groups.marketing]);
    expect(denied.ok && denied.value[0]).toMatchObject({
      status: 'failed',
      refusal: { code: 'Authorization_RequestDenied', retryable: false },
    });
  });
});

describe('removeUserFromGroups and listUserGroups', () => {
  it('lists direct groups with kinds, removes the user with one request, and "not a member" is done', async () => {
    const listed = await listUserGroups(f.graph, f.fx.users.diego);
    expect(listed.ok && listed.value.map((g) => [g.name, g.kind]).sort()).toEqual([
      ['All Staff', 'microsoft365'],
      ['Finance Mail Security', 'mailEnabledSecurity'],
    ]);
    f.sent.length = 0;
    const removed = await removeUserFromGroups(f.graph, f.fx.users.diego, [
      f.fx.groups.allStaff,
      f.fx.groups.financeMailSecurity,
      f.fx.groups.marketing,
    ]);
    expect(f.sent).toEqual(['POST /v1.0/$batch']);
    expect(removed.ok && removed.value.map((o) => o.status)).toEqual(['removed', 'needsManual', 'notMember']);
    const after = await listUserGroups(f.graph, f.fx.users.diego);
    expect(after.ok && after.value.map((g) => g.name)).toEqual(['Finance Mail Security']);
  });
});
