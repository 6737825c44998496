import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import {
  call,
  givenAgent,
  givenBuiltInRoles,
  givenCustomer,
  givenPortalUser,
  type Caller,
} from '../access/fixtures.js';

type Role = { id: string; name: string };

describe('accounts API', () => {
  let app: TestApp;
  let admin: Caller;
  let manager: Caller;
  let roleId: (name: string) => string;

  beforeAll(async () => {
    app = await startTestApp();
    await givenBuiltInRoles(app.deps.db);
    admin = await givenAgent(app.deps.db, { roleNames: ['Administrator'], name: 'Ada Admin' });
    manager = await givenAgent(app.deps.db, {
      permissions: ['agents.read', 'agents.write', 'customers.read'],
    });
    const roles: Role[] = (await call(app, admin, 'GET', '/api/roles')).json().items;
    roleId = (name) => roles.find((role) => role.name === name)!.id;
  });
  afterAll(() => app?.close());

  const lastAudit = async (id: string) =>
    (await createAuditRepository(app.deps.db).list({ targetId: id })).items[0];

  it("lists accounts with their roles and permissions, and a portal user's customer", async () => {
    const acme = await givenCustomer(app.deps.db, 'Acme');
    const portal = await givenPortalUser(app.deps.db, acme, ['Portal approver']);
    const res = await call(app, manager, 'GET', '/api/accounts?kind=portal');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      items: [
        {
          id: portal.accountId,
          customerId: acme.customer.id,
          roles: [{ name: 'Portal approver', kind: 'portal' }],
          permissions: ['portal.requests.create', 'portal.requests.read', 'portal.requests.approve'],
        },
      ],
      total: 1,
    });
    expect(res.body).not.toContain('passwordHash');
    const search = await call(
      app,
      manager,
      'GET',
      `/api/accounts?search=${admin.email.slice(0, 12).toUpperCase()}`,
    );
    expect(search.json().items.map((a: { id: string }) => a.id)).toEqual([admin.accountId]);
  });

  it("replaces an account's roles, checks each role, and audits the change", async () => {
    const agent = await givenAgent(app.deps.db, { roleNames: ['Agent'] });
    const res = await call(app, admin, 'PUT', `/api/accounts/${agent.accountId}/roles`, {
      roleIds: [roleId('Approver')],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roles: [{ name: 'Approver' }] });
    expect(await lastAudit(agent.accountId)).toMatchObject({
      action: 'account.roles.set',
      details: { before: { roles: ['Agent'] }, after: { roles: ['Approver'] } },
    });
    // The new permissions apply to the agent's very next request.
    expect((await call(app, agent, 'GET', '/api/agents')).statusCode).toBe(403);

    const wrongKind = await call(app, admin, 'PUT', `/api/accounts/${agent.accountId}/roles`, {
      roleIds: [roleId('Agent'), roleId('Portal requester')],
    });
    expect(wrongKind.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'roleIds.1' }] });
    const missing = await call(app, admin, 'PUT', `/api/accounts/${agent.accountId}/roles`, {
      roleIds: ['6f1c0c4e-9a59-4f0e-8d7e-6a1f4f1d2b3c'],
    });
    expect(missing.json().errors[0]).toMatchObject({ field: 'roleIds.0', message: 'no such role' });
  });

  it('lets no one but an administrator hand out the Administrator role', async () => {
    const agent = await givenAgent(app.deps.db, { roleNames: [] });
    const res = await call(app, manager, 'PUT', `/api/accounts/${manager.accountId}/roles`, {
      roleIds: [roleId('Administrator')],
    });
    expect(res.statusCode).toBe(403);
    const reader = await givenAgent(app.deps.db, { permissions: ['agents.read'] });
    expect(
      (await call(app, reader, 'PUT', `/api/accounts/${agent.accountId}/roles`, { roleIds: [] })).statusCode,
    ).toBe(403);
  });

  it('disables an account (ending its sessions) and enables it again; never oneself', async () => {
    const agent = await givenAgent(app.deps.db, { roleNames: ['Agent'] });
    const res = await call(app, admin, 'PATCH', `/api/accounts/${agent.accountId}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ disabled: true });
    expect((await call(app, agent, 'GET', '/api/agents')).statusCode).toBe(401);
    expect(await lastAudit(agent.accountId)).toMatchObject({
      action: 'account.disable',
      actorId: admin.accountId,
      details: { actorName: 'Ada Admin', before: { disabled: false }, after: { disabled: true } },
    });
    const enabled = await call(app, admin, 'PATCH', `/api/accounts/${agent.accountId}`, { disabled: false });
    expect(enabled.json()).toMatchObject({ disabled: false });

    const self = await call(app, admin, 'PATCH', `/api/accounts/${admin.accountId}`, { disabled: true });
    expect(self.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'disabled' }] });
    const disableAdmin = await call(app, manager, 'PATCH', `/api/accounts/${admin.accountId}`, {
      disabled: true,
    });
    expect(disableAdmin.statusCode).toBe(403);
  });

  it('never leaves the instance without an enabled administrator', async () => {
    const res = await call(app, admin, 'PUT', `/api/accounts/${admin.accountId}/roles`, {
      roleIds: [roleId('Agent')],
    });
    expect(res.statusCode).toBe(409);
    expect((await call(app, admin, 'GET', `/api/accounts/${admin.accountId}`)).json().roles).toMatchObject([
      { name: 'Administrator' },
    ]);
  });
});
