import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../../src/store/index.js';
import {
  ADMIN,
  auditEvents,
  HOUR,
  login,
  me,
  MINUTE,
  seedAdministrator,
  seedAgent,
  signIn,
  startAuthApp,
  type AuthApp,
} from './auth-fixtures.js';

const IDLE_MINUTES = 30;
const ABSOLUTE_HOURS = 2;

describe('sessions', () => {
  let app: AuthApp;
  beforeAll(async () => {
    app = await startAuthApp({
      config: { sessions: { idleMinutes: IDLE_MINUTES, absoluteHours: ABSOLUTE_HOURS } },
    });
    await seedAdministrator(app);
  });
  afterAll(async () => app?.close());

  const lastSeen = async () => {
    const sessions = await app.deps.db.query.sessions.findMany();
    return Math.max(...sessions.map((s) => s.lastSeenAt.getTime()));
  };

  it('expire after the idle time, which each request slides (at most one write a minute)', async () => {
    await app.deps.db.delete(schema.sessions);
    const browser = await signIn(app, ADMIN.email, ADMIN.password);
    const started = await lastSeen();

    app.clock.advance(30_000);
    expect((await me(app, browser)).statusCode).toBe(200);
    expect(await lastSeen()).toBe(started);

    app.clock.advance((IDLE_MINUTES - 1) * MINUTE);
    expect((await me(app, browser)).statusCode).toBe(200);
    expect(await lastSeen()).toBe(app.clock.now().getTime());

    app.clock.advance((IDLE_MINUTES - 1) * MINUTE);
    expect((await me(app, browser)).statusCode).toBe(200);

    app.clock.advance(IDLE_MINUTES * MINUTE);
    const expired = await me(app, browser);
    expect(expired.statusCode).toBe(401);
    expect(await app.deps.db.query.sessions.findMany()).toEqual([]);
  });

  it('expire after the absolute lifetime however active the browser is', async () => {
    const browser = await signIn(app, ADMIN.email, ADMIN.password);
    for (let elapsed = 0; elapsed < ABSOLUTE_HOURS * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
      app.clock.advance(20 * MINUTE);
      expect((await me(app, browser)).statusCode).toBe(200);
    }
    app.clock.advance(20 * MINUTE);
    expect((await me(app, browser)).statusCode).toBe(401);
  });

  it('sign out everywhere ends every session of the account, and only of that account', async () => {
    await seedAgent(app, {
      email: 'bob@example.com',
      name: 'Bob',
      password: 'bob password 12',
      roles: ['Agent'],
    });
    const laptop = await signIn(app, ADMIN.email, ADMIN.password);
    const phone = await signIn(app, ADMIN.email, ADMIN.password);
    const bob = await signIn(app, 'bob@example.com', 'bob password 12');

    const noToken = await app.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: phone.cookie },
    });
    expect(noToken.statusCode).toBe(403);

    const res = await app.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: phone.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().endedSessions).toBeGreaterThanOrEqual(2);
    expect((await me(app, laptop)).statusCode).toBe(401);
    expect((await me(app, phone)).statusCode).toBe(401);
    expect((await me(app, bob)).statusCode).toBe(200);
    expect(await auditEvents(app, 'auth.sign-out-everywhere')).toHaveLength(1);

    // Signing in afterwards works as usual.
    expect((await me(app, await signIn(app, ADMIN.email, ADMIN.password))).statusCode).toBe(200);
  });

  it('stop working when the account is disabled, which then cannot sign in', async () => {
    const id = await seedAgent(app, {
      email: 'carol@example.com',
      name: 'Carol',
      password: 'carol password 1',
      roles: ['Agent'],
    });
    const browser = await signIn(app, 'carol@example.com', 'carol password 1');
    await app.deps.db.update(schema.accounts).set({ disabled: true }).where(eq(schema.accounts.id, id));
    expect((await me(app, browser)).statusCode).toBe(401);

    const right = await login(app, 'carol@example.com', 'carol password 1');
    expect(right.statusCode).toBe(403);
    expect(right.json().message).toContain('disabled');
    // Without the password nobody learns that the account is disabled.
    expect((await login(app, 'carol@example.com', 'wrong password')).statusCode).toBe(401);
  });

  it('stop working when the agent behind the account becomes inactive', async () => {
    await seedAgent(app, {
      email: 'dan@example.com',
      name: 'Dan',
      password: 'dan password 12',
      roles: ['Agent'],
    });
    const browser = await signIn(app, 'dan@example.com', 'dan password 12');
    await app.deps.db
      .update(schema.agents)
      .set({ inactive: true })
      .where(eq(schema.agents.email, 'dan@example.com'));
    expect((await me(app, browser)).statusCode).toBe(401);
  });
});
