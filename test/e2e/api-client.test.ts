import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineEndpoint } from '../../src/contracts/api/endpoint.js';
import { ApiRequestError, buildPath, buildQuery, createApiClient } from '../../web/src/lib/api.js';

const getThing = defineEndpoint({
  method: 'GET',
  path: '/api/things/:id',
  access: { public: true },
  summary: 'test',
  tags: ['test'],
  params: z.object({ id: z.string() }),
  query: z.object({ search: z.string().optional(), limit: z.number().optional() }),
  response: z.object({ id: z.string() }),
});

const renameThing = defineEndpoint({
  method: 'PATCH',
  path: '/api/things/:id',
  access: { public: true },
  summary: 'test',
  tags: ['test'],
  params: z.object({ id: z.string() }),
  body: z.object({ name: z.string() }),
  response: z.object({ id: z.string(), name: z.string() }),
});

interface Sent {
  url: string;
  init: RequestInit;
}

function fakeFetch(status: number, body: unknown, sent: Sent[]): typeof fetch {
  return async (input, init) => {
    sent.push({ url: String(input), init: init ?? {} });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

describe('the web app API client (web/src/lib/api.ts)', () => {
  it('fills path parameters, encoded, and leaves empty query values out', () => {
    expect(buildPath('/api/customers/:id/sites/:siteId', { id: 'a b', siteId: '7' })).toBe(
      '/api/customers/a%20b/sites/7',
    );
    expect(buildQuery({ search: '', limit: 25, cursor: undefined, sort: '-name' })).toBe(
      '?limit=25&sort=-name',
    );
    expect(() => buildPath('/api/things/:id', {})).toThrow(/Missing path parameter "id"/);
  });

  it('sends the CSRF token on state-changing calls only, with the session cookie', async () => {
    const sent: Sent[] = [];
    const { call } = createApiClient({
      csrfToken: () => 'token-1',
      fetch: fakeFetch(200, { id: '1', name: 'New' }, sent),
    });
    await call(renameThing, { params: { id: '1' }, body: { name: 'New' } });
    await call(getThing, { params: { id: '1' }, query: { search: 'x' } });

    const [patch, get] = sent;
    expect(patch!.init.method).toBe('PATCH');
    expect((patch!.init.headers as Record<string, string>)['x-csrf-token']).toBe('token-1');
    expect(patch!.init.body).toBe('{"name":"New"}');
    expect(patch!.init.credentials).toBe('same-origin');
    expect(get!.url).toBe('/api/things/1?search=x');
    expect((get!.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it("surfaces the API's error body, field errors included, and reports a 401", async () => {
    const apiError = {
      code: 'validation_failed',
      message: 'Some body fields are invalid; correct them and try again.',
      errors: [{ field: 'name', message: 'name must not be empty' }],
      requestId: 'r1',
    };
    let unauthenticated = 0;
    const failing = createApiClient({ csrfToken: () => null, fetch: fakeFetch(400, apiError, []) });
    const error = await failing
      .call(renameThing, { params: { id: '1' }, body: { name: '' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect((error as ApiRequestError).code).toBe('validation_failed');
    expect((error as ApiRequestError).fieldErrors).toEqual({ name: 'name must not be empty' });

    const expired = createApiClient({
      csrfToken: () => null,
      onUnauthenticated: () => void unauthenticated++,
      fetch: fakeFetch(401, { code: 'unauthenticated', message: 'Sign in to continue.' }, []),
    });
    await expect(expired.call(getThing, { params: { id: '1' } })).rejects.toThrow('Sign in to continue.');
    expect(unauthenticated).toBe(1);
  });

  it('turns an unreadable answer or no answer into the same error shape', async () => {
    const html = createApiClient({
      csrfToken: () => null,
      fetch: async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });
    await expect(html.call(getThing, { params: { id: '1' } })).rejects.toMatchObject({
      status: 502,
      body: { code: 'internal' },
    });
    const offline = createApiClient({
      csrfToken: () => null,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(offline.call(getThing, { params: { id: '1' } })).rejects.toMatchObject({
      body: { code: 'network' },
    });
  });
});
