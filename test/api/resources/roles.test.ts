import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';

type Role = {
  id: string;
  name: string;
  builtIn: boolean;
  editable: boolean;
  deletable: boolean;
  permissions: string[];
};

describe('roles API', () => {
  let app: TestApp;
  let admin: Caller;
  let manager: Caller;
  let roles: Role[];

  beforeAll(async () => {
    app = await startTestApp();
    await givenBuiltInRoles(app.deps.db);
    admin = await givenAgent(app.deps.db, { roleNames: ['Administrator'] });
    manager = await givenAgent(app.deps.db, {
      permissions: ['agents.read', 'agents.write', 'customers.read'],
    });
    roles = (await call(app, admin, 'GET', '/api/roles')).json().items;
  });
  afterAll(() => app?.close());

  const builtIn = (name: string) => roles.find((role) => role.name === name)!;
  const lastAudit = async (id: string) =>
    (await createAuditRepository(app.deps.db).list({ targetId: id })).items[0];

  it('lists the built-in roles; only the Administrator role is frozen', () => {
    expect(builtIn('Administrator')).toMatchObject({ builtIn: true, editable: false, deletable: false });
    expect(builtIn('Agent')).toMatchObject({ builtIn: true, editable: true, deletable: false });
    expect(builtIn('Portal approver').permissions).toContain('portal.requests.approve');
  });

  it('creates a role, audits it, and names a permission that does not fit the kind', async () => {
    const res = await call(app, admin, 'POST', '/api/roles', {
      kind: 'agent',
      name: 'Service desk lead',
      permissions: ['customers.read', 'customers.write', 'logs.view'],
    });
    expect(res.statusCode).toBe(201);
    const role = res.json();
    expect(role).toMatchObject({ builtIn: false, editable: true, deletable: true, accountCount: 0 });
    expect(await lastAudit(role.id)).toMatchObject({
      action: 'role.create',
      details: {
        after: { name: 'Service desk lead', permissions: ['customers.read', 'customers.write', 'logs.view'] },
      },
    });

    const mixed = await call(app, admin, 'POST', '/api/roles', {
      kind: 'agent',
      name: 'Mixed',
      permissions: ['customers.read', 'portal.requests.create'],
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors).toEqual([
      { field: 'permissions.1', message: expect.stringContaining('portal') },
    ]);
    const unknown = await call(app, admin, 'POST', '/api/roles', {
      kind: 'portal',
      name: 'X',
      permissions: ['fly'],
    });
    expect(unknown.json().errors[0].field).toBe('permissions.0');
    const taken = await call(app, admin, 'POST', '/api/roles', {
      kind: 'portal',
      name: 'agent',
      permissions: [],
    });
    expect(taken.json()).toMatchObject({ code: 'conflict', errors: [{ field: 'name' }] });
  });

  it('refuses role changes without agents.write, and grants beyond what a non-administrator holds', async () => {
    const reader = await givenAgent(app.deps.db, { permissions: ['agents.read'] });
    expect(
      (await call(app, reader, 'POST', '/api/roles', { kind: 'portal', name: 'R', permissions: [] }))
        .statusCode,
    ).toBe(403);
    const escalate = await call(app, manager, 'POST', '/api/roles', {
      kind: 'agent',
      name: 'Sneaky admin',
      permissions: ['administrator'],
    });
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json().message).toContain('administrator');
    const within = await call(app, manager, 'POST', '/api/roles', {
      kind: 'agent',
      name: 'Readers',
      permissions: ['customers.read'],
    });
    expect(within.statusCode).toBe(201);
    const portal = await call(app, manager, 'POST', '/api/roles', {
      kind: 'portal',
      name: 'Portal viewers',
      permissions: ['portal.requests.read'],
    });
    expect(portal.statusCode).toBe(201);
    const widen = await call(app, manager, 'PATCH', `/api/roles/${builtIn('Approver').id}`, {
      permissions: ['requests.approve'],
    });
    expect(widen.statusCode).toBe(403);
  });

  it('edits built-in roles other than Administrator, keeping their names, and audits the change', async () => {
    const frozen = await call(app, admin, 'PATCH', `/api/roles/${builtIn('Administrator').id}`, {
      description: 'x',
    });
    expect(frozen.statusCode).toBe(409);
    const agentRole = builtIn('Agent');
    const rename = await call(app, admin, 'PATCH', `/api/roles/${agentRole.id}`, { name: 'Technician' });
    expect(rename.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'name' }] });
    const portalInAgent = await call(app, admin, 'PATCH', `/api/roles/${agentRole.id}`, {
      permissions: ['portal.requests.read'],
    });
    expect(portalInAgent.json().errors[0].field).toBe('permissions.0');

    const res = await call(app, admin, 'PATCH', `/api/roles/${agentRole.id}`, {
      permissions: ['customers.read', 'customers.write', 'agents.read'],
    });
    expect(res.statusCode).toBe(200);
    expect(await lastAudit(agentRole.id)).toMatchObject({
      action: 'role.update',
      details: {
        before: { permissions: ['customers.read', 'agents.read'] },
        after: { permissions: ['customers.read', 'customers.write', 'agents.read'] },
      },
    });
  });

  it('deletes roles that are not built in; the holders lose the permissions at once', async () => {
    const created = (
      await call(app, admin, 'POST', '/api/roles', {
        kind: 'agent',
        name: 'Log watchers',
        permissions: ['logs.view'],
      })
    ).json();
    const watcher = await givenAgent(app.deps.db, { roleNames: ['Log watchers'] });
    expect((await call(app, watcher, 'GET', '/api/audit')).statusCode).toBe(200);

    expect((await call(app, admin, 'DELETE', `/api/roles/${builtIn('Approver').id}`)).statusCode).toBe(409);
    const res = await call(app, admin, 'DELETE', `/api/roles/${created.id}`);
    expect(res.statusCode).toBe(204);
    expect(await lastAudit(created.id)).toMatchObject({
      action: 'role.delete',
      details: { before: { name: 'Log watchers', accountCount: 1 } },
    });
    expect((await call(app, watcher, 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await call(app, admin, 'GET', `/api/roles/${created.id}`)).statusCode).toBe(404);
  });
});
