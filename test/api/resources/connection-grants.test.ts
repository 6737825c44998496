import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository, createConnectionRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import {
  call,
  givenAgent,
  givenBuiltInRoles,
  givenCustomer,
  givenPortalUser,
  type Caller,
} from '../access/fixtures.js';

describe('connection access grants API', () => {
  let app: TestApp;
  let admin: Caller;
  let connectionId: string;

  beforeAll(async () => {
    app = await startTestApp();
    await givenBuiltInRoles(app.deps.db);
    admin = await givenAgent(app.deps.db, { roleNames: ['Administrator'] });
    const connection = await createConnectionRepository(app.deps.db, app.deps.secrets).create({
      kind: 'entra',
      name: 'Contoso tenant',
      tenantId: randomUUID(),
      secrets: { clientSecret: 'super-secret-value' },
    });
    connectionId = connection.id;
  });
  afterAll(() => app?.close());

  it('grants agents read or modify access, which their sessions carry at once, and audits it', async () => {
    const reader = await givenAgent(app.deps.db, { roleNames: [], name: 'Rhea' });
    const editor = await givenAgent(app.deps.db, { roleNames: [], name: 'Ed' });
    const url = `/api/connections/${connectionId}/grants`;
    const res = await call(app, admin, 'PUT', url, {
      grants: [
        { accountId: reader.accountId, access: 'read' },
        { accountId: editor.accountId, access: 'modify' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      connectionId,
      grants: [
        {
          accountId: editor.accountId,
          displayName: 'Ed',
          email: editor.email,
          disabled: false,
          access: 'modify',
        },
        {
          accountId: reader.accountId,
          displayName: 'Rhea',
          email: reader.email,
          disabled: false,
          access: 'read',
        },
      ],
    });
    expect((await call(app, admin, 'GET', url)).json()).toEqual(res.json());

    const me = await call(app, editor, 'GET', '/api/auth/me');
    expect(me.json().connectionGrants).toEqual([{ connectionId, access: 'modify', kind: 'entra' }]);

    const [event] = (await createAuditRepository(app.deps.db).list({ targetId: connectionId })).items;
    expect(event).toMatchObject({
      action: 'connection.grants.set',
      details: {
        before: { grants: [] },
        after: {
          grants: [{ accountId: editor.accountId, access: 'modify' }, { accountId: reader.accountId }],
        },
      },
    });
    expect(JSON.stringify(event)).not.toContain('super-secret-value');

    const cleared = await call(app, admin, 'PUT', url, { grants: [] });
    expect(cleared.json().grants).toEqual([]);
  });

  it("tells each grant's connection kind in /me, so a CSP grant does not open the Entra screens", async () => {
    const agent = await givenAgent(app.deps.db, { roleNames: [] });
    const partner = await createConnectionRepository(app.deps.db, app.deps.secrets).create({
      kind: 'csp',
      name: `Partner ${randomUUID()}`,
      tenantId: randomUUID(),
    });
    await call(app, admin, 'PUT', `/api/connections/${partner.id}/grants`, {
      grants: [{ accountId: agent.accountId, access: 'read' }],
    });
    const me = await call(app, agent, 'GET', '/api/auth/me');
    expect(me.json().connectionGrants).toEqual([{ connectionId: partner.id, access: 'read', kind: 'csp' }]);
    const lookups = await call(app, agent, 'GET', '/api/lookups/entra-import');
    expect(lookups.statusCode).toBe(403);

    await call(app, admin, 'PUT', `/api/connections/${connectionId}/grants`, {
      grants: [{ accountId: agent.accountId, access: 'read' }],
    });
    const both = (await call(app, agent, 'GET', '/api/auth/me')).json().connectionGrants;
    expect(both).toEqual(
      expect.arrayContaining([
        { connectionId: partner.id, access: 'read', kind: 'csp' },
        { connectionId, access: 'read', kind: 'entra' },
      ]),
    );
    expect((await call(app, agent, 'GET', '/api/lookups/entra-import')).statusCode).toBe(200);
    await call(app, admin, 'PUT', `/api/connections/${connectionId}/grants`, { grants: [] });
  });

  it('names what is wrong with a grant: unknown accounts, portal accounts, repeats, bad levels', async () => {
    const url = `/api/connections/${connectionId}/grants`;
    const acme = await givenCustomer(app.deps.db, 'Acme');
    const portal = await givenPortalUser(app.deps.db, acme, ['Portal requester']);
    const res = await call(app, admin, 'PUT', url, {
      grants: [
        { accountId: randomUUID(), access: 'read' },
        { accountId: portal.accountId, access: 'read' },
      ],
    });
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'grants.0.accountId' }, { field: 'grants.1.accountId' }],
    });
    const level = await call(app, admin, 'PUT', url, {
      grants: [{ accountId: admin.accountId, access: 'write' }],
    });
    expect(level.json().errors[0].field).toBe('grants.0.access');
    const twice = await call(app, admin, 'PUT', url, {
      grants: [
        { accountId: admin.accountId, access: 'read' },
        { accountId: admin.accountId, access: 'modify' },
      ],
    });
    expect(twice.json().errors[0].field).toBe('grants');
    expect((await call(app, admin, 'GET', `/api/connections/${randomUUID()}/grants`)).statusCode).toBe(404);
  });

  it('is for agents.write only', async () => {
    const configurer = await givenAgent(app.deps.db, {
      permissions: ['integrations.entra.configure', 'agents.read'],
    });
    expect((await call(app, configurer, 'GET', `/api/connections/${connectionId}/grants`)).statusCode).toBe(
      403,
    );
    const manager = await givenAgent(app.deps.db, { permissions: ['agents.write'] });
    expect((await call(app, manager, 'GET', `/api/connections/${connectionId}/grants`)).statusCode).toBe(200);
  });
});
