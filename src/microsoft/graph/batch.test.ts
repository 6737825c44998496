import { describe, expect, it } from 'vitest';
import { json } from '../../../test/microsoft/support/fake-fetch.js';
import { graphSetup } from '../../../test/microsoft/support/fake-graph.js';
import type { BatchRequest } from './batch.js';
import { planBatches } from './batch-plan.js';

interface WireRequest {
  id: string;
  method: string;
  url: string;
  dependsOn?: string[];
}

type InnerAnswer = { status: number; headers?: Record<string, string>; body?: unknown };

/**
 * A fake `$batch` endpoint: `answer(request, round)` decides each inner response; the responses
 * come back in reverse order because Graph does not promise any order.
 */
function batchEndpoint(answer: (r: WireRequest, round: number) => InnerAnswer) {
  const rounds: WireRequest[][] = [];
  const handler = async (_url: string, init: { body?: string }) => {
    const { requests } = JSON.parse(init.body ?? '{}') as { requests: WireRequest[] };
    rounds.push(requests);
    const responses = requests.map((r) => ({ id: r.id, ...answer(r, rounds.length) })).reverse();
    return json(200, { responses });
  };
  return { handler, rounds };
}

const ok = (r: WireRequest): InnerAnswer => ({ status: 200, body: { id: r.url } });

