import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handler } from '../../../src/emulator/http/types.js';
import type { TenantRecord } from '../../../src/emulator/state/types.js';
import {
  checkpointOf,
  deskSnapshot,
  emulatorConfig,
  expectFullReadAgrees,
  givenDeltaScenario,
  runImport,
  type DeltaContext,
  type DeltaScenario,
  startDeltaContext,
} from './delta-fixtures.js';

/**
 * Delta runs where Graph is at its least convenient: objects replayed within a round and into the
 * next one, pages of two objects, and groups whose `members@delta` is split across pages. After
 * every delta run the desk must be exactly what a full read gives (which then plans nothing).
 */

const USER = '#microsoft.graph.user';
const GROUP = '#microsoft.graph.group';

let ctx: DeltaContext;
/** `Prefer` headers of every delta request the emulator answered. */
const prefers: (string | null)[] = [];
/** What the runs were sent: entries again in a round, and groups sent on consecutive pages. */
const seen = { repeated: 0, groupsOnConsecutivePages: 0 };

function observe(resource: string, body: Record<string, unknown>, round: Map<string, Set<string>>) {
  const ids = ((body.value as { id: string }[] | undefined) ?? []).map((v) => v.id);
  const before = round.get(resource) ?? new Set<string>();
  const last = round.get(`${resource}:last`) ?? new Set<string>();
  for (const id of ids) {
    if (last.has(id) && resource.startsWith('groups')) seen.groupsOnConsecutivePages += 1;
    else if (before.has(id)) seen.repeated += 1;
    before.add(id);
  }
  round.set(resource, before);
  round.set(`${resource}:last`, new Set(ids));
  if (body['@odata.deltaLink']) {
    round.delete(resource);
    round.delete(`${resource}:last`);
  }
}

beforeAll(async () => {
  ctx = await startDeltaContext();
  await emulatorConfig(ctx, {
    graph: {
      deltaPageSize: 2,
      deltaMembersPerPage: 2,
      deltaReplays: { duplicateProbability: 0.5, nextRoundProbability: 0.5 },
    },
  });
  // Watch what Rollcall asks delta for, below Graph's surface (the emulator's route table).
  const router = ctx.world.emu.context.router;
  const rounds = new Map<string, Set<string>>();
  const find = router.find.bind(router);
  router.find = (method, pathname) => {
    const found = find(method, pathname);
    if (!found || !/\/delta$/i.test(pathname)) return found;
    const handler: Handler = async (req, params) => {
      prefers.push(req.headers.prefer ?? null);
      const res = await found.handler(req, params);
      // Rounds are told apart by tenant and query; a deltaLink ends one.
      const key = `${pathname.includes('groups') ? 'groups' : 'users'} ${req.headers.authorization?.slice(-16)}`;
      if (res.status === 200) observe(key, res.body as Record<string, unknown>, rounds);
      return res;
    };
    return { ...found, handler };
  };
});
afterAll(async () => {
  await ctx?.close();
});

const tenantOf = (d: DeltaScenario): TenantRecord => ctx.world.emu.estate.tenant(d.s.tenantId)!;

/** A first run: reads in full (no checkpoint yet) and succeeds. */
async function firstRun(d: DeltaScenario) {
  const run = await runImport(ctx, d.s);
  expect(run.record, JSON.stringify(run.result.error)).toMatchObject({
    mode: 'full',
    modeReason: 'delta.noCheckpoint',
    status: 'succeeded',
  });
  return run;
}

/** A delta run that succeeds as a delta run (not a fallback to a full read). */
async function deltaRun(d: DeltaScenario) {
  const run = await runImport(ctx, d.s);
  const why = { error: run.result.error, mode: run.record.mode, reason: run.record.modeReason };
  expect(run.record, JSON.stringify(why)).toMatchObject({
    mode: 'delta',
    status: 'succeeded',
  });
  return run;
}

