import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  groupSchema,
  ResyncRequiredError,
  userSchema,
  type DeltaPage,
  type GraphClient,
} from '../../src/microsoft/index.js';
import {
  NORTHWIND,
  NORTHWIND_USERS,
  rollcallGraphTokens,
  startConformanceFixture,
  type ConformanceFixture,
} from './fixtures.js';

let f: ConformanceFixture;
let graph: GraphClient;
beforeAll(async () => {
  f = await startConformanceFixture();
  graph = f.clients.graph(rollcallGraphTokens(f, NORTHWIND));
});
afterAll(async () => {
  await f.close();
});
beforeEach(() => {
  f.emu.counters.reset();
});

const userId = (n: number) => `c0000002-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function runRound<T>(round: AsyncGenerator<DeltaPage<T>, { deltaLink: string }>) {
  const items: T[] = [];
  let pages = 0;
  for (;;) {
    const step = await round.next();
    if (step.done) return { items, pages, deltaLink: step.value.deltaLink };
    pages += 1;
    items.push(...step.value.items);
  }
}

describe('client conformance: delta', () => {
  let deltaLink = '';

  it('runs an initial round over several pages and gets a deltaLink', async () => {
    const round = await runRound(
      graph.delta('/users/delta?$select=displayName,userPrincipalName,accountEnabled', userSchema),
    );
    expect(round.items).toHaveLength(NORTHWIND_USERS);
    expect(round.pages).toBeGreaterThan(1);
    expect(round.deltaLink).toMatch(/\/users\/delta\?.*\$deltatoken=/);
    expect(f.emu.counters.total({ route: 'GET /users/delta' })).toBe(round.pages);
    deltaLink = round.deltaLink;
  });

  it('sees exactly what changed in the next round (update, soft delete, new user)', async () => {
    const { estate } = f.emu;
    estate.updateUser(f.northwind, userId(5), { displayName: 'Renamed Person' });
    estate.softDeleteUser(f.northwind, userId(7));
    estate.addUser(f.northwind, {
      id: userId(9999),
      displayName: 'New Starter',
      userPrincipalName: 'new.starter@northwind-conf.onmicrosoft.com',
      mailNickname: 'new.starter',
      accountEnabled: true,
      userType: 'Member',
    });
    const round = await runRound(graph.delta(deltaLink, userSchema));
    const byId = new Map(round.items.map((u) => [u.id, u]));
    expect([...byId.keys()].sort()).toEqual([userId(5), userId(7), userId(9999)].sort());
    expect(byId.get(userId(5))!.displayName).toBe('Renamed Person');
    expect(byId.get(userId(7))!['@removed']).toEqual({ reason: 'changed' });
    expect(byId.get(userId(9999))!.userPrincipalName).toBe('new.starter@northwind-conf.onmicrosoft.com');
    expect(round.deltaLink).not.toBe(deltaLink);
    deltaLink = round.deltaLink;
  });

  it('asks for a full resync when the stored deltaLink has expired, and the reset link works', async () => {
    f.emu.clock.advance(8 * 24 * 3600 * 1000);
    const err = await runRound(graph.delta(deltaLink, userSchema)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResyncRequiredError);
    const resync = err as ResyncRequiredError;
    expect(resync).toMatchObject({ action: 'resync', fullResync: true, status: 410 });
    expect(resync.restartFrom).toMatch(/\/users\/delta\?/);
    const fresh = await runRound(graph.delta(resync.restartFrom!, userSchema));
    // 250 seeded − 1 soft-deleted + 1 new; the recycle-bin user may show as @removed.
    const live = fresh.items.filter((u) => !u['@removed']);
    expect(live).toHaveLength(NORTHWIND_USERS);
  });

  it('merges members@delta of a large group spread over pages', async () => {
    const { estate } = f.emu;
    f.emu.behaviour.graph.deltaMembersPerPage = 100;
    const groupId = 'c0000002-9999-4000-8000-000000000001';
    estate.addGroup(
      f.northwind,
      {
        id: groupId,
        displayName: 'Everyone in Northwind',
        description: null,
        mailEnabled: false,
        securityEnabled: true,
        groupTypes: [],
        mailNickname: 'everyone',
        mail: null,
        proxyAddresses: [],
        createdDateTime: '2024-01-01T09:00:00Z',
      },
      { kind: 'security' },
      { silent: true },
    );
    for (let n = 1; n <= 240; n += 1) {
      if (n !== 7)
        estate.addMember(f.northwind, groupId, userId(n), '#microsoft.graph.user', { silent: true });
    }
    const round = await runRound(graph.delta('/groups/delta', groupSchema, { mergeMembers: true }));
    const group = round.items.filter((g) => g.id === groupId);
    expect(group).toHaveLength(1);
    expect(group[0]!['members@delta']).toHaveLength(239);
    expect(new Set(group[0]!['members@delta']!.map((m) => m.id)).size).toBe(239);
    expect(f.emu.counters.total({ route: 'GET /groups/delta' })).toBeGreaterThan(1);
  });
});
