import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../src/contracts/entra/index.js';
import { readEntraDirectory, type GraphClient } from '../../src/microsoft/index.js';
import {
  CONTOSO,
  NORTHWIND,
  NORTHWIND_USERS,
  rollcallGraphTokens,
  startConformanceFixture,
  type ConformanceFixture,
} from './fixtures.js';

let f: ConformanceFixture;
let graph: GraphClient;
const GROUP_IDS = {
  london: 'c0c0c0c0-3333-4000-8000-000000000001',
  staff: 'c0c0c0c0-3333-4000-8000-000000000002',
};
const userId = (n: number) => `c0000002-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  f = await startConformanceFixture();
  graph = f.clients.graph(rollcallGraphTokens(f, NORTHWIND));
  await rollcallGraphTokens(f, NORTHWIND).getToken();
  const { estate } = f.emu;
  const tenant = f.northwind;
  // "Staff" contains "Loc-London" (nested): London's members are transitive members of Staff.
  estate.addGroup(
    tenant,
    {
      id: GROUP_IDS.london,
      displayName: 'Loc-London',
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
    },
    { kind: 'security' },
  );
  estate.addGroup(
    tenant,
    { id: GROUP_IDS.staff, displayName: 'Staff', mailEnabled: false, securityEnabled: true, groupTypes: [] },
    { kind: 'security' },
  );
  for (const n of [1, 2, 3]) estate.addMember(tenant, GROUP_IDS.london, userId(n), '#microsoft.graph.user');
  estate.addMember(tenant, GROUP_IDS.staff, GROUP_IDS.london, '#microsoft.graph.group');
  estate.addMember(tenant, GROUP_IDS.staff, userId(4), '#microsoft.graph.user');
  estate.updateUser(tenant, userId(1), {
    department: 'Dental',
    businessPhones: ['+44 20 7946 0001', '+44 20 7946 0002'],
    onPremisesExtensionAttributes: { extensionAttribute3: 'Cost-42' },
  });
  estate.setManager(tenant, userId(1), userId(2));
});
afterAll(async () => {
  await f.close();
});
beforeEach(() => {
  f.emu.counters.reset();
});

async function readAll(spec: { fields: string[]; groupNames: string[] }) {
  const read = await readEntraDirectory(graph, { tenantId: NORTHWIND, lastSignIn: false, ...spec });
  const users: DirectoryUser[] = [];
  for await (const page of read.pages) users.push(...page);
  return { read, users, byId: new Map(users.map((u) => [u.id, u])) };
}

describe('reading a directory for an import', () => {
  it('normalises mapped fields, transitive group membership and managers', async () => {
    const { users, byId, read } = await readAll({
      fields: ['department', 'businessPhones', 'extensionAttribute3', 'manager', 'mail'],
      groupNames: ['loc-london', 'Staff', 'Nobody Has This'],
    });
    expect(users).toHaveLength(NORTHWIND_USERS);
    const first = byId.get(userId(1))!;
    expect(first).toMatchObject({
      tenantId: NORTHWIND,
      managerId: userId(2),
      accountEnabled: true,
      userType: 'Member',
      licensed: false,
      groups: ['loc-london', 'Staff'],
    });
    expect(first.fields).toEqual({
      department: 'Dental',
      businessPhones: '+44 20 7946 0001',
      extensionAttribute3: 'Cost-42',
      manager: userId(2),
      mail: 'user1@northwind-conf.onmicrosoft.com',
    });
    expect(byId.get(userId(4))!.groups).toEqual(['Staff']);
    expect(byId.get(userId(5))!.groups).toEqual([]);
    expect(byId.get(userId(50))!.accountEnabled).toBe(false);
    expect(read.membership.missing).toEqual(['Nobody Has This']);
  });

  it('asks Graph the minimum: one group lookup, one $batch of member pages, user pages of 100 with $expand', async () => {
    await readAll({ fields: ['manager'], groupNames: ['Loc-London', 'Staff'] });
    expect(f.emu.counters.total({ route: 'GET /groups' })).toBe(1);
    expect(f.emu.counters.total({ route: 'POST /$batch' })).toBe(1);
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(Math.ceil(NORTHWIND_USERS / 100));
  });

  it('reads pages of 999 when no manager is mapped, and no groups when none are named', async () => {
    await readAll({ fields: ['mail'], groupNames: [] });
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(1);
    expect(f.emu.counters.total({ route: 'GET /groups' })).toBe(0);
    expect(f.emu.counters.total({ route: 'POST /$batch' })).toBe(0);
  });

  it('requests the first page of users while the groups are still being resolved', async () => {
    f.emu.faults.add({
      service: 'graph',
      route: 'GET /groups',
      action: { type: 'latency', ms: 400 },
      times: 1,
    });
    let resolved = false;
    const reading = readEntraDirectory(graph, {
      tenantId: NORTHWIND,
      lastSignIn: false,
      fields: ['mail'],
      groupNames: ['Staff'],
    }).then((read) => ((resolved = true), read));
    await expect
      .poll(() => f.emu.counters.total({ route: 'GET /users' }), { timeout: 2_000, interval: 10 })
      .toBe(1);
    expect(resolved).toBe(false);
    const read = await reading;
    const users: DirectoryUser[] = [];
    for await (const page of read.pages) users.push(...page);
    expect(users).toHaveLength(NORTHWIND_USERS);
    expect(users.filter((u) => u.groups.includes('Staff'))).toHaveLength(4);
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(1);
  });

  it('escapes group names with quotes', async () => {
    f.emu.estate.addGroup(
      f.northwind,
      {
        id: 'c0c0c0c0-3333-4000-8000-000000000003',
        displayName: "O'Brien's Team",
        mailEnabled: false,
        securityEnabled: true,
        groupTypes: [],
      },
      { kind: 'security' },
    );
    const { read } = await readAll({ fields: [], groupNames: ["O'Brien's Team"] });
    expect(read.membership.missing).toEqual([]);
  });

  it('reads only the tenant the token is for', async () => {
    const contoso = f.clients.graph(rollcallGraphTokens(f, CONTOSO));
    const read = await readEntraDirectory(contoso, {
      tenantId: CONTOSO,
      fields: [],
      groupNames: [],
      lastSignIn: false,
    });
    const first = await read.pages.next();
    expect(first.done).toBe(false);
    expect(
      (first.value as DirectoryUser[]).every((u) => u.tenantId === CONTOSO && u.id.startsWith('c0000001')),
    ).toBe(true);
  });
});
