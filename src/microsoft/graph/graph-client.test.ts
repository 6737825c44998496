import { describe, expect, it } from 'vitest';
import { graphError, json } from '../../../test/microsoft/support/fake-fetch.js';
import { collectPages, FAKE_GRAPH_BASE, graphSetup } from '../../../test/microsoft/support/fake-graph.js';
import { MicrosoftError } from '../errors/microsoft-error.js';
import { userSchema } from './schemas/user.js';

const BASE = FAKE_GRAPH_BASE;
const collect = collectPages;

describe('graph client: basic calls', () => {
  it('resolves paths below the base URL and sends a client-request-id', async () => {
    const t = graphSetup([json(200, { id: 'u1', displayName: 'Zoë' })]);
    const user = await t.graph.get('/users/u1', userSchema);
    expect(user).toMatchObject({ id: 'u1', displayName: 'Zoë' });
    expect(t.calls[0]!.url).toBe(`${BASE}/users/u1`);
    expect(t.calls[0]!.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('posts, patches, puts and deletes with JSON bodies', async () => {
    const t = graphSetup([json(201, { id: 'new' }), new Response(null, { status: 204 })]);
    expect(await t.graph.post('/users', { displayName: 'A' })).toEqual({ id: 'new' });
    await t.graph.patch('/users/new', { jobTitle: 'B' });
    await t.graph.put('/users/new/manager/$ref', { '@odata.id': `${BASE}/users/m` });
    await t.graph.delete('/users/new');
    expect(t.calls.map((c) => [c.method, c.url])).toEqual([
      ['POST', `${BASE}/users`],
      ['PATCH', `${BASE}/users/new`],
      ['PUT', `${BASE}/users/new/manager/$ref`],
      ['DELETE', `${BASE}/users/new`],
    ]);
  });
});

describe('graph client: paging', () => {
  it('follows nextLinks verbatim, including empty pages, and re-sends headers on every page', async () => {
    const next1 = `${BASE}/users?$select=id&$count=true&$skiptoken=RFNwdAIA%2Bopaque`;
    const next2 = `${BASE}/users?$select=id&$count=true&$skiptoken=second`;
    const t = graphSetup([
      json(200, { '@odata.count': 3, '@odata.nextLink': next1, value: [{ id: 'a' }, { id: 'b' }] }),
      json(200, { '@odata.nextLink': next2, value: [] }),
      json(200, { value: [{ id: 'c' }] }),
    ]);
    const pages = [];
    for await (const page of t.graph.pages('/users?$select=id&$count=true', userSchema, {
      headers: { ConsistencyLevel: 'eventual' },
    })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.items.map((u) => u.id))).toEqual([['a', 'b'], [], ['c']]);
    expect(pages[0]!.count).toBe(3);
    expect(t.calls.map((c) => c.url)).toEqual([`${BASE}/users?$select=id&$count=true`, next1, next2]);
    expect(t.calls.every((c) => c.headers.ConsistencyLevel === 'eventual')).toBe(true);
  });

  it('refuses to send the token to a nextLink on another origin', async () => {
    const t = graphSetup([
      json(200, { '@odata.nextLink': 'https://evil.example/v1.0/users?$skiptoken=x', value: [] }),
    ]);
    await expect(collect(t.graph.pages('/users', userSchema))).rejects.toMatchObject({
      code: 'Client.InvalidResponse',
    });
    expect(t.calls).toHaveLength(1);
  });

  it('restarts nothing by itself when a page token expired: the error says resync', async () => {
    const t = graphSetup([
      json(200, { '@odata.nextLink': `${BASE}/users?$skiptoken=old`, value: [{ id: 'a' }] }),
      graphError(
        400,
        'Directory_ExpiredPageToken',
        'The specified page token value has expired and can no longer be included in your request.',
      ),
    ]);
    const err = await collect(t.graph.pages('/users', userSchema)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MicrosoftError);
    expect(err).toMatchObject({ code: 'Directory_ExpiredPageToken', action: 'resync' });
  });
});