describe('graph $batch', () => {
  it('splits 45 requests into batches of 20, 20 and 5 and returns results in input order', async () => {
    const endpoint = batchEndpoint(ok);
    const t = graphSetup([endpoint.handler]);
    const requests: BatchRequest[] = Array.from({ length: 45 }, (_, i) => ({
      method: 'GET',
      url: `/users/u${i}`,
    }));
    const results = await t.graph.batch(requests);
    expect(endpoint.rounds.map((r) => r.length)).toEqual([20, 20, 5]);
    expect(t.calls.every((c) => c.url.endsWith('/v1.0/$batch') && c.method === 'POST')).toBe(true);
    expect(results.map((r) => (r.body as { id: string }).id)).toEqual(requests.map((r) => r.url));
    expect(results.every((r) => r.status === 200 && !r.error)).toBe(true);
  });

  it('retries only throttled inner requests, after the longest inner Retry-After', async () => {
    const endpoint = batchEndpoint((r, round) =>
      round === 1 && r.id === '3'
        ? {
            status: 429,
            headers: { 'Retry-After': '3' },
            body: { error: { code: 'TooManyRequests', message: 'x' } },
          }
        : round === 1 && r.id === '7'
          ? {
              status: 503,
              headers: { 'retry-after': '5' },
              body: { error: { code: 'serviceNotAvailable', message: 'x' } },
            }
          : ok(r),
    );
    const t = graphSetup([endpoint.handler]);
    const results = await t.graph.batch(
      Array.from({ length: 10 }, (_, i) => ({ method: 'GET', url: `/users/u${i + 1}` })),
    );
    expect(endpoint.rounds.map((r) => r.map((x) => x.id))).toEqual([
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
      ['3', '7'],
    ]);
    expect(t.slept).toEqual([5_000]);
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
  });

  it('retries a 424 dependant together with its throttled prerequisite', async () => {
    const endpoint = batchEndpoint((r, round) => {
      if (round === 1 && r.id === 'create') return { status: 429, headers: { 'retry-after': '1' } };
      if (round === 1 && r.dependsOn?.length) return { status: 424 };
      return ok(r);
    });
    const t = graphSetup([endpoint.handler]);
    const results = await t.graph.batch([
      { id: 'create', method: 'POST', url: '/users', body: { displayName: 'A' } },
      { id: 'licence', method: 'POST', url: '/users/a/assignLicense', body: {}, dependsOn: ['create'] },
      { id: 'group', method: 'POST', url: '/groups/g/members/$ref', body: {}, dependsOn: ['licence'] },
      { id: 'other', method: 'GET', url: '/organization' },
    ]);
    expect(endpoint.rounds[1]).toEqual([
      expect.objectContaining({ id: 'create' }),
      expect.objectContaining({ id: 'licence', dependsOn: ['create'] }),
      expect.objectContaining({ id: 'group', dependsOn: ['licence'] }),
    ]);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['create', 200],
      ['licence', 200],
      ['group', 200],
      ['other', 200],
    ]);
  });

  it('re-sends a throttled dependant alone, without the prerequisite that already succeeded', async () => {
    const endpoint = batchEndpoint((r, round) =>
      round === 1 && r.id === '2' ? { status: 429, headers: { 'retry-after': '1' } } : ok(r),
    );
    const t = graphSetup([endpoint.handler]);
    await t.graph.batch([
      { id: '1', method: 'POST', url: '/users', body: {} },
      { id: '2', method: 'POST', url: '/groups/g/members/$ref', body: {}, dependsOn: ['1'] },
    ]);
    expect(endpoint.rounds[1]).toEqual([
      {
        id: '2',
        method: 'POST',
        url: '/groups/g/members/$ref',
        headers: { 'Content-Type': 'application/json' },
        body: {},
      },
    ]);
  });

  it('does not retry permanent failures and explains them per item', async () => {
    const endpoint = batchEndpoint((r) =>
      r.id === '1'
        ? {
            status: 400,
            body: {
              error: {
                code: 'Request_BadRequest',
                message: 'Another object with the same value for property userPrincipalName already exists.',
              },
            },
          }
        : r.id === '2'
          ? { status: 424 }
          : ok(r),
    );
    const t = graphSetup([endpoint.handler]);
    const results = await t.graph.batch([
      { id: '1', method: 'POST', url: '/users', body: {} },
      { id: '2', method: 'POST', url: '/users/x/assignLicense', body: {}, dependsOn: ['1'] },
      { id: '3', method: 'GET', url: '/users/y' },
    ]);
    expect(endpoint.rounds).toHaveLength(1);
    expect(results.map((r) => r.error?.code)).toEqual([
      'Request_BadRequest.DuplicateUserPrincipalName',
      'Http.424',
      undefined,
    ]);
  });

  it('gives up on an item that stays throttled after maxAttempts, keeping its Retry-After', async () => {
    const endpoint = batchEndpoint((r) =>
      r.id === '1' ? { status: 429, headers: { 'retry-after': '2' } } : ok(r),
    );
    const t = graphSetup([endpoint.handler]);
    const [first] = await t.graph.batch([{ method: 'GET', url: '/users' }]);
    expect(first!.error).toMatchObject({ code: 'Http.429', retryable: true, retryAfterSeconds: 2 });
    expect(endpoint.rounds.length).toBe(6);
  });
});

describe('batch planning', () => {
  const req = (id: string, index: number, dependsOn: string[] = []) => ({ id, index, dependsOn });

  it('keeps dependsOn chains in one chunk', () => {
    const requests = [
      ...Array.from({ length: 19 }, (_, i) => req(`a${i}`, i)),
      req('b1', 19),
      req('b2', 20, ['b1']),
    ];
    const chunks = planBatches(requests);
    expect(chunks.map((c) => c.map((r) => r.id))).toEqual([
      requests.slice(0, 19).map((r) => r.id),
      ['b1', 'b2'],
    ]);
  });

  it('rejects duplicate ids (case-insensitive), unknown prerequisites and chains longer than 20', () => {
    expect(() => planBatches([req('A', 0), req('a', 1)])).toThrow(/unique/);
    expect(() => planBatches([req('1', 0, ['9'])])).toThrow(/unknown id/);
    const chain = Array.from({ length: 21 }, (_, i) => req(String(i), i, i ? [String(i - 1)] : []));
    expect(() => planBatches(chain)).toThrow(/does not fit/);
  });
});
