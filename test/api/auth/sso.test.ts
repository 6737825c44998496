import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_SETTINGS_KEY } from '../../../src/api/auth/sign-in-settings.js';
import type { SignInSettings } from '../../../src/contracts/api/sign-in-settings.js';
import { createCustomerRepository, createSettingsRepository, schema } from '../../../src/store/index.js';
import {
  ADMIN,
  auditEvents,
  cookieSet,
  me,
  seedAdministrator,
  seedAgent,
  startAuthApp,
  type AuthApp,
} from './auth-fixtures.js';
import {
  PEOPLE,
  signInWithMicrosoft,
  ssoConfig,
  startSsoWorld,
  TENANTS,
  type SsoWorld,
} from './sso-fixtures.js';

describe('sign-in with Microsoft (OpenID Connect against the emulator)', () => {
  let world: SsoWorld;
  let app: AuthApp;
  let contosoId: string;

  beforeAll(async () => {
    world = await startSsoWorld();
    app = await startAuthApp({ config: ssoConfig(world) });
    await seedAdministrator(app, { ...ADMIN, email: PEOPLE.ada.upn });
    await seedAgent(app, {
      email: PEOPLE.gus.upn,
      name: 'Gus',
      password: 'gus password 12',
      roles: ['Agent'],
    });

    // Contoso is a customer of the desk, read from its tenant; Pat is one of its users.
    const db = app.deps.db;
    const { customer, defaultSite } = await createCustomerRepository(db).create({ name: 'Contoso' });
    contosoId = customer.id;
    const [connection] = await db
      .insert(schema.connections)
      .values({ kind: 'entra', name: 'Contoso', tenantId: TENANTS.contoso })
      .returning();
    await db
      .insert(schema.tenantMappings)
      .values({ tenantId: TENANTS.contoso, connectionId: connection!.id, customerId: customer.id });
    await db.insert(schema.deskUsers).values({
      customerId: customer.id,
      siteId: defaultSite.id,
      displayName: 'Pat Requester',
      email: PEOPLE.pat.upn,
      userPrincipalName: PEOPLE.pat.upn,
    });
  });
  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const setSettings = (settings: SignInSettings) =>
    createSettingsRepository(app.deps.db).put(SIGN_IN_SETTINGS_KEY, settings, app.clock.now());
  afterEach(() => setSettings({ allowedTenants: 'any', jitPortalUsers: false }));

  it('signs in an agent whose account email is their UPN, and links the Microsoft identity', async () => {
    const res = await signInWithMicrosoft(app, world, PEOPLE.ada.upn, { returnTo: '/customers?page=2' });
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/customers?page=2');
    const session = cookieSet(res, 'rollcall_session');
    // The public address is https, so the cookie is Secure even over this http request.
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(cookieSet(res, 'rollcall_sso')?.value).toBe('');

    const view = await me(app, { cookie: `rollcall_session=${session!.value}` });
    expect(view.json()).toMatchObject({
      account: { kind: 'agent', email: PEOPLE.ada.upn },
      permissions: ['administrator'],
    });
    const account = await app.deps.db.query.accounts.findFirst({
      where: eq(schema.accounts.email, PEOPLE.ada.upn),
    });
    expect(account).toMatchObject({ entraTenantId: TENANTS.msp, entraObjectId: PEOPLE.ada.id });
    const events = await auditEvents(app, 'auth.sign-in');
    expect(events.at(-1)?.details).toMatchObject({ after: { method: 'sso', how: 'linked-by-email' } });
  });

  it('recognises a linked identity by tenant and object id, whatever its email has become', async () => {
    await app.deps.db
      .update(schema.accounts)
      .set({ email: 'ada.lovelace@example.com' })
      .where(eq(schema.accounts.entraObjectId, PEOPLE.ada.id));
    const res = await signInWithMicrosoft(app, world, PEOPLE.ada.upn, { returnTo: 'https://evil.example/' });
    expect(res.headers.location).toBe('/');
    expect((await me(app, sessionOf(res))).json().account.email).toBe('ada.lovelace@example.com');
  });

  it('refuses a tenant that is not on the allow-list', async () => {
    await setSettings({ allowedTenants: [TENANTS.msp], jitPortalUsers: true });
    const res = await signInWithMicrosoft(app, world, PEOPLE.pat.upn, { audience: 'portal' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/portal/?signin_error=tenant_not_allowed');
    expect(cookieSet(res, 'rollcall_session')).toBeUndefined();
    const failures = await auditEvents(app, 'auth.sign-in-failed');
    expect(failures.at(-1)?.details).toMatchObject({
      after: { reason: 'tenant_not_allowed', tenantId: TENANTS.contoso },
    });
  });

  it('refuses an identity without an account while just-in-time creation is off', async () => {
    const res = await signInWithMicrosoft(app, world, PEOPLE.ed.upn);
    expect(res.headers.location).toBe('/?signin_error=account_not_found');
    expect(cookieSet(res, 'rollcall_session')).toBeUndefined();
    expect(
      (await signInWithMicrosoft(app, world, PEOPLE.pat.upn, { audience: 'portal' })).headers.location,
    ).toBe('/portal/?signin_error=account_not_found');
  });

  it('does not let an email claim from another tenant take over an account', async () => {
    const res = await signInWithMicrosoft(app, world, PEOPLE.mallory.upn);
    expect(res.headers.location).toBe('/?signin_error=account_not_found');
    const gus = await app.deps.db.query.accounts.findFirst({
      where: eq(schema.accounts.email, PEOPLE.gus.upn),
    });
    expect(gus?.entraObjectId).toBeNull();
  });

  it('creates a portal account just in time for a desk user of a customer mapped to the tenant', async () => {
    await setSettings({ allowedTenants: 'any', jitPortalUsers: true });
    // Agents are never created just in time, even with it on.
    expect((await signInWithMicrosoft(app, world, PEOPLE.ed.upn)).headers.location).toBe(
      '/?signin_error=account_not_found',
    );

    const res = await signInWithMicrosoft(app, world, PEOPLE.pat.upn, { audience: 'portal' });
    expect(res.headers.location).toBe('/portal/');
    const view = (await me(app, sessionOf(res))).json();
    expect(view).toMatchObject({
      account: { kind: 'portal', email: PEOPLE.pat.upn, displayName: 'Pat Requester' },
      customer: { id: contosoId, name: 'Contoso' },
      permissions: ['portal.requests.create', 'portal.requests.read'],
    });
    expect(await auditEvents(app, 'auth.sign-in')).toContainEqual(
      expect.objectContaining({
        details: expect.objectContaining({ after: expect.objectContaining({ how: 'created-just-in-time' }) }),
      }),
    );
  });

  it('refuses a callback without the sign-in cookie, or with another state', async () => {
    const bare = await app.app.inject({ method: 'GET', url: '/api/auth/sso/callback?code=abc&state=xyz' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/?signin_error=sso_state_invalid');

    const start = await app.app.inject({ method: 'GET', url: '/api/auth/sso/start?audience=portal' });
    const forged = await app.app.inject({
      method: 'GET',
      url: '/api/auth/sso/callback?code=abc&state=not-the-state',
      headers: { cookie: `rollcall_sso=${cookieSet(start, 'rollcall_sso')!.value}` },
    });
    expect(forged.headers.location).toBe('/portal/?signin_error=sso_state_invalid');
  });

  it('says Microsoft sign-in is offered', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/api/auth/methods' });
    expect(res.json()).toEqual({ password: true, microsoft: true });
  });
});

/** The session cookie a redirecting response set, as a browser would send it next. */
function sessionOf(res: Awaited<ReturnType<typeof signInWithMicrosoft>>) {
  const session = cookieSet(res, 'rollcall_session');
  expect(session, `no session: ${res.headers.location}`).toBeDefined();
  return { cookie: `rollcall_session=${session!.value}` };
}
