import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.js';
import type { TenantRecord } from '../../../src/emulator/state/types.js';
import { mintToken, startEmulator } from '../../support/emulator.js';
import { adminClient, changesSince, demoTenant, type Inject } from './admin-fixtures.js';

describe('admin API: joiners, leavers, movers, groups', () => {
  let emu: Emulator;
  let admin: Inject;
  let tenant: TenantRecord;
  const groupNamed = (name: string) => [...tenant.groups.values()].find((g) => g.props.displayName === name)!;

  beforeAll(async () => {
    emu = await startEmulator({ seed: 1 });
    admin = adminClient(emu);
    tenant = demoTenant(emu, 'Nordlys');
  });
  afterAll(() => emu.close());

  it('creates joiners that Graph returns and the change log records', async () => {
    const version = emu.estate.log.version(tenant.id);
    const res = await admin('POST', `/tenants/${tenant.id}/joiners`, { count: 3 });
    expect(res.status).toBe(201);
    const joiners = res.body as { id: string; userPrincipalName: string; managerId: string | null }[];
    expect(joiners).toHaveLength(3);
    const created = changesSince(emu, tenant, version)
      .filter((c) => c.kind === 'created')
      .map((c) => c.id);
    expect(created).toEqual(joiners.map((j) => j.id));
    expect(joiners.every((j) => j.userPrincipalName.endsWith('@nordlysshipping.no'))).toBe(true);
    expect(joiners.some((j) => j.managerId !== null)).toBe(true);
    expect(groupNamed('All Company').members.has(joiners[0]!.id)).toBe(true);

    const token = await mintToken(emu, { tenantId: tenant.id, roles: ['User.Read.All'] });
    const read = await emu.inject({
      method: 'GET',
      url: `/v1.0/users/${joiners[0]!.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ userPrincipalName: joiners[0]!.userPrincipalName });
  });

  it('takes explicit joiners, folding accents into the UPN', async () => {
    const res = await admin('POST', `/tenants/${tenant.id}/joiners`, {
      users: [{ givenName: 'Zoë', surname: 'Ødegård', department: 'Finance', jobTitle: 'Accountant' }],
    });
    const [joiner] = res.body as { id: string; userPrincipalName: string }[];
    expect(joiner!.userPrincipalName).toBe('zoe.odegard@nordlysshipping.no');
    const user = tenant.users.get(joiner!.id)!;
    expect(user.props).toMatchObject({
      displayName: 'Zoë Ødegård',
      department: 'Finance',
      jobTitle: 'Accountant',
    });
    expect(groupNamed('SG-Finance').members.has(joiner!.id)).toBe(true);
  });

  it('disables, soft-deletes and purges leavers through the estate', async () => {
    const version = emu.estate.log.version(tenant.id);
    const disabled = (await admin('POST', `/tenants/${tenant.id}/leavers`, { count: 2 })).body as {
      id: string;
    }[];
    expect(disabled).toHaveLength(2);
    for (const { id } of disabled) {
      expect(tenant.users.get(id)!.props.accountEnabled).toBe(false);
      expect(groupNamed('Dyn-All-Members').members.has(id)).toBe(false);
    }
    const changes = changesSince(emu, tenant, version);
    expect(changes.some((c) => c.kind === 'updated' && c.props?.includes('accountEnabled'))).toBe(true);
    expect(changes.some((c) => c.kind === 'memberRemoved')).toBe(true);

    const [gone] = disabled;
    const soft = await admin('POST', `/tenants/${tenant.id}/leavers`, {
      ids: [gone!.id],
      mode: 'softDelete',
    });
    expect(soft.status).toBe(200);
    expect(tenant.users.get(gone!.id)!.deletedAt).not.toBeNull();
    await admin('POST', `/tenants/${tenant.id}/leavers`, { ids: [gone!.id], mode: 'purge' });
    expect(tenant.users.has(gone!.id)).toBe(false);
    const kinds = changesSince(emu, tenant, version)
      .filter((c) => c.id === gone!.id)
      .map((c) => c.kind);
    expect(kinds).toEqual(expect.arrayContaining(['softDeleted', 'purged']));
  });

  it('moves movers between departments and their groups, and changes managers', async () => {
    const person = [...tenant.users.values()].find(
      (u) =>
        u.props.department === 'Sales' &&
        u.props.accountEnabled === true &&
        groupNamed('SG-Sales').members.has(u.props.id),
    )!;
    const version = emu.estate.log.version(tenant.id);
    const res = await admin('POST', `/tenants/${tenant.id}/movers`, {
      ids: [person.props.id],
      changes: { department: 'Finance', jobTitle: 'Financial Analyst' },
    });
    expect(res.body).toEqual([{ id: person.props.id, changed: ['department', 'jobTitle'] }]);
    expect(groupNamed('SG-Sales').members.has(person.props.id)).toBe(false);
    expect(groupNamed('SG-Finance').members.has(person.props.id)).toBe(true);
    expect(groupNamed('Dyn-Sales').members.has(person.props.id)).toBe(false);
    expect(
      changesSince(emu, tenant, version).some(
        (c) => c.id === person.props.id && c.props?.includes('department'),
      ),
    ).toBe(true);

    const before = person.managerId;
    const moved = (
      await admin('POST', `/tenants/${tenant.id}/movers`, { ids: [person.props.id], changes: ['manager'] })
    ).body as { changed: string[] }[];
    expect(moved[0]!.changed).toEqual(['manager']);
    expect(person.managerId).not.toBe(before);
  });

  it('adds and removes members of any group, distribution lists included', async () => {
    const dl = groupNamed('DL-Managers');
    const outsider = [...tenant.users.values()].find(
      (u) => !dl.members.has(u.props.id) && u.deletedAt === null,
    )!;
    const version = emu.estate.log.version(tenant.id);
    const add = await admin('POST', `/tenants/${tenant.id}/groups/${dl.props.id}/members`, {
      add: [outsider.props.id],
    });
    expect(add.body).toMatchObject({ added: [outsider.props.id], removed: [] });
    const remove = await admin('POST', `/tenants/${tenant.id}/groups/${dl.props.id}/members`, {
      remove: [outsider.props.id],
    });
    expect(remove.body).toMatchObject({ removed: [outsider.props.id] });
    const kinds = changesSince(emu, tenant, version).map((c) => c.kind);
    expect(kinds).toEqual(['memberAdded', 'memberRemoved']);
  });

  it('creates groups, nesting groups as members', async () => {
    const res = await admin('POST', `/tenants/${tenant.id}/groups`, {
      displayName: 'Project Nordlys 2027',
      kind: 'm365',
      members: [groupNamed('SG-Managers').props.id],
    });
    expect(res.status).toBe(201);
    const created = tenant.groups.get((res.body as { id: string }).id)!;
    expect(created.props.groupTypes).toEqual(['Unified']);
    expect([...created.members.values()]).toEqual(['#microsoft.graph.group']);
  });

  it('answers bad requests with 400 naming the field, and unknown things with 404', async () => {
    const bad = await admin('POST', `/tenants/${tenant.id}/joiners`, { count: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'ValidationFailed' } });
    expect(JSON.stringify(bad.body)).toContain('count');
    const both = await admin('POST', `/tenants/${tenant.id}/leavers`, { count: 1, ids: ['x'] });
    expect(JSON.stringify(both.body)).toContain('either count or ids');
    const field = await admin('POST', `/tenants/${tenant.id}/movers`, { count: 1, changes: ['salary'] });
    expect(field.status).toBe(400);
    expect(JSON.stringify(field.body)).toContain('changes.0');
    expect(JSON.stringify(field.body)).toContain('officeLocation');
    const json = await emu.inject({
      method: 'POST',
      url: `/_emulator/tenants/${tenant.id}/joiners`,
      body: '{nope',
    });
    expect(json.body).toMatchObject({ error: { code: 'InvalidJson' } });
    const missing = await admin('GET', '/tenants/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'TenantNotFound' } });
    const noUser = await admin('POST', `/tenants/${tenant.id}/leavers`, {
      ids: ['nobody@nordlysshipping.no'],
    });
    expect(noUser.status).toBe(404);
  });
});
