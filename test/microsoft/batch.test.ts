import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userSchema, type BatchRequest, type GraphClient } from '../../src/microsoft/index.js';
import {
  CONTOSO,
  rollcallGraphTokens,
  startConformanceFixture,
  type ConformanceFixture,
} from './fixtures.js';

let f: ConformanceFixture;
let graph: GraphClient;
beforeAll(async () => {
  f = await startConformanceFixture();
  graph = f.clients.graph(rollcallGraphTokens(f, CONTOSO));
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

const upn = (n: number) => `user${n}@contoso-conf.onmicrosoft.com`;
const requests = (count: number): BatchRequest[] =>
  Array.from({ length: count }, (_, i) => ({
    method: 'GET',
    url: `/users/${upn(i + 1)}?$select=id,userPrincipalName`,
    schema: userSchema,
  }));

describe('client conformance: $batch', () => {
  it('sends 45 requests as three batches and returns 45 results in order', async () => {
    const results = await graph.batch(requests(45));
    expect(results).toHaveLength(45);
    expect(results.map((r) => r.status)).toEqual(Array(45).fill(200));
    expect(
      results.map((r) => (r.body as { userPrincipalName: string }).userPrincipalName.toLowerCase()),
    ).toEqual(Array.from({ length: 45 }, (_, i) => upn(i + 1)));
    expect(f.emu.counters.total({ route: 'POST /$batch' })).toBe(3);
    expect(f.emu.counters.total({ route: 'GET /users/{id}' })).toBe(45);
  });

  it('retries only the inner requests that were throttled, after their own Retry-After', async () => {
    f.emu.faults.add({
      service: 'graph',
      route: 'GET /users/{id}',
      action: { type: 'status', status: 429, retryAfterSeconds: 3 },
      skip: 5,
      times: 4,
    });
    const results = await graph.batch(requests(45));
    expect(results.map((r) => r.status)).toEqual(Array(45).fill(200));
    expect(f.emu.counters.total({ route: 'POST /$batch' })).toBe(4);
    expect(f.emu.counters.total({ route: 'GET /users/{id}' })).toBe(45 + 4);
    expect(f.slept).toEqual([3_000]);
  });

  it('runs dependsOn chains and reports a failed prerequisite per item', async () => {
    const results = await graph.batch([
      { id: 'a', method: 'GET', url: `/users/${upn(1)}` },
      { id: 'b', method: 'GET', url: '/users/nobody@contoso-conf.onmicrosoft.com', dependsOn: ['a'] },
      { id: 'c', method: 'GET', url: `/users/${upn(2)}`, dependsOn: ['b'] },
    ]);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['a', 200],
      ['b', 404],
      ['c', 424],
    ]);
    expect(results[1]!.error).toMatchObject({ code: 'Request_ResourceNotFound', action: 'stop' });
    expect(results[2]!.error).toMatchObject({ action: 'stop', retryable: false });
  });
});
