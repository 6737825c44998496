import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSessionCache } from '../../../src/api/auth/session-cache.js';
import { createSessionResolver, sessionIdOf } from '../../../src/api/auth/session-resolver.js';
import { createSessionRepository, schema } from '../../../src/store/index.js';
import { testEngines } from '../../store/engines.js';
import {
  ADMIN,
  type AuthApp,
  type Browser,
  HOUR,
  me,
  MINUTE,
  seedAdministrator,
  seedAgent,
  signIn,
  startAuthApp,
} from './auth-fixtures.js';

const CACHE_SECONDS = 5;
const IDLE_MINUTES = 60;
const BOB = { email: 'bob@example.com', name: 'Bob', password: 'bob password 12' };

/** Counts the statements the app sends to its database, letting every one of them through. */
function watchQueries(app: AuthApp): { count(): number; stop(): void } {
  const spy =
    app.database.kind === 'pglite'
      ? vi.spyOn(app.database.pglite, 'query')
      : vi.spyOn(app.database.pool, 'query');
  return { count: () => spy.mock.calls.length, stop: () => spy.mockRestore() };
}

const tokenOf = (browser: Browser) => browser.cookie.slice(browser.cookie.indexOf('=') + 1);

/** Deletes the session's row behind the app's back, as another process or `rollcall admin` would. */
async function deleteSessionRow(app: AuthApp, browser: Browser): Promise<void> {
  await app.deps.db.delete(schema.sessions).where(eq(schema.sessions.id, sessionIdOf(tokenOf(browser))));
}

describe.each(testEngines().map((e) => e.name))('the session cache (%s)', (engine) => {
  let app: AuthApp;
  beforeAll(async () => {
    app = await startAuthApp({
      engine,
      config: { sessions: { cacheSeconds: CACHE_SECONDS, idleMinutes: IDLE_MINUTES, absoluteHours: 1 } },
    });
    await seedAdministrator(app);
    await seedAgent(app, { ...BOB, roles: ['Agent'] });
  });
  afterAll(async () => app?.close());

  it('answers a session it has read without a query, for its lifetime and no longer', async () => {
    const browser = await signIn(app, ADMIN.email, ADMIN.password);
    expect((await me(app, browser)).statusCode).toBe(200);

    const queries = watchQueries(app);
    try {
      expect((await me(app, browser)).statusCode).toBe(200);
      expect(queries.count()).toBe(0);
    } finally {
      queries.stop();
    }

    await deleteSessionRow(app, browser);
    app.clock.advance(CACHE_SECONDS * 1000 - 1);
    expect((await me(app, browser)).statusCode).toBe(200);
    app.clock.advance(1);
    expect((await me(app, browser)).statusCode).toBe(401);
  });

  it('signs a browser out at once in this process', async () => {
    const browser = await signIn(app, ADMIN.email, ADMIN.password);
    expect((await me(app, browser)).statusCode).toBe(200);
    const out = await app.app.inject({ method: 'POST', url: '/api/auth/logout', headers: browser.headers });
    expect(out.statusCode).toBe(204);
    expect((await me(app, browser)).statusCode).toBe(401);
  });

  it('signs every browser of the account out at once in this process', async () => {
    const laptop = await signIn(app, ADMIN.email, ADMIN.password);
    const phone = await signIn(app, ADMIN.email, ADMIN.password);
    expect((await me(app, laptop)).statusCode).toBe(200);
    expect((await me(app, phone)).statusCode).toBe(200);
    const out = await app.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: phone.headers,
    });
    expect(out.statusCode).toBe(200);
    expect((await me(app, laptop)).statusCode).toBe(401);
  });

  it('applies role changes and disabling made through the API to the next request', async () => {
    const admin = await signIn(app, ADMIN.email, ADMIN.password);
    const bob = await signIn(app, BOB.email, BOB.password);
    const bobId = (await me(app, bob)).json<{ account: { id: string } }>().account.id;
    const customers = () =>
      app.app.inject({ method: 'GET', url: '/api/customers', headers: { cookie: bob.cookie } });
    expect((await customers()).statusCode).toBe(200);

    const roles = await app.app.inject({
      method: 'PUT',
      url: `/api/accounts/${bobId}/roles`,
      headers: admin.headers,
      payload: { roleIds: [] },
    });
    expect(roles.statusCode, roles.body).toBe(200);
    expect((await customers()).statusCode).toBe(403);
    expect((await me(app, bob)).json().permissions).toEqual([]);

    const disabled = await app.app.inject({
      method: 'PATCH',
      url: `/api/accounts/${bobId}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await me(app, bob)).statusCode).toBe(401);
  });

  it('keeps the cache when a change is refused', async () => {
    const browser = await signIn(app, ADMIN.email, ADMIN.password);
    expect((await me(app, browser)).statusCode).toBe(200);
    await deleteSessionRow(app, browser);
    const refused = await app.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: browser.cookie },
    });
    expect(refused.statusCode).toBe(403);
    expect((await me(app, browser)).statusCode).toBe(200);
  });

  it('still ends a cached session at its absolute expiry', async () => {
    const browser = await signIn(app, ADMIN.email, ADMIN.password);
    app.clock.advance(HOUR - 2000);
    expect((await me(app, browser)).statusCode).toBe(200);
    app.clock.advance(2000);
    expect((await me(app, browser)).statusCode).toBe(401);
    expect(await createSessionRepository(app.deps.db).resolve(sessionIdOf(tokenOf(browser)))).toBeUndefined();
  });

  it('still ends a cached session gone idle, once the database agrees', async () => {
    const cache = createSessionCache({ seconds: 60 });
    const resolve = createSessionResolver({ db: app.deps.db, config: app.config, now: app.clock.now, cache });
    const sessions = createSessionRepository(app.deps.db);
    const browser = await signIn(app, ADMIN.email, ADMIN.password);
    const id = sessionIdOf(tokenOf(browser));
    const request = { headers: { cookie: browser.cookie } } as FastifyRequest;
    const idleSince = new Date(app.clock.now().getTime() - IDLE_MINUTES * MINUTE);
    const stored = await sessions.resolve(id);

    // A copy read before another process slid the idle expiry: the database says it is in use.
    cache.set(id, { ...stored!, lastSeenAt: idleSince }, app.clock.now(), cache.generation());
    expect((await resolve(request))?.sessionId).toBe(id);
    expect(await sessions.resolve(id)).toBeDefined();

    // Idle in the cache and in the database: the session ends.
    await app.deps.db
      .update(schema.sessions)
      .set({ lastSeenAt: idleSince })
      .where(eq(schema.sessions.id, id));
    cache.set(id, { ...stored!, lastSeenAt: idleSince }, app.clock.now(), cache.generation());
    expect(await resolve(request)).toBeNull();
    expect(await sessions.resolve(id)).toBeUndefined();
    expect(cache.get(id, app.clock.now())).toBeUndefined();
  });
});

describe('the session cache turned off (cacheSeconds 0)', () => {
  let app: AuthApp;
  afterEach(async () => app?.close());

  it('reads the session on every request', async () => {
    app = await startAuthApp({ config: { sessions: { cacheSeconds: 0 } } });
    await seedAdministrator(app);
    const browser = await signIn(app, ADMIN.email, ADMIN.password);
    expect((await me(app, browser)).statusCode).toBe(200);
    const queries = watchQueries(app);
    try {
      expect((await me(app, browser)).statusCode).toBe(200);
      expect(queries.count()).toBeGreaterThan(0);
    } finally {
      queries.stop();
    }
    await deleteSessionRow(app, browser);
    expect((await me(app, browser)).statusCode).toBe(401);
  });
});
