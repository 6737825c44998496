import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ResolvedSession } from '../../store/index.js';
import { clearSessionCacheOnChange, createSessionCache } from './session-cache.js';

const T0 = new Date('2026-03-01T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function session(id: string): ResolvedSession {
  return {
    id,
    accountId: `account-${id}`,
    csrfToken: 'csrf',
    createdAt: T0,
    lastSeenAt: T0,
    expiresAt: at(3_600_000),
    kind: 'agent',
    email: `${id}@example.com`,
    displayName: id,
    disabled: false,
    sessionsValidFrom: new Date(0),
    customerId: null,
    customerName: null,
    permissions: [],
    connectionGrants: [],
  };
}

describe('the session cache', () => {
  it('answers for its lifetime and not a moment longer', () => {
    const cache = createSessionCache({ seconds: 5 });
    cache.set('a', session('a'), T0, cache.generation());
    expect(cache.get('a', at(4_999))?.id).toBe('a');
    expect(cache.get('a', at(5_000))).toBeUndefined();
    expect(cache.size()).toBe(0);
  });

  it('does not trust an entry when the clock went backwards', () => {
    const cache = createSessionCache({ seconds: 5 });
    cache.set('a', session('a'), T0, cache.generation());
    expect(cache.get('a', at(-1))).toBeUndefined();
  });

  it('holds nothing with a lifetime of 0 seconds', () => {
    const cache = createSessionCache({ seconds: 0 });
    cache.set('a', session('a'), T0, cache.generation());
    expect(cache.get('a', T0)).toBeUndefined();
    expect(cache.size()).toBe(0);
  });

  it('evicts the oldest entry beyond its size', () => {
    const cache = createSessionCache({ seconds: 5, maxEntries: 2 });
    cache.set('a', session('a'), T0, cache.generation());
    cache.set('b', session('b'), at(1), cache.generation());
    cache.set('c', session('c'), at(2), cache.generation());
    expect(cache.size()).toBe(2);
    expect(cache.get('a', at(3))).toBeUndefined();
    expect(cache.get('b', at(3))?.id).toBe('b');
    expect(cache.get('c', at(3))?.id).toBe('c');
  });

  it('refuses a session read before the last clear, which may predate the change', () => {
    const cache = createSessionCache({ seconds: 5 });
    const before = cache.generation();
    cache.clear();
    cache.set('a', session('a'), T0, before);
    expect(cache.get('a', T0)).toBeUndefined();
    cache.set('a', session('a'), T0, cache.generation());
    expect(cache.get('a', T0)?.id).toBe('a');
  });

  it('updates an entry without extending its lifetime', () => {
    const cache = createSessionCache({ seconds: 5 });
    cache.set('a', session('a'), T0, cache.generation());
    cache.update('a', { ...session('a'), lastSeenAt: at(4_000) });
    expect(cache.get('a', at(4_000))?.lastSeenAt).toEqual(at(4_000));
    expect(cache.get('a', at(5_000))).toBeUndefined();
    cache.update('b', session('b'));
    expect(cache.get('b', at(5_000))).toBeUndefined();
  });
});

describe('clearing the session cache on changes', () => {
  async function appWith(status: number) {
    const cache = createSessionCache({ seconds: 5 });
    const app = Fastify();
    clearSessionCacheOnChange(app, cache);
    app.route({
      method: ['GET', 'POST', 'DELETE', 'HEAD'],
      url: '/',
      handler: (_, reply) => reply.status(status).send({}),
    });
    return { app, cache, cached: () => cache.get('a', T0) !== undefined };
  }

  it('forgets every session when a state-changing request succeeds, before it answers', async () => {
    const { app, cache, cached } = await appWith(200);
    for (const method of ['POST', 'DELETE'] as const) {
      cache.set('a', session('a'), T0, cache.generation());
      await app.inject({ method, url: '/' });
      expect(cached(), method).toBe(false);
    }
  });

  it('keeps them for reads and for refused or failed changes', async () => {
    const ok = await appWith(200);
    ok.cache.set('a', session('a'), T0, ok.cache.generation());
    await ok.app.inject({ method: 'GET', url: '/' });
    await ok.app.inject({ method: 'HEAD', url: '/' });
    expect(ok.cached()).toBe(true);
    for (const status of [400, 403, 500]) {
      const refused = await appWith(status);
      refused.cache.set('a', session('a'), T0, refused.cache.generation());
      await refused.app.inject({ method: 'POST', url: '/' });
      expect(refused.cached(), String(status)).toBe(true);
    }
  });
});
