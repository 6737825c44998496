import { describe, expect, it } from 'vitest';
import { createTokenCache } from './token-cache.js';

const MINUTE = 60_000;

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('token cache', () => {
  it('serves a token until five minutes before it expires', async () => {
    let now = 0;
    const cache = createTokenCache({ now: () => now });
    let n = 0;
    const acquire = async () => ({ token: `t${++n}`, expiresAt: now + 60 * MINUTE });
    expect(await cache.get('k', acquire)).toBe('t1');
    now = 54 * MINUTE;
    expect(await cache.get('k', acquire)).toBe('t1');
    now = 55 * MINUTE;
    expect(await cache.get('k', acquire)).toBe('t2');
  });

  it('keeps keys apart (tenant, app, scope)', async () => {
    const cache = createTokenCache({ now: () => 0 });
    const a = await cache.get('tenant-a|app|graph', async () => ({ token: 'a', expiresAt: 3_600_000 }));
    const b = await cache.get('tenant-b|app|graph', async () => ({ token: 'b', expiresAt: 3_600_000 }));
    expect([a, b]).toEqual(['a', 'b']);
  });

  it('lets concurrent callers share one acquisition', async () => {
    const cache = createTokenCache({ now: () => 0 });
    const pending = deferred<{ token: string; expiresAt: number }>();
    let calls = 0;
    const acquire = () => {
      calls += 1;
      return pending.promise;
    };
    const all = Promise.all(Array.from({ length: 10 }, () => cache.get('k', acquire)));
    pending.resolve({ token: 'shared', expiresAt: 3_600_000 });
    expect(await all).toEqual(Array(10).fill('shared'));
    expect(calls).toBe(1);
  });

  it('shares one forced refresh between concurrent 401s but never serves a forced caller from a plain one', async () => {
    const cache = createTokenCache({ now: () => 0 });
    const forcedFlags: boolean[] = [];
    const plain = deferred<{ token: string; expiresAt: number }>();
    const acquire = (force: boolean) => {
      forcedFlags.push(force);
      return force ? Promise.resolve({ token: 'fresh', expiresAt: 3_600_000 }) : plain.promise;
    };
    const first = cache.get('k', acquire);
    const forced = Promise.all([cache.get('k', acquire, true), cache.get('k', acquire, true)]);
    expect(await forced).toEqual(['fresh', 'fresh']);
    plain.resolve({ token: 'old', expiresAt: 3_600_000 });
    await first;
    expect(forcedFlags).toEqual([false, true]);
    expect(await cache.get('k', acquire)).toBe('fresh');
  });

  it('does not cache failures', async () => {
    const cache = createTokenCache({ now: () => 0 });
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => ({ token: 'ok', expiresAt: 3_600_000 }))).toBe('ok');
  });
});
