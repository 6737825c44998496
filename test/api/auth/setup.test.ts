import { afterEach, describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../../src/store/index.js';
import { testEngines } from '../../store/engines.js';
import { ADMIN, auditEvents, browserFrom, me, startAuthApp, type AuthApp } from './auth-fixtures.js';

const setup = (app: AuthApp, body: object) =>
  app.app.inject({ method: 'POST', url: '/api/setup', payload: body });
const needsSetup = async (app: AuthApp) =>
  (await app.app.inject({ method: 'GET', url: '/api/setup' })).json<{ needsSetup: boolean }>().needsSetup;

describe.each(testEngines().map((e) => e.name))('first-run setup (%s)', (engine) => {
  let app: AuthApp;
  afterEach(async () => app?.close());

  it('creates the first administrator once with the built-in roles, signs them in, then refuses', async () => {
    app = await startAuthApp({ engine });
    expect(await needsSetup(app)).toBe(true);

    const res = await setup(app, { ...ADMIN, email: '  Ada@Example.com ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      account: { kind: 'agent', email: 'ada@example.com', displayName: 'Ada Lovelace' },
      permissions: ['administrator'],
      customer: null,
    });
    const view = await me(app, browserFrom(res));
    expect(view.statusCode).toBe(200);
    expect(view.json().account.email).toBe('ada@example.com');
    expect(await needsSetup(app)).toBe(false);

    const again = await setup(app, { ...ADMIN, email: 'mallory@example.com' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'setup_done' });
    expect(again.cookies).toEqual([]);

    const [event] = await auditEvents(app, 'auth.first-administrator-created');
    expect(event).toMatchObject({ actorType: 'agent', targetType: 'account' });

    const roles = await app.deps.db.query.roles.findMany();
    const byName = Object.fromEntries(roles.map((r) => [r.name, r]));
    expect(byName['Administrator']).toMatchObject({
      kind: 'agent',
      permissions: ['administrator'],
      builtIn: true,
    });
    expect(byName['Agent']?.permissions).toEqual(['customers.read', 'agents.read']);
    expect(byName['Approver']?.permissions).toContain('requests.approve');
    expect(byName['Portal requester']).toMatchObject({
      kind: 'portal',
      permissions: ['portal.requests.create', 'portal.requests.read'],
    });
    expect(byName['Portal approver']?.permissions).toContain('portal.requests.approve');
  });

  it('creates exactly one administrator when two first-run requests race', async () => {
    app = await startAuthApp({ engine });
    const [a, b] = await Promise.all([
      setup(app, ADMIN),
      setup(app, { ...ADMIN, email: 'grace@example.com', name: 'Grace Hopper' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const accounts = await app.deps.db.query.accounts.findMany();
    expect(accounts).toHaveLength(1);
    expect(await createAccountRepository(app.deps.db).administratorExists()).toBe(true);
  });

  it('names the field when the password is too short', async () => {
    app = await startAuthApp({ engine });
    const res = await setup(app, { ...ADMIN, password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'password', message: 'password must be at least 12 characters' },
    ]);
    expect(await needsSetup(app)).toBe(true);
  });
});
