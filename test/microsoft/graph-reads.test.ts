import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userSchema, withQuery, type GraphClient } from '../../src/microsoft/index.js';
import {
  CONTOSO,
  CONTOSO_USERS,
  rollcallGraphTokens,
  startConformanceFixture,
  type ConformanceFixture,
} from './fixtures.js';

let f: ConformanceFixture;
let graph: GraphClient;
beforeAll(async () => {
  f = await startConformanceFixture();
  graph = f.clients.graph(rollcallGraphTokens(f, CONTOSO));
  // Token first, so the counters below see Graph calls only.
  await rollcallGraphTokens(f, CONTOSO).getToken();
});
afterAll(async () => {
  await f.close();
});
beforeEach(() => {
  f.emu.faults.clear();
  f.emu.counters.reset();
  f.slept.length = 0;
});

const ALL_USERS = withQuery('/users', { $select: ['id', 'displayName', 'userPrincipalName'], $top: 999 });

async function readAllUsers(): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of graph.pages(ALL_USERS, userSchema)) ids.push(...page.items.map((u) => u.id));
  return ids;
}

describe('client conformance: reading Graph', () => {
  it('pages through 10,000 users with $top=999 in the minimum number of requests', async () => {
    const ids = await readAllUsers();
    expect(ids).toHaveLength(CONTOSO_USERS);
    expect(new Set(ids).size).toBe(CONTOSO_USERS);
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(Math.ceil(CONTOSO_USERS / 999));
  });

  it('requests the next page while the caller is still working on this one, one request ahead at most', async () => {
    const pages = graph.pages(ALL_USERS, userSchema)[Symbol.asyncIterator]();
    const first = await pages.next();
    expect(first.done).toBe(false);
    // The caller has not asked for page 2 yet: it is on its way all the same, and nothing further.
    await expect.poll(() => f.emu.counters.total({ route: 'GET /users' }), { interval: 5 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(2);
    let users = first.value!.items.length;
    for (let page = await pages.next(); !page.done; page = await pages.next())
      users += page.value.items.length;
    expect(users).toBe(CONTOSO_USERS);
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(Math.ceil(CONTOSO_USERS / 999));
  });

  it('recovers from throttling, waiting as long as Retry-After says', async () => {
    f.emu.faults.add({
      service: 'graph',
      route: 'GET /users',
      action: { type: 'status', status: 429, retryAfterSeconds: 1 },
      times: 2,
    });
    const ids = await readAllUsers();
    expect(ids).toHaveLength(CONTOSO_USERS);
    expect(f.slept).toEqual([1_000, 1_000]);
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(Math.ceil(CONTOSO_USERS / 999) + 2);
  });

  it('backs off and recovers from 503s without Retry-After', async () => {
    f.emu.faults.add({
      service: 'graph',
      route: 'GET /users',
      action: { type: 'status', status: 503 },
      skip: 3,
      times: 2,
    });
    expect(await readAllUsers()).toHaveLength(CONTOSO_USERS);
    expect(f.slept).toHaveLength(2);
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(Math.ceil(CONTOSO_USERS / 999) + 2);
  });

  it('recovers from a connection reset in the middle of the read', async () => {
    f.emu.faults.add({ service: 'graph', route: 'GET /users', action: { type: 'reset' }, skip: 4, times: 1 });
    expect(await readAllUsers()).toHaveLength(CONTOSO_USERS);
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(Math.ceil(CONTOSO_USERS / 999) + 1);
    expect(f.observed.some((o) => o.errorCode === 'Client.NetworkError')).toBe(true);
  });

  it('recovers from a truncated page body', async () => {
    f.emu.faults.add({
      service: 'graph',
      route: 'GET /users',
      action: { type: 'truncate' },
      skip: 2,
      times: 1,
    });
    const ids = await readAllUsers();
    expect(ids).toHaveLength(CONTOSO_USERS);
    expect(new Set(ids).size).toBe(CONTOSO_USERS);
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(Math.ceil(CONTOSO_USERS / 999) + 1);
  });

  it('stops with the catalogued error when throttling outlasts the retry budget', async () => {
    f.emu.faults.add({
      service: 'graph',
      route: 'GET /users',
      action: { type: 'status', status: 429, retryAfterSeconds: 2 },
    });
    await expect(readAllUsers()).rejects.toMatchObject({
      code: 'TooManyRequests',
      action: 'retry',
      retryAfterSeconds: 2,
    });
    expect(f.emu.counters.total({ route: 'GET /users' })).toBe(f.clients.http.retry.policy.maxAttempts);
  });

  it('re-sends ConsistencyLevel on every page of an advanced query', async () => {
    const query = withQuery('/users', {
      $filter: "endsWith(userPrincipalName,'@contoso-conf.onmicrosoft.com')",
      $count: 'true',
      $top: 999,
      $select: ['id'],
    });
    let total = 0;
    let count: number | undefined;
    for await (const page of graph.pages(query, userSchema, { headers: { ConsistencyLevel: 'eventual' } })) {
      total += page.items.length;
      count ??= page.count;
    }
    expect(total).toBe(CONTOSO_USERS);
    expect(count).toBe(CONTOSO_USERS);
  });
});
