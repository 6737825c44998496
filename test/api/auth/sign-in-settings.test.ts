import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  auditEvents,
  seedAdministrator,
  seedAgent,
  signIn,
  startAuthApp,
  type AuthApp,
  type Browser,
} from './auth-fixtures.js';

const TENANT_A = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
const TENANT_B = 'c0c0c0c0-0000-4000-8000-000000000001';

describe('sign-in settings', () => {
  let app: AuthApp;
  let admin: Browser;
  beforeAll(async () => {
    app = await startAuthApp();
    await seedAdministrator(app);
    admin = await signIn(app, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => app?.close());

  const put = (browser: Browser, body: unknown) =>
    app.app.inject({
      method: 'PUT',
      url: '/api/settings/sign-in',
      headers: browser.headers,
      payload: body as object,
    });
  const get = (browser: Browser) =>
    app.app.inject({ method: 'GET', url: '/api/settings/sign-in', headers: browser.headers });

  it('start with any tenant allowed and just-in-time creation off', async () => {
    const res = await get(admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ allowedTenants: 'any', jitPortalUsers: false });
  });

  it('store an allow-list of tenant ids (lower case, once each) and audit before and after', async () => {
    const res = await put(admin, {
      allowedTenants: [TENANT_A, TENANT_B, TENANT_A.toLowerCase()],
      jitPortalUsers: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const expected = { allowedTenants: [TENANT_A.toLowerCase(), TENANT_B], jitPortalUsers: true };
    expect(res.json()).toEqual(expected);
    expect((await get(admin)).json()).toEqual(expected);

    const [event] = await auditEvents(app, 'settings.sign-in.updated');
    expect(event?.details).toMatchObject({
      before: { allowedTenants: 'any', jitPortalUsers: false },
      after: expected,
      actorName: ADMIN.name,
    });
  });

  it('refuse values that are not tenant ids, naming the entry', async () => {
    const res = await put(admin, { allowedTenants: [TENANT_B, 'contoso.com'], jitPortalUsers: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'allowedTenants.1', message: expect.stringContaining('allowedTenants must list tenant ids') },
    ]);
  });

  it('need the settings.manage permission and the CSRF token', async () => {
    await seedAgent(app, {
      email: 'alan@example.com',
      name: 'Alan',
      password: 'agent password 1',
      roles: ['Agent'],
    });
    const agent = await signIn(app, 'alan@example.com', 'agent password 1');
    expect((await get(agent)).statusCode).toBe(403);
    expect((await put(agent, { allowedTenants: 'any', jitPortalUsers: true })).statusCode).toBe(403);

    const noCsrf = await app.app.inject({
      method: 'PUT',
      url: '/api/settings/sign-in',
      headers: { cookie: admin.cookie },
      payload: { allowedTenants: 'any', jitPortalUsers: true },
    });
    expect(noCsrf.json()).toMatchObject({ code: 'csrf_failed' });
    expect((await get(admin)).json().allowedTenants).not.toBe('any');
  });
});
