import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../src/emulator/index.js';
import {
  createDeltaFixture,
  EXAMPLE_SHAPES,
  keysOf,
  type DeltaFixture,
  startDeltaEmulator,
} from './fixtures.js';

const USER = '#microsoft.graph.user';
const SELECT = '/v1.0/groups/delta?$select=displayName,description';

describe('groups delta', () => {
  let emu: Emulator;
  let fx: DeltaFixture;
  beforeAll(async () => {
    emu = await startDeltaEmulator();
  });
  afterAll(() => emu.close());

  const setup = async (graph: { deltaPageSize?: number; deltaMembersPerPage?: number } = {}) => {
    fx = await createDeltaFixture(emu, { graph });
    const users = ['Ana Lopes', 'Bo Li', 'Chloé Martin', 'Dmitri Ivanov', 'Eun-ji Park'].map((n) =>
      fx.addUser(n),
    );
    return users.map((u) => u.props.id);
  };
  const entriesFor = (values: Record<string, unknown>[], id: string) => values.filter((v) => v.id === id);
  const membersOf = (values: Record<string, unknown>[], id: string) =>
    entriesFor(values, id).flatMap(
      (v) => (v['members@delta'] as Record<string, unknown>[] | undefined) ?? [],
    );

  it('lists every member of a group in the initial round by default', async () => {
    const ids = await setup();
    const group = fx.addGroup('Sales', ids.slice(0, 3));
    const round = await fx.round('/v1.0/groups/delta');
    expect(round.pages[0]!['@odata.context']).toMatch(/\$metadata#groups$/);
    const entry = entriesFor(round.values, group.props.id)[0]!;
    expect(entry).toMatchObject({ displayName: 'Sales', securityEnabled: true, mailEnabled: false });
    expect(membersOf(round.values, group.props.id)).toEqual(
      ids
        .slice(0, 3)
        .sort()
        .map((id) => ({ '@odata.type': USER, id })),
    );
  });

  it('reports added and removed members in the next round, shaped like the documented example', async () => {
    const ids = await setup();
    const group = fx.addGroup('TestGroup3', ids.slice(0, 2));
    const first = await fx.round(`${SELECT},members`);
    fx.emu.estate.removeMember(fx.tenant, group.props.id, ids[0]!);
    fx.emu.estate.addMember(fx.tenant, group.props.id, ids[3]!, USER);

    const next = await fx.round(first.deltaLink);
    expect(next.values).toHaveLength(1);
    expect(keysOf(next.values[0])).toEqual(EXAMPLE_SHAPES.groupWithMembers);
    const members = next.values[0]!['members@delta'] as Record<string, unknown>[];
    expect(members).toEqual([
      { '@odata.type': USER, id: ids[0], '@removed': { reason: 'deleted' } },
      { '@odata.type': USER, id: ids[3] },
    ]);
    expect(keysOf(members[0])).toEqual(EXAMPLE_SHAPES.memberRemoved);
    expect(keysOf(members[1])).toEqual(EXAMPLE_SHAPES.memberAdded);
  });

  it('shows a member removed when the member user is deleted', async () => {
    const ids = await setup();
    const group = fx.addGroup('Ops', ids.slice(0, 2));
    const first = await fx.round('/v1.0/groups/delta');
    fx.emu.estate.softDeleteUser(fx.tenant, ids[1]!);
    const next = await fx.round(first.deltaLink);
    expect(membersOf(next.values, group.props.id)).toEqual([
      { '@odata.type': USER, id: ids[1], '@removed': { reason: 'deleted' } },
    ]);
  });

  it('splits a large member list across consecutive pages', async () => {
    const ids = await setup({ deltaMembersPerPage: 2, deltaPageSize: 10 });
    const big = fx.addGroup('Everyone', ids);
    const round = await fx.round('/v1.0/groups/delta');
    const pagesWithGroup = round.pages
      .map((p, i) => ((p.value as { id: string }[]).some((v) => v.id === big.props.id) ? i : -1))
      .filter((i) => i >= 0);
    expect(pagesWithGroup).toEqual([0, 1, 2]);
    for (const page of round.pages) {
      const members = (page.value as Record<string, unknown>[]).flatMap(
        (v) => (v['members@delta'] as unknown[] | undefined) ?? [],
      );
      expect(members.length).toBeLessThanOrEqual(2);
    }
    expect(
      membersOf(round.values, big.props.id)
        .map((m) => m.id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('does not surface membership changes when members are not selected', async () => {
    const ids = await setup();
    const group = fx.addGroup('Finance', ids.slice(0, 1));
    const first = await fx.round(SELECT);
    expect(entriesFor(first.values, group.props.id)[0]).not.toHaveProperty('members@delta');
    fx.emu.estate.addMember(fx.tenant, group.props.id, ids[2]!, USER);
    const next = await fx.round(first.deltaLink);
    expect(next.values).toEqual([]);

    const expanded = await fx.round(`${SELECT}&$expand=members`);
    expect(membersOf(expanded.values, group.props.id).map((m) => m.id)).toEqual(
      [ids[0], ids[2]].sort() as string[],
    );
  });

  it('sends a soft-deleted group as @removed changed', async () => {
    await setup();
    const group = fx.addGroup('Legacy');
    const first = await fx.round(SELECT);
    fx.emu.estate.softDeleteGroup(fx.tenant, group.props.id);
    const next = await fx.round(first.deltaLink);
    expect(next.values).toEqual([{ id: group.props.id, '@removed': { reason: 'changed' } }]);
  });

  it('sends only the id and members@delta for a membership change with return=minimal', async () => {
    const ids = await setup();
    const group = fx.addGroup('Support', ids.slice(0, 1));
    const first = await fx.round('/v1.0/groups/delta');
    fx.emu.estate.addMember(fx.tenant, group.props.id, ids[1]!, USER);
    const res = await fx.get(first.deltaLink, { prefer: 'return=minimal' });
    expect((res.body as { value: unknown[] }).value).toEqual([
      { id: group.props.id, 'members@delta': [{ '@odata.type': USER, id: ids[1] }] },
    ]);
  });
});