describe('delta runs with replays, pages of two and split member lists', () => {
  let d: DeltaScenario;
  let north: string;

  beforeAll(async () => {
    d = await givenDeltaScenario(ctx, 'edges');
    for (let n = 1; n <= 14; n += 1)
      d.s.person(n, { givenName: `Given${n}`, surname: `Sur${n}`, department: n % 2 ? 'Sales' : 'Ops' });
    const tenant = tenantOf(d);
    for (const n of [1, 2, 3, 4, 5]) ctx.world.emu.estate.addMember(tenant, d.branch, d.s.id(n), USER);
    // A nested group: its members are Branch staff too (the mapping reads members transitively).
    north = d.s.group('Branch North', { people: [6, 7] });
    ctx.world.emu.estate.addMember(tenant, d.branch, north, GROUP);
    d.s.group('Unmapped', { people: [1, 8, 9, 10] });
    const first = await runImport(ctx, d.s);
    expect(first.record).toMatchObject({
      mode: 'full',
      modeReason: 'delta.noCheckpoint',
      status: 'succeeded',
    });
    expect(first.result.plan?.summary).toMatchObject({ created: 14 });
    const desk = await deskSnapshot(ctx, d);
    expect(desk.filter((u) => u.site === 'branch')).toHaveLength(7);
  });

  it('moves users in and out of the group-mapped site when members change across pages', async () => {
    const tenant = tenantOf(d);
    const { estate } = ctx.world.emu;
    for (const n of [8, 9, 10]) estate.addMember(tenant, d.branch, d.s.id(n), USER);
    for (const n of [1, 2]) estate.removeMember(tenant, d.branch, d.s.id(n));
    estate.addMember(tenant, north, d.s.id(11), USER);
    estate.removeMember(tenant, north, d.s.id(6));
    // Churn in a group no mapping reads, and a member added then removed within the round.
    estate.addMember(tenant, d.branch, d.s.id(12), USER);
    estate.removeMember(tenant, d.branch, d.s.id(12));
    d.s.renameGroup(d.s.group('Extra', { people: [13, 14] }), 'Extra renamed');

    const run = await deltaRun(d);
    const moved = new Map(run.result.plan!.records.map((r) => [r.entraId, r.outcome]));
    for (const n of [1, 2, 6, 8, 9, 10, 11]) expect(moved.get(d.s.id(n)), `person ${n}`).toBe('update');
    expect(moved.has(d.s.id(12))).toBe(false);

    const desk = await expectFullReadAgrees(ctx, d);
    const site = (n: number) => desk.find((u) => u.entraObjectId === d.s.id(n))!.site;
    expect([1, 2, 6, 12, 13].map(site)).toEqual(['default', 'default', 'default', 'default', 'default']);
    expect([3, 4, 5, 7, 8, 9, 10, 11].map(site)).toEqual(Array(8).fill('branch'));
  });

  it('converges when users change, soft delete and restore within one round and across rounds', async () => {
    const { s } = d;
    s.updatePerson(3, { department: null, displayName: 'Person 3 Renamed' });
    s.updatePerson(4, { givenName: 'Changed', surname: null });
    s.deletePerson(5);
    s.restorePerson(5);
    s.deletePerson(7);
    s.deletePerson(9);
    s.restorePerson(9);
    s.deletePerson(9);
    s.deletePerson(10);
    ctx.world.emu.estate.purgeUser(tenantOf(d), s.id(10));
    await deltaRun(d);
    await expectFullReadAgrees(ctx, d);
    const desk = async (n: number) => (await s.desk(n))!;
    expect((await desk(3)).department).toBeNull();
    expect((await desk(5)).inactive).toBe(false);
    expect((await desk(7)).inactive).toBe(true);
    expect((await desk(9)).inactive).toBe(true);
    expect((await desk(10)).inactive).toBe(true);

    // Across rounds: restored, re-deleted, and a department-only change (all fields must stay).
    s.restorePerson(7);
    s.restorePerson(9);
    s.updatePerson(11, { department: 'Finance' });
    await deltaRun(d);
    await expectFullReadAgrees(ctx, d);
    expect((await desk(7)).inactive).toBe(false);
    expect((await desk(9)).inactive).toBe(false);
    expect(await desk(11)).toMatchObject({
      department: 'Finance',
      displayName: 'Person 11',
      givenName: 'Given11',
    });

    s.deletePerson(7);
    await deltaRun(d);
    s.restorePerson(7);
    await deltaRun(d);
    await expectFullReadAgrees(ctx, d);
    expect((await desk(7)).inactive).toBe(false);
  });

  it('never creates a user created and deleted before the round', async () => {
    const { s } = d;
    s.person(20, {}, { joins: true });
    s.deletePerson(20);
    ctx.world.emu.estate.purgeUser(tenantOf(d), s.id(20));
    s.person(21, {}, { joins: true });
    s.deletePerson(21);
    ctx.world.emu.estate.addMember(tenantOf(d), d.branch, s.id(13), USER);
    const run = await deltaRun(d);
    expect(run.result.plan!.records.map((r) => r.entraId)).not.toContain(s.id(20));
    expect(run.result.plan!.records.map((r) => r.entraId)).not.toContain(s.id(21));
    expect(await s.desk(20)).toBeUndefined();
    expect(await s.desk(21)).toBeUndefined();
    await expectFullReadAgrees(ctx, d);
  });

  it('converges when the mapped group itself is deleted and restored', async () => {
    const { estate } = ctx.world.emu;
    estate.softDeleteGroup(tenantOf(d), d.branch);
    await deltaRun(d);
    await expectFullReadAgrees(ctx, d);
    estate.restoreGroup(tenantOf(d), d.branch);
    d.s.updatePerson(8, { department: 'Back' });
    await deltaRun(d);
    const desk = await expectFullReadAgrees(ctx, d);
    expect(desk.find((u) => u.entraObjectId === d.s.id(8))).toMatchObject({
      site: 'branch',
      department: 'Back',
    });
  });

  it('plans nothing on rounds of replays alone, and keeps moving its checkpoint', async () => {
    const before = await checkpointOf(ctx, d.s);
    for (let i = 0; i < 3; i += 1) {
      const run = await deltaRun(d);
      expect(run.result.plan?.records).toEqual([]);
    }
    expect((await checkpointOf(ctx, d.s)).version).toBe(before.version + 3);
  });

  it('was sent replays and split groups (the runs above really met them)', () => {
    expect(seen.repeated).toBeGreaterThan(5);
    expect(seen.groupsOnConsecutivePages).toBeGreaterThan(0);
  });

  it('never asks for return=minimal: it needs whole users', () => {
    expect(prefers.length).toBeGreaterThan(20);
    expect(prefers.filter((p) => p !== null && /return=minimal/i.test(p))).toEqual([]);
  });
});

