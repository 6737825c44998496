import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createFakeFetch,
  fakeSleep,
  graphError,
  json,
  reset,
} from '../../../test/microsoft/support/fake-fetch.js';
import { MicrosoftError } from '../errors/microsoft-error.js';
import { createHttpClient } from './http-client.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
import type { RequestInfo, ResponseInfo, TokenSource } from './types.js';

const URL_USERS = 'https://graph.example/v1.0/users';
const policy: RetryPolicy = { ...defaultRetryPolicy, maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 4_000 };
const NOW = Date.parse('2025-03-01T12:00:00Z');

function setup(script: Parameters<typeof createFakeFetch>[0], overrides: Partial<RetryPolicy> = {}) {
  const { fetch, calls } = createFakeFetch(script);
  const { sleep, slept } = fakeSleep();
  const requests: RequestInfo[] = [];
  const responses: ResponseInfo[] = [];
  const http = createHttpClient({
    fetch,
    sleep,
    random: () => 0.5,
    now: () => NOW,
    retryPolicy: { ...policy, ...overrides },
    observer: { onRequest: (i) => requests.push(i), onResponse: (i) => responses.push(i) },
  });
  return { http, calls, slept, requests, responses };
}

async function failure(promise: Promise<unknown>): Promise<MicrosoftError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MicrosoftError);
  return err as MicrosoftError;
}

describe('http client retries', () => {
  it('honours Retry-After seconds on 429 and recovers', async () => {
    const t = setup([
      graphError(429, 'TooManyRequests', 'Please retry again later.', { 'retry-after': '2' }),
      graphError(429, 'TooManyRequests', 'Please retry again later.', { 'retry-after': '2.128' }),
      json(200, { value: [] }),
    ]);
    const res = await t.http.send({ service: 'graph', method: 'GET', url: URL_USERS });
    expect(res.body).toEqual({ value: [] });
    expect(t.calls).toHaveLength(3);
    expect(t.slept).toEqual([2_000, 2_128]);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const at = new Date(NOW + 7_000).toUTCString();
    const t = setup([graphError(503, 'serviceNotAvailable', 'down', { 'retry-after': at }), json(200, {})]);
    await t.http.send({ service: 'graph', method: 'GET', url: URL_USERS });
    expect(t.slept).toEqual([7_000]);
  });

  it('backs off exponentially with full jitter up to the cap when no Retry-After is given', async () => {
    const t = setup([
      graphError(503, 'serviceNotAvailable'),
      graphError(504, 'gatewayTimeout'),
      graphError(503, 'serviceNotAvailable'),
      json(200, {}),
    ]);
    await t.http.send({ service: 'graph', method: 'GET', url: URL_USERS });
    // random() = 0.5 of min(cap 4000, 1000 × 2^(n-1)).
    expect(t.slept).toEqual([500, 1_000, 2_000]);
  });

  it('gives up after maxAttempts with the catalogued error', async () => {
    const t = setup([graphError(429, 'TooManyRequests', 'x', { 'retry-after': '1' })]);
    const err = await failure(t.http.send({ service: 'graph', method: 'GET', url: URL_USERS }));
    expect(err.code).toBe('TooManyRequests');
    expect(err.retryAfterSeconds).toBe(1);
    expect(t.calls).toHaveLength(policy.maxAttempts);
  });

  it('does not hold a worker for a Retry-After beyond the policy limit', async () => {
    const t = setup([graphError(429, 'TooManyRequests', 'x', { 'retry-after': '3600' })]);
    const err = await failure(t.http.send({ service: 'graph', method: 'GET', url: URL_USERS }));
    expect(err.retryAfterSeconds).toBe(3600);
    expect(t.calls).toHaveLength(1);
    expect(t.slept).toEqual([]);
  });

  it('retries 429 for POST too (Microsoft did not process it) but never a 400', async () => {
    const t = setup([
      graphError(429, 'TooManyRequests', 'x', { 'retry-after': '1' }),
      graphError(400, 'Request_BadRequest', 'bad'),
    ]);
    const err = await failure(
      t.http.send({ service: 'graph', method: 'POST', url: URL_USERS, body: { a: 1 } }),
    );
    expect(err.code).toBe('Request_BadRequest');
    expect(t.calls).toHaveLength(2);
  });

  it('retries a connection reset for GET but not for POST', async () => {
    const get = setup([reset(), json(200, { ok: true })]);
    expect((await get.http.send({ service: 'graph', method: 'GET', url: URL_USERS })).body).toEqual({
      ok: true,
    });
    expect(get.calls).toHaveLength(2);

    const post = setup([reset(), json(201, { id: '1' })]);
    const err = await failure(post.http.send({ service: 'graph', method: 'POST', url: URL_USERS, body: {} }));
    expect(err.code).toBe('Client.NetworkError');
    expect(post.calls).toHaveLength(1);
  });

  it('retries a POST marked idempotent after a reset', async () => {
    const t = setup([reset(), json(200, { responses: [] })]);
    await t.http.send({ service: 'graph', method: 'POST', url: URL_USERS, body: {}, idempotent: true });
    expect(t.calls).toHaveLength(2);
  });

  it('treats a truncated 200 body as retryable for GET', async () => {
    const cut = new Response('{"value":[{"id":"1"},{"id"', { status: 200 });
    const t = setup([cut, json(200, { value: [{ id: '1' }] })]);
    const res = await t.http.send({ service: 'graph', method: 'GET', url: URL_USERS });
    expect(res.body).toEqual({ value: [{ id: '1' }] });
    expect(t.calls).toHaveLength(2);
  });

  it('does not repeat a POST whose 2xx body was cut off', async () => {
    const t = setup([new Response('{"id":"1","disp', { status: 201 })]);
    const err = await failure(t.http.send({ service: 'graph', method: 'POST', url: URL_USERS, body: {} }));
    expect(err.code).toBe('Client.MalformedResponse');
    expect(t.calls).toHaveLength(1);
  });
});

