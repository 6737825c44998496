import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorBehaviourSchema } from '../../src/emulator/config.js';
import type { Handler } from '../../src/emulator/http/types.js';
import { groupSchema, type DeltaPage, type GraphClient } from '../../src/microsoft/index.js';
import {
  NORTHWIND,
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

async function items<T>(round: AsyncGenerator<DeltaPage<T>, { deltaLink: string }>) {
  const all: T[] = [];
  for (;;) {
    const step = await round.next();
    if (step.done) return { items: all, deltaLink: step.value.deltaLink };
    all.push(...step.value.items);
  }
}

describe('client conformance: delta rounds that send an object twice', () => {
  it('merges a group removed and then sent again restored, later in the round, as restored', async () => {
    const { estate } = f.emu;
    const groupId = randomUUID();
    estate.addGroup(
      f.northwind,
      { id: groupId, displayName: 'Twice', mailEnabled: false, securityEnabled: true, groupTypes: [] },
      { kind: 'security' },
    );
    const query = '/groups/delta?$select=displayName,members';
    const first = await items(graph.delta(query, groupSchema, { mergeMembers: true }));
    estate.updateGroup(f.northwind, groupId, { displayName: 'Twice renamed' });
    estate.softDeleteGroup(f.northwind, groupId);

    // Every entry is repeated on a later page; the group is restored between the two pages.
    f.emu.behaviour.graph.deltaReplays = { duplicateProbability: 1, nextRoundProbability: 0 };
    const router = f.emu.context.router;
    const find = router.find.bind(router);
    let requests = 0;
    router.find = (method, pathname) => {
      const found = find(method, pathname);
      if (!found || !/\/groups\/delta$/i.test(pathname)) return found;
      const handler: Handler = (req, params) => {
        requests += 1;
        if (requests === 2) estate.restoreGroup(f.northwind, groupId);
        return found.handler(req, params);
      };
      return { ...found, handler };
    };
    try {
      const next = await items(graph.delta(first.deltaLink, groupSchema, { mergeMembers: true }));
      expect(requests).toBe(2);
      const entries = next.items.filter((g) => g.id === groupId);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ id: groupId, displayName: 'Twice renamed' });
      expect(entries[0]).not.toHaveProperty('@removed');
    } finally {
      router.find = find;
      f.emu.behaviour.graph.deltaReplays = emulatorBehaviourSchema.parse({}).graph.deltaReplays;
    }
  });
});