describe('a delta run after the site mapping names another group', () => {
  it('places users by the groups the configuration names now, as a full read would', async () => {
    const d = await givenDeltaScenario(ctx, 'renamed-mapping');
    for (let n = 1; n <= 4; n += 1) d.s.person(n);
    ctx.world.emu.estate.addMember(tenantOf(d), d.branch, d.s.id(1), USER);
    d.s.group('Branch East', { people: [2, 3] });
    await firstRun(d);
    await deltaRun(d);

    // Nothing changes in Entra's groups: only the mapping now names Branch East. The sync method
    // changes too, so saving takes the latest delta (guide 001) instead of one full read
    // (`delta.configChanged`): the stored membership snapshot is for the old group names.
    const mappings = d.config.siteMappings!.map((m) =>
      m.groupName === 'Branch' ? { ...m, groupName: 'Branch East' } : m,
    );
    const delta = { enabled: true, method: 'mappedFields' as const };
    const saved = await d.s.save({ ...d.config, siteMappings: mappings, delta }, true);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await runImport(ctx, d.s)).record).toMatchObject({ mode: 'delta', modeReason: 'delta.latest' });
    d.s.updatePerson(2, { department: 'Moved by the mapping' });
    await deltaRun(d);
    // The changed user, and those whose mapped group changed with the configuration, as a full read places them.
    const desk = await expectFullReadAgrees(ctx, d);
    const site = (n: number) => desk.find((u) => u.entraObjectId === d.s.id(n))!.site;
    expect([1, 2, 3, 4].map(site)).toEqual(['default', 'branch', 'branch', 'default']);
  });
});

describe('delta runs with the manager mapped', () => {
  it('set, changed, cleared and deleted managers end as a full read leaves them', async () => {
    const d = await givenDeltaScenario(ctx, 'managers');
    const withManager = {
      ...d.config,
      userFieldMappings: [
        ...d.config.userFieldMappings!,
        { entraField: 'manager', deskField: 'manager', overwriteWithBlank: true },
      ],
    };
    const saved = await d.s.save(withManager, true);
    expect(saved.statusCode, saved.body).toBe(200);
    for (let n = 1; n <= 8; n += 1) d.s.person(n);
    d.s.setManager(2, 1);
    d.s.setManager(3, 1);
    d.s.setManager(4, 2);
    await firstRun(d);
    const managers = async () => {
      const all = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => d.s.desk(n)));
      const byDeskId = new Map(all.map((u, i) => [u?.id, i + 1]));
      return all.map((u) => (u?.managerId ? byDeskId.get(u.managerId) : null));
    };
    expect(await managers()).toEqual([null, 1, 1, 2, null, null, null, null]);

    d.s.setManager(5, 4);
    d.s.setManager(3, 2);
    d.s.setManager(4, null);
    d.s.setManager(6, 7);
    d.s.setManager(8, 7);
    d.s.deletePerson(7);
    await deltaRun(d);
    // Reads show no manager while it is in the recycle bin.
    expect(await managers()).toEqual([null, 1, 2, null, 4, null, null, null]);
    await expectFullReadAgrees(ctx, d);
    d.s.restorePerson(7);
    await deltaRun(d);
    expect(await managers()).toEqual([null, 1, 2, null, 4, 7, null, 7]);
    await expectFullReadAgrees(ctx, d);
    d.s.setManager(7, 6);
    ctx.world.emu.estate.purgeUser(tenantOf(d), d.s.id(2));
    await deltaRun(d);
    // Person 2 is gone for good: its report has no manager (its own record, now inactive, keeps its own).
    expect(await managers()).toEqual([null, 1, null, null, 4, 7, 6, 7]);
    await expectFullReadAgrees(ctx, d);
  });
});
