import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphRoute, PERMISSIONS } from '../../../../src/emulator/graph/auth.js';
import { graphError, graphJson, noContent } from '../../../../src/emulator/graph/respond.js';
import { readJson } from '../../../../src/emulator/http/types.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { createDeltaFixture, startDeltaEmulator, type DeltaFixture } from '../delta/fixtures.js';

interface BatchResponse {
  responses: {
    id: string;
    status: number;
    headers: Record<string, string>;
    body?: Record<string, unknown>;
  }[];
}

/** Routes only this test registers, so inner requests have a target whatever other modules exist. */
function registerProbeRoutes(emu: Emulator): void {
  const ctx = emu.context;
  const meta = (name: string) => ({ service: 'graph' as const, name });
  ctx.router.on(
    'GET',
    '/v1.0/batch-probe/:id',
    meta('GET /batch-probe/{id}'),
    graphRoute(ctx, PERMISSIONS.readUsers, (req, params) =>
      params.id === 'missing'
        ? graphError(req, 404, 'Request_ResourceNotFound', `Resource '${params.id}' does not exist.`)
        : graphJson(200, {
            id: params.id,
            consistencyLevel: req.headers.consistencylevel ?? null,
            select: req.url.searchParams.get('$select'),
            inBatch: req.inBatch ?? false,
          }),
    ),
  );
  ctx.router.on(
    'POST',
    '/v1.0/batch-probe',
    meta('POST /batch-probe'),
    graphRoute(ctx, PERMISSIONS.readUsers, (req) => graphJson(201, { received: readJson(req) })),
  );
  ctx.router.on(
    'DELETE',
    '/v1.0/batch-probe/:id',
    meta('DELETE /batch-probe/{id}'),
    graphRoute(ctx, PERMISSIONS.readUsers, () => noContent()),
  );
}

describe('$batch', () => {
  let emu: Emulator;
  let fx: DeltaFixture;
  beforeAll(async () => {
    emu = await startDeltaEmulator();
    registerProbeRoutes(emu);
    fx = await createDeltaFixture(emu);
  });
  afterAll(() => emu.close());

  const batch = (
    requests: unknown[],
    headers: Record<string, string> = { authorization: `Bearer ${fx.token}` },
  ) => emu.inject({ method: 'POST', url: '/v1.0/$batch', headers, body: { requests } });
  const ok = async (requests: unknown[]) => {
    const res = await batch(requests);
    expect(res.status).toBe(200);
    return (res.body as BatchResponse).responses;
  };

  it('runs each request with the outer token and its own headers, answering in request order', async () => {
    const user = fx.addUser('Ana Lopes');
    const responses = await ok([
      { id: '1', method: 'GET', url: '/batch-probe/a?$select=id', headers: { ConsistencyLevel: 'eventual' } },
      {
        id: '2',
        method: 'POST',
        url: 'batch-probe',
        headers: { 'Content-Type': 'application/json' },
        body: { x: 1 },
      },
      { id: '3', method: 'DELETE', url: '/batch-probe/b' },
      { id: '4', method: 'GET', url: '/users/delta?$select=displayName' },
    ]);
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 200],
      ['2', 201],
      ['3', 204],
      ['4', 200],
    ]);
    expect(responses[0]!.body).toEqual({
      id: 'a',
      consistencyLevel: 'eventual',
      select: 'id',
      inBatch: true,
    });
    expect(responses[1]!.body).toEqual({ received: { x: 1 } });
    expect(responses[2]).not.toHaveProperty('body');
    expect(responses[3]!.body!.value).toEqual([{ displayName: 'Ana Lopes', id: user.props.id }]);
    expect(responses[0]!.headers['Content-Type']).toMatch(/^application\/json/);
  });

  it('answers 424 to dependants of a failed request and does not run them', async () => {
    emu.counters.reset();
    const responses = await ok([
      { id: '1', method: 'GET', url: '/batch-probe/one' },
      { id: '2', method: 'GET', url: '/batch-probe/missing', dependsOn: ['1'] },
      { id: '3', method: 'GET', url: '/batch-probe/three', dependsOn: ['2'] },
      { id: '4', method: 'GET', url: '/batch-probe/four', dependsOn: ['1'] },
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 404, 424, 200]);
    expect(responses[2]!.body).toMatchObject({ error: { code: 'FailedDependency' } });
    expect(emu.counters.total({ route: 'GET /batch-probe/{id}' })).toBe(3);
  });

  it('throttles one inner request on its own, with its own Retry-After, and still answers 200', async () => {
    emu.faults.add({
      service: 'graph',
      route: 'GET /batch-probe/{id}',
      action: { type: 'status', status: 429, retryAfterSeconds: 3 },
      times: 1,
    });
    const responses = await ok([
      { id: 'a', method: 'GET', url: '/batch-probe/1' },
      { id: 'b', method: 'GET', url: '/batch-probe/2' },
      { id: 'c', method: 'GET', url: '/batch-probe/3' },
    ]);
    const throttled = responses.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]!.headers['Retry-After']).toBe('3');
    expect(throttled[0]!.body).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect(responses.filter((r) => r.status === 200)).toHaveLength(2);
  });

  it('applies fault rules on GET /users/{id} to that inner request only', async () => {
    const a = fx.addUser('Bo Li');
    const b = fx.addUser('Chloé Martin');
    emu.faults.add({
      service: 'graph',
      route: 'GET /users/{id}',
      action: { type: 'status', status: 429, retryAfterSeconds: 3 },
      times: 1,
    });
    const responses = await ok([
      { id: '1', method: 'GET', url: `/users/${a.props.id}` },
      { id: '2', method: 'GET', url: `/users/${b.props.id}` },
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 429]);
    expect(responses.find((r) => r.status === 429)!.headers['Retry-After']).toBe('3');
  });

  it('answers 200 even when every inner request fails', async () => {
    const responses = await ok([
      { id: '1', method: 'GET', url: '/batch-probe/missing' },
      { id: '2', method: 'GET', url: '/no-such-thing' },
    ]);
    expect(responses.map((r) => r.status)).toEqual([404, 400]);
  });

  it('rejects more than 20 requests', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/batch-probe/x',
    }));
    const res = await batch(requests);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'BadRequest', message: 'Number of requests inside batch exceeds the limit.' },
    });
    expect((await batch(requests.slice(0, 20))).status).toBe(200);
  });

  it('rejects duplicate ids regardless of case', async () => {
    const res = await batch([
      { id: 'a', method: 'GET', url: '/batch-probe/1' },
      { id: 'A', method: 'GET', url: '/batch-probe/2' },
    ]);
    expect(res.status).toBe(400);
  });

  it('rejects a write request without a Content-Type header', async () => {
    const res = await batch([{ id: '7', method: 'POST', url: '/batch-probe', body: { x: 1 } }]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { message: 'Write request id : 7 does not contain Content-Type header or body.' },
    });
  });

  it('rejects dependsOn ids that are not in the batch, and malformed payloads', async () => {
    expect((await batch([{ id: '1', method: 'GET', url: '/batch-probe/1', dependsOn: ['9'] }])).status).toBe(
      400,
    );
    expect((await batch([{ id: '1', method: 'GET' }])).status).toBe(400);
  });

  it('needs a valid token on the batch itself', async () => {
    const res = await batch([{ id: '1', method: 'GET', url: '/batch-probe/1' }], {});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });
});
