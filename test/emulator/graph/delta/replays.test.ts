import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorBehaviourSchema } from '../../../../src/emulator/config.js';
import { chance } from '../../../../src/emulator/graph/delta/replays.js';
import { createRng } from '../../../../src/emulator/ids.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { startEmulator } from '../../../support/emulator.js';
import { createDeltaFixture, type DeltaFixture, type DeltaRound, startDeltaEmulator } from './fixtures.js';

const USER = '#microsoft.graph.user';
type Entry = Record<string, unknown>;

const idsOf = (values: Entry[]) => values.map((v) => v.id as string);
const membersOf = (values: Entry[], id: string) =>
  values.filter((v) => v.id === id).flatMap((v) => (v['members@delta'] as Entry[] | undefined) ?? []);
const pageIds = (round: DeltaRound) => round.pages.map((p) => idsOf(p.value as Entry[]));

/**
 * What a client that applies entries in order (last one wins, `members@delta` merged per group)
 * holds after a round: the idempotent client Microsoft asks for.
 */
class Mirror {
  readonly objects = new Map<string, Entry>();
  readonly members = new Map<string, Set<string>>();

  apply(values: Entry[]): this {
    for (const v of values) {
      const id = v.id as string;
      if (v['@removed']) {
        this.objects.delete(id);
        this.members.delete(id);
        continue;
      }
      const { 'members@delta': delta, ...props } = v;
      this.objects.set(id, { ...this.objects.get(id), ...props });
      for (const m of (delta as Entry[] | undefined) ?? []) {
        const set = this.members.get(id) ?? new Set<string>();
        if (m['@removed']) set.delete(m.id as string);
        else set.add(m.id as string);
        this.members.set(id, set);
      }
    }
    return this;
  }
}

