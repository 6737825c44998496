import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { kindProps } from '../../../../src/emulator/graph/groups/group-view.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { startEmulator } from '../../../support/emulator.js';
import { adminClient, type Inject } from '../../admin/admin-fixtures.js';
import {
  addBulkUsers,
  CONTOSO_ID,
  createDirectoryFixture,
  graphClient,
  type DirectoryFixture,
} from '../fixtures.js';

type Page = { '@odata.nextLink'?: string; value: { id: string; displayName?: string }[] };

describe('graph.listPageCap and graph.listOrder', () => {
  let emu: Emulator;
  let admin: Inject;
  let fx: DirectoryFixture;
  let graph: Awaited<ReturnType<typeof graphClient>>;
  /** Every live user of Contoso, fixture and bulk. */
  let userIds: string[];

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'empty' });
    admin = adminClient(emu);
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    expect((await admin('POST', '/reset', {})).status).toBe(200);
    fx = createDirectoryFixture(emu);
    addBulkUsers(emu, fx.tenant, 23);
    userIds = [...fx.tenant.users.values()].filter((u) => u.deletedAt === null).map((u) => u.props.id);
    graph = await graphClient(emu, CONTOSO_ID);
  });

  const configure = async (graphSwitches: Record<string, unknown>) => {
    const res = await admin('PATCH', '/config', { graph: graphSwitches });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  /** Follows nextLinks verbatim; returns each page's items. */
  const readAll = async (path: string) => {
    const pages: Page['value'][] = [];
    let next: string | undefined = path;
    while (next) {
      const res = await graph.get(next);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const body = res.body as Page;
      pages.push(body.value);
      next = body['@odata.nextLink'];
    }
    return pages;
  };
  const ids = (pages: Page['value'][]) => pages.flat().map((item) => item.id);

  it('serves at most listPageCap items a page whatever $top asks, each item exactly once', async () => {
    await configure({ listPageCap: 4 });
    const pages = await readAll('/users?$top=999&$select=id');
    expect(pages.length).toBe(Math.ceil(userIds.length / 4));
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(4);
    expect(ids(pages)).toHaveLength(userIds.length);
    expect(new Set(ids(pages))).toEqual(new Set(userIds));
    // A smaller $top still wins.
    expect((await readAll('/users?$top=3&$select=id'))[0]).toHaveLength(3);
  });

  it('caps member and memberOf lists too (also inside $batch), not only /users', async () => {
    const bulk = userIds.filter((id) => id.startsWith('b0'));
    for (const id of bulk) {
      emu.estate.addMember(fx.tenant, fx.groups.marketing, id, '#microsoft.graph.user', { silent: true });
    }
    const groupIds = [1, 2, 3, 4, 5].map((n) => {
      const group = emu.estate.addGroup(
        fx.tenant,
        {
          id: `90000000-0000-4000-8000-00000000000${n}`,
          displayName: `Capped ${n}`,
          mailNickname: `capped${n}`,
          ...kindProps('security', false),
        },
        { kind: 'security' },
      );
      emu.estate.addMember(fx.tenant, group.props.id, bulk[0]!, '#microsoft.graph.user', { silent: true });
      return group.props.id;
    });
    await configure({ listPageCap: 2 });

    const members = await readAll(
      `/groups/${fx.groups.marketing}/transitiveMembers/microsoft.graph.user?$top=999`,
    );
    for (const page of members) expect(page.length).toBeLessThanOrEqual(2);
    const expected = [...fx.tenant.groups.get(fx.groups.marketing)!.members.keys()];
    expect(ids(members).sort()).toEqual(expected.sort());

    const memberOf = await readAll(`/users/${bulk[0]}/memberOf?$top=999`);
    expect(memberOf.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(new Set(ids(memberOf))).toEqual(new Set([fx.groups.marketing, ...groupIds]));

    const batched = await graph.send('POST', '/$batch', {
      requests: [{ id: '1', method: 'GET', url: `/groups/${fx.groups.marketing}/members?$top=999` }],
    });
    const inner = (batched.body as { responses: { status: number; body: Page }[] }).responses[0]!;
    expect(inner.status).toBe(200);
    expect(inner.body.value).toHaveLength(2);
    expect(inner.body['@odata.nextLink']).toBeDefined();
  });

  it('shuffles unsorted lists by seed: another order, the same set, the same order on every read', async () => {
    const stable = ids(await readAll('/users?$top=5&$select=id'));
    expect(stable).toEqual([...stable].sort());
    await configure({ listOrder: { shuffleSeed: 42 } });
    const shuffled = ids(await readAll('/users?$top=5&$select=id'));
    expect(shuffled).not.toEqual(stable);
    expect(shuffled).toHaveLength(stable.length);
    expect(new Set(shuffled)).toEqual(new Set(stable));
    // The order is the seed's, not the page size's: one page or many, the same sequence.
    expect(ids(await readAll('/users?$top=999&$select=id'))).toEqual(shuffled);
    await configure({ listPageCap: 3 });
    expect(ids(await readAll('/users?$select=id'))).toEqual(shuffled);
    await configure({ listOrder: { shuffleSeed: 43 } });
    expect(ids(await readAll('/users?$top=5&$select=id'))).not.toEqual(shuffled);
    await configure({ listOrder: 'stable', listPageCap: null });
    expect(ids(await readAll('/users?$top=5&$select=id'))).toEqual(stable);
  });

  it('still sorts by $orderby when shuffled and capped', async () => {
    await configure({ listOrder: { shuffleSeed: 7 }, listPageCap: 3 });
    const names = (await readAll('/users?$orderby=displayName&$top=10&$select=id,displayName'))
      .flat()
      .map((u) => u.displayName!.toLowerCase());
    expect(names).toHaveLength(userIds.length);
    expect(names).toEqual([...names].sort());
  });

  it('refuses a page token issued under another order rather than skip or repeat items', async () => {
    const first = (await graph.get('/users?$top=5&$select=id')).body as Page;
    await configure({ listOrder: { shuffleSeed: 1 } });
    const next = await graph.get(first['@odata.nextLink']!);
    expect(next.status).toBe(400);
    expect(JSON.stringify(next.body)).toContain('page token');
  });

  it('refuses invalid values with a 400 naming the path, and reset restores the defaults', async () => {
    const refused = async (patch: Record<string, unknown>, path: string) => {
      const res = await admin('PATCH', '/config', { graph: patch });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(path);
    };
    await refused({ listPageCap: 0 }, 'graph.listPageCap');
    await refused({ listPageCap: 2.5 }, 'graph.listPageCap');
    await refused({ listPageCap: '5' }, 'graph.listPageCap');
    await refused({ listOrder: 'random' }, 'graph.listOrder');
    await refused({ listOrder: { shuffleSeed: 'x' } }, 'graph.listOrder');
    await refused({ listOrder: { seed: 3 } }, 'graph.listOrder');
    expect(emu.behaviour.graph).toMatchObject({ listPageCap: null, listOrder: 'stable' });

    await configure({ listPageCap: 5, listOrder: { shuffleSeed: 9 } });
    expect((await admin('GET', '/config')).body).toMatchObject({
      graph: { listPageCap: 5, listOrder: { shuffleSeed: 9 } },
    });
    await admin('POST', '/reset', {});
    expect(emu.behaviour.graph).toMatchObject({ listPageCap: null, listOrder: 'stable' });
  });
});
