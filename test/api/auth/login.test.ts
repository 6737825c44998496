import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../../src/api/auth/passwords.js';
import { schema } from '../../../src/store/index.js';
import {
  ADMIN,
  auditEvents,
  browserFrom,
  cookieSet,
  login,
  me,
  seedAdministrator,
  seedAgent,
  signIn,
  startAuthApp,
  type AuthApp,
} from './auth-fixtures.js';

describe('password sign-in', () => {
  let app: AuthApp;
  beforeAll(async () => {
    // As deployed behind a reverse proxy that terminates TLS.
    app = await startAuthApp({ config: { trustProxy: true } });
    await seedAdministrator(app);
  });
  afterAll(async () => app?.close());

  it('signs in with email (any case) and password, and /me tells who and what', async () => {
    const res = await login(app, 'ADA@example.com', ADMIN.password);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      account: { kind: 'agent', email: 'ada@example.com', displayName: ADMIN.name },
      permissions: ['administrator'],
      customer: null,
      connectionGrants: [],
    });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    const view = await me(app, browserFrom(res));
    expect(view.json()).toEqual(body);
    expect((await auditEvents(app, 'auth.sign-in')).length).toBeGreaterThan(0);
  });

  it('sets an HttpOnly, SameSite=Lax, site-wide cookie holding a random token whose hash is stored', async () => {
    const res = await login(app, ADMIN.email, ADMIN.password);
    const cookie = cookieSet(res, 'rollcall_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeUndefined();
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    const sessions = await app.deps.db.query.sessions.findMany();
    const ids = sessions.map((s) => s.id);
    expect(ids).toContain(createHash('sha256').update(cookie.value).digest('hex'));
    expect(ids).not.toContain(cookie.value);
  });

  it('marks the cookie Secure when the trusted proxy says the browser came over https', async () => {
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(cookieSet(res, 'rollcall_session')?.secure).toBe(true);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const wrong = await login(app, ADMIN.email, 'not the password');
    const unknown = await login(app, 'nobody@example.com', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: { requestId?: string }) => ({ ...body, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(wrong.json()).toMatchObject({
      code: 'unauthenticated',
      message: expect.stringContaining('Wrong email or password'),
    });
    expect(wrong.cookies).toEqual([]);
    expect(unknown.cookies).toEqual([]);
  });

  it('validates the body and names the fields', async () => {
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['email', 'password']);
  });

  it('requires the CSRF token to sign out, then the session is gone', async () => {
    const browser = await signIn(app, ADMIN.email, ADMIN.password);
    const withoutToken = await app.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: browser.cookie },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json()).toMatchObject({ code: 'csrf_failed' });
    expect((await me(app, browser)).statusCode).toBe(200);

    const out = await app.app.inject({ method: 'POST', url: '/api/auth/logout', headers: browser.headers });
    expect(out.statusCode).toBe(204);
    expect(cookieSet(out, 'rollcall_session')?.value).toBe('');
    expect((await me(app, browser)).statusCode).toBe(401);
  });

  it('answers 401 to /me without a session or with a forged cookie', async () => {
    expect((await app.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await me(app, { cookie: 'rollcall_session=forged' })).json()).toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('ends the previous session of a browser that signs in again', async () => {
    const first = await signIn(app, ADMIN.email, ADMIN.password);
    const again = await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first.cookie },
      payload: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(again.statusCode).toBe(200);
    expect((await me(app, first)).statusCode).toBe(401);
    expect((await me(app, browserFrom(again))).statusCode).toBe(200);
  });

  it('re-hashes a password stored with weaker parameters when it is next used', async () => {
    const weak = await createPasswordHasher({ log2N: 10, r: 8, p: 1 }).hash('old weak hash 123');
    const id = await seedAgent(app, {
      email: 'olga@example.com',
      name: 'Olga',
      password: 'unused password',
      roles: [],
    });
    await app.deps.db.update(schema.accounts).set({ passwordHash: weak }).where(eq(schema.accounts.id, id));
    expect((await login(app, 'olga@example.com', 'old weak hash 123')).statusCode).toBe(200);
    const account = await app.deps.db.query.accounts.findFirst({ where: eq(schema.accounts.id, id) });
    expect(account?.passwordHash).toMatch(/^\$scrypt\$ln=15,/);
    expect((await login(app, 'olga@example.com', 'old weak hash 123')).statusCode).toBe(200);
  });

  it('gives an agent the permissions of its roles only', async () => {
    await seedAgent(app, {
      email: 'alan@example.com',
      name: 'Alan',
      password: 'agent password 1',
      roles: ['Agent'],
    });
    const browser = await signIn(app, 'alan@example.com', 'agent password 1');
    expect((await me(app, browser)).json().permissions).toEqual(['agents.read', 'customers.read']);
    const settings = await app.app.inject({
      method: 'GET',
      url: '/api/settings/sign-in',
      headers: browser.headers,
    });
    expect(settings.statusCode).toBe(403);
    expect(settings.json().message).toContain('settings.manage');
  });
});

describe('password sign-in exposed directly (no trusted proxy)', () => {
  let app: AuthApp;
  beforeAll(async () => {
    app = await startAuthApp();
    await seedAdministrator(app);
  });
  afterAll(async () => app?.close());

  it('ignores X-Forwarded-Proto from clients', async () => {
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(res.statusCode).toBe(200);
    expect(cookieSet(res, 'rollcall_session')?.secure).toBeUndefined();
  });
});