describe('delta replays (graph.deltaReplays)', () => {
  let emu: Emulator;
  let fx: DeltaFixture;
  beforeAll(async () => {
    emu = await startDeltaEmulator();
  });
  afterAll(() => emu.close());

  const setup = async (
    replays: { duplicateProbability?: number; nextRoundProbability?: number },
    graph: { deltaPageSize?: number; deltaMembersPerPage?: number } = {},
  ) => {
    const deltaReplays = { duplicateProbability: 0, nextRoundProbability: 0, ...replays };
    fx = await createDeltaFixture(emu, { graph: { ...graph, deltaReplays } });
    return ['Ana Lopes', 'Bo Li', 'Chloé Martin', 'Dmitri Ivanov', 'Eun-ji Park'].map(
      (n) => fx.addUser(n).props.id,
    );
  };

  it('is off by default and switched through the admin API', async () => {
    expect(emulatorBehaviourSchema.parse({}).graph.deltaReplays).toEqual({
      duplicateProbability: 0,
      nextRoundProbability: 0,
    });
    const patch = (deltaReplays: unknown) =>
      emu.inject({ method: 'PATCH', url: '/_emulator/config', body: { graph: { deltaReplays } } });
    expect((await patch({ duplicateProbability: 0.25 })).status).toBe(200);
    expect(emu.behaviour.graph.deltaReplays).toEqual({ duplicateProbability: 0.25, nextRoundProbability: 0 });
    expect((await patch({ nextRoundProbability: 2 })).status).toBe(400);
    expect((await patch({ replayEverything: true })).status).toBe(400);
  });

  it('repeats entries on later pages of the same round, after the round’s own pages', async () => {
    const ids = await setup({ duplicateProbability: 1 }, { deltaPageSize: 2 });
    const round = await fx.round('/v1.0/users/delta');
    const sorted = [...ids].sort();
    // Own entries on pages of two, then every entry again starting on a page of its own.
    expect(pageIds(round)).toEqual([
      sorted.slice(0, 2),
      sorted.slice(2, 4),
      [sorted[4]],
      sorted.slice(0, 2),
      sorted.slice(2, 4),
      [sorted[4]],
    ]);
    // The repeats are full entries like the first ones.
    expect(round.values.slice(5)).toEqual(round.values.slice(0, 5));
  });

  it('repeats a share of entries near the probability, and a page asked for again is the same page', async () => {
    await setup({ duplicateProbability: 0.3 }, { deltaPageSize: 7 });
    for (let n = 0; n < 95; n++) fx.addUser(`User${n} Test`);
    const first = await fx.get('/v1.0/users/delta');
    const round = await fx.round('/v1.0/users/delta');
    const repeats = round.values.length - 100;
    expect(repeats).toBeGreaterThan(10);
    expect(repeats).toBeLessThan(55);
    expect(new Set(idsOf(round.values)).size).toBe(100);
    let link = (first.body as Entry)['@odata.nextLink'] as string;
    while (link) {
      const [a, b] = [await fx.get(link), await fx.get(link)];
      expect((b.body as Entry).value).toEqual((a.body as Entry).value);
      expect(Object.keys(b.body as Entry)).toEqual(Object.keys(a.body as Entry));
      link = (a.body as Entry)['@odata.nextLink'] as string;
    }
  });

  it('draws the same replays from the same emulator seed', async () => {
    const roundIds = async (e: Emulator) => {
      const f = await createDeltaFixture(e, {
        graph: { deltaReplays: { duplicateProbability: 0.5, nextRoundProbability: 0 } },
      });
      for (let n = 0; n < 40; n++) f.addUser(`Same${n} Seed`);
      return idsOf((await f.round('/v1.0/users/delta')).values).map((id) => id.slice(-12));
    };
    const [a, b] = [
      await startEmulator({ preset: 'empty', seed: 9 }),
      await startEmulator({ preset: 'empty', seed: 9 }),
    ];
    try {
      // Tenants get random ids but users deterministic ones (the fixture's own seed).
      expect(await roundIds(a)).toEqual(await roundIds(b));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('sends entries of the previous round again at the start of the next one, in their current state', async () => {
    const ids = await setup({ nextRoundProbability: 1 });
    const first = await fx.round('/v1.0/users/delta?$select=displayName');
    fx.emu.estate.updateUser(fx.tenant, ids[0]!, { displayName: 'Ana Renamed' });
    fx.emu.estate.softDeleteUser(fx.tenant, ids[1]!);
    const late = fx.emu.estate.addUser(fx.tenant, {
      id: fx.nextId(),
      displayName: 'Late Joiner',
      userPrincipalName: `late@${fx.tenant.initialDomain}`,
      accountEnabled: true,
    }).props.id;
    const next = await fx.round(first.deltaLink);
    const sorted = [...ids].sort();
    // Replays of the five the first round sent (as they are now, not the joiner), then the round's own changes.
    expect(idsOf(next.values)).toEqual([...sorted, ids[0], ids[1], late]);
    for (const v of next.values.filter((e) => e.id === ids[0])) expect(v.displayName).toBe('Ana Renamed');
    for (const v of next.values.filter((e) => e.id === ids[1]))
      expect(v['@removed']).toEqual({ reason: 'changed' });
    // The round after replays this round's entries (only the two changes), nothing older.
    const third = await fx.round(next.deltaLink);
    expect(idsOf(third.values).sort()).toEqual([ids[0], ids[1], late].sort());
  });

  it('replays a membership change as the membership stands now, never undoing a later change', async () => {
    const ids = await setup({ nextRoundProbability: 1 });
    const group = fx.addGroup('Branch', [ids[0]!]).props.id;
    const first = await fx.round('/v1.0/groups/delta');
    fx.emu.estate.addMember(fx.tenant, group, ids[1]!, USER);
    const second = await fx.round(first.deltaLink);
    expect(
      membersOf(second.values, group)
        .filter((m) => !m['@removed'])
        .map((m) => m.id),
    ).toContain(ids[1]);
    fx.emu.estate.removeMember(fx.tenant, group, ids[1]!);
    const third = await fx.round(second.deltaLink);
    // The replay of round two's "added" comes as removed: that is where ids[1] stands now.
    expect(membersOf(third.values, group)).toEqual([
      { '@odata.type': USER, id: ids[1], '@removed': { reason: 'deleted' } },
      { '@odata.type': USER, id: ids[1], '@removed': { reason: 'deleted' } },
    ]);
  });

  it('splits replayed and repeated members@delta across pages like any other entry', async () => {
    const ids = await setup(
      { duplicateProbability: 1, nextRoundProbability: 1 },
      { deltaMembersPerPage: 2, deltaPageSize: 3 },
    );
    const group = fx.addGroup('Everyone', ids).props.id;
    const first = await fx.round('/v1.0/groups/delta');
    for (const page of first.pages) {
      const count = (page.value as Entry[]).flatMap(
        (v) => (v['members@delta'] as unknown[] | undefined) ?? [],
      ).length;
      expect(count).toBeLessThanOrEqual(2);
    }
    // Own slices (3 pages of 2+2+1), then the repeat on pages of its own.
    expect(first.pages.filter((p) => (p.value as Entry[]).some((v) => v.id === group))).toHaveLength(6);
    const sorted = [...ids].sort();
    expect(membersOf(first.values, group).map((m) => m.id)).toEqual([...sorted, ...sorted]);
    const next = await fx.round(first.deltaLink);
    // Nothing changed: only the previous (initial) round's group again, with all its members.
    expect(membersOf(next.values, group).map((m) => m.id)).toEqual(sorted);
    expect(next.pages.length).toBeGreaterThanOrEqual(3);
  });

  it('lets an idempotent client converge through rounds of random changes', async () => {
    const ids = await setup(
      { duplicateProbability: 0.4, nextRoundProbability: 0.4 },
      { deltaPageSize: 3, deltaMembersPerPage: 2 },
    );
    const groups = [fx.addGroup('G1', ids.slice(0, 3)).props.id, fx.addGroup('G2', ids.slice(2)).props.id];
    const rng = createRng(11);
    const pick = <T>(list: T[]) => list[Math.floor(rng() * list.length)]!;
    const users = new Mirror();
    const members = new Mirror();
    let usersLink = '/v1.0/users/delta?$select=displayName,department';
    let groupsLink = '/v1.0/groups/delta';
    const all = [...ids];
    const { estate } = fx.emu;
    for (let round = 0; round < 8; round++) {
      const u = await fx.round(usersLink);
      const g = await fx.round(groupsLink);
      users.apply(u.values);
      members.apply(g.values);
      usersLink = u.deltaLink;
      groupsLink = g.deltaLink;

      const live = [...fx.tenant.users.values()].filter((r) => r.deletedAt === null);
      expect([...users.objects.keys()].sort()).toEqual(live.map((r) => r.props.id).sort());
      for (const r of live) {
        expect(users.objects.get(r.props.id)).toMatchObject({ displayName: r.props.displayName });
      }
      for (const id of groups) {
        expect([...(members.members.get(id) ?? [])].sort()).toEqual(
          [...fx.tenant.groups.get(id)!.members.keys()].sort(),
        );
      }

      for (let k = 0; k < 6; k++) {
        const id = pick(all);
        const user = fx.tenant.users.get(id);
        const op = rng();
        if (!user) continue;
        if (user.deletedAt !== null) {
          if (op < 0.5) estate.restoreUser(fx.tenant, id);
          else estate.purgeUser(fx.tenant, id);
        } else if (op < 0.3) estate.updateUser(fx.tenant, id, { displayName: `Renamed ${round}.${k}` });
        else if (op < 0.45) estate.softDeleteUser(fx.tenant, id);
        else if (op < 0.55)
          all.push(
            estate.addUser(fx.tenant, {
              id: fx.nextId(),
              displayName: `New ${round}.${k}`,
              userPrincipalName: `new${round}${k}@${fx.tenant.initialDomain}`,
              accountEnabled: true,
            }).props.id,
          );
        else {
          const group = fx.tenant.groups.get(pick(groups))!;
          if (group.members.has(id)) estate.removeMember(fx.tenant, group.props.id, id);
          else estate.addMember(fx.tenant, group.props.id, id, USER);
        }
      }
    }
  });
});

describe('chance', () => {
  it('is a fixed number in [0, 1) per salt, label and position', () => {
    expect(chance(1, 'repeat', 'a')).toBe(chance(1, 'repeat', 'a'));
    expect(chance(1, 'repeat', 'a')).not.toBe(chance(2, 'repeat', 'a'));
    const draws = Array.from({ length: 2000 }, (_, i) => chance(7, 'next', i));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