describe('http client requests and responses', () => {
  it('parses a body that starts with a UTF-8 BOM', async () => {
    const t = setup([new Response('\uFEFF{"totalCount":0,"items":[]}', { status: 200 })]);
    const res = await t.http.send({
      service: 'partnercenter',
      method: 'GET',
      url: 'https://pc.example/v1/customers',
    });
    expect(res.body).toEqual({ totalCount: 0, items: [] });
  });

  it('validates bodies with the given schema and does not retry a shape mismatch', async () => {
    const t = setup([json(200, { value: [{ id: 42 }] })]);
    const schema = z.object({ value: z.array(z.object({ id: z.string() })) });
    const err = await failure(t.http.send({ service: 'graph', method: 'GET', url: URL_USERS, schema }));
    expect(err.code).toBe('Client.InvalidResponse');
    expect(err.message).toMatch(/GET \/v1.0\/users/);
    expect(t.calls).toHaveLength(1);
  });

  it('returns undefined for 204 No Content', async () => {
    const t = setup([new Response(null, { status: 204 })]);
    const res = await t.http.send({
      service: 'graph',
      method: 'PATCH',
      url: `${URL_USERS}/1`,
      body: { a: 1 },
    });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
  });

  it('sends the bearer token, JSON body and the same headers on every attempt', async () => {
    const t = setup([graphError(503, 'serviceNotAvailable'), json(201, {})]);
    const tokens: TokenSource = { getToken: async () => 'tok' };
    await t.http.send({
      service: 'graph',
      method: 'POST',
      url: URL_USERS,
      body: { displayName: 'Zoë' },
      headers: { 'client-request-id': 'abc' },
      tokens,
    });
    for (const call of t.calls) {
      expect(call.headers).toMatchObject({
        authorization: 'Bearer tok',
        'content-type': 'application/json',
        accept: 'application/json',
        'client-request-id': 'abc',
      });
      expect(call.body).toEqual({ displayName: 'Zoë' });
    }
  });

  it('refreshes the token once after a 401 and then succeeds', async () => {
    const t = setup([
      graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
      json(200, {}),
    ]);
    const asked: (boolean | undefined)[] = [];
    const tokens: TokenSource = {
      getToken: async (o) => {
        asked.push(o?.forceRefresh);
        return o?.forceRefresh ? 'fresh' : 'stale';
      },
    };
    await t.http.send({ service: 'graph', method: 'GET', url: URL_USERS, tokens });
    expect(asked).toEqual([false, true]);
    expect(t.calls.map((c) => c.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('stops after one refresh when the fresh token is rejected too', async () => {
    const t = setup([graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.')]);
    const err = await failure(
      t.http.send({ service: 'graph', method: 'GET', url: URL_USERS, tokens: { getToken: async () => 't' } }),
    );
    expect(err.code).toBe('InvalidAuthenticationToken');
    expect(err.action).toBe('reauthorise');
    expect(t.calls).toHaveLength(2);
  });

  it('reports every attempt to the observer', async () => {
    const t = setup([graphError(429, 'TooManyRequests', 'x', { 'retry-after': '1' }), json(200, {})]);
    await t.http.send({ service: 'graph', method: 'GET', url: URL_USERS });
    expect(t.requests.map((r) => r.attempt)).toEqual([1, 2]);
    expect(t.responses.map((r) => [r.status, r.errorCode])).toEqual([
      [429, 'TooManyRequests'],
      [200, undefined],
    ]);
  });

  it('times out an attempt that never answers', async () => {
    const hang = (_url: string, init: { signal?: AbortSignal }) =>
      new Promise<Response>((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    const t = setup([hang], { attemptTimeoutMs: 1, maxAttempts: 1 });
    const err = await failure(t.http.send({ service: 'graph', method: 'GET', url: URL_USERS }));
    expect(err.code).toBe('Client.Timeout');
  });
});
