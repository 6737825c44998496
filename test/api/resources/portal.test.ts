import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import {
  call,
  givenAgent,
  givenBuiltInRoles,
  givenCustomer,
  givenPortalUser,
  givenRole,
} from '../access/fixtures.js';

describe('portal customer and users', () => {
  let app: TestApp;
  let alpha: Awaited<ReturnType<typeof givenCustomer>>;
  let bravo: Awaited<ReturnType<typeof givenCustomer>>;

  beforeAll(async () => {
    app = await startTestApp();
    await givenBuiltInRoles(app.deps.db);
    alpha = await givenCustomer(app.deps.db, 'Alpha', 4);
    bravo = await givenCustomer(app.deps.db, 'Bravo', 4);
  });
  afterAll(() => app?.close());

  it("shows a portal user their own customer and its active users only, never another customer's", async () => {
    const requester = await givenPortalUser(app.deps.db, alpha, ['Portal requester']);
    await createUserRepository(app.deps.db).upsertMany([
      {
        tenantId: alpha.tenantId,
        entraObjectId: alpha.users[3]!.entraObjectId!,
        customerId: alpha.customer.id,
        siteId: alpha.defaultSite.id,
        displayName: alpha.users[3]!.displayName,
        inactive: true,
      },
    ]);

    const customer = await call(app, requester, 'GET', '/api/portal/customer');
    expect(customer.json()).toEqual({ id: alpha.customer.id, name: alpha.customer.name });

    const users = await call(app, requester, 'GET', '/api/portal/users?limit=200');
    expect(users.statusCode).toBe(200);
    const ids = users.json().items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining(alpha.users.slice(0, 3).map((u) => u.id)));
    expect(ids).not.toContain(alpha.users[3]!.id);
    for (const user of bravo.users) expect(users.body).not.toContain(user.id);
    expect(users.body).not.toContain(bravo.customer.id);
    expect(users.json().items[0]).not.toHaveProperty('customFields');

    const search = await call(app, requester, 'GET', '/api/portal/users?search=bravo');
    expect(search.json().items).toEqual([]);
  });

  it('ignores any customer a portal user names in the query', async () => {
    const approver = await givenPortalUser(app.deps.db, alpha, ['Portal approver']);
    const res = await call(app, approver, 'GET', `/api/portal/users?customerId=${bravo.customer.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(bravo.users[0]!.id);
  });

  it('needs portal.requests.create or .read to list colleagues, and refuses agents', async () => {
    const approveOnly = await givenRole(app.deps.db, 'portal', ['portal.requests.approve']);
    const narrow = await givenPortalUser(app.deps.db, alpha, [approveOnly]);
    const refused = await call(app, narrow, 'GET', '/api/portal/users');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('portal.requests.read');
    expect((await call(app, narrow, 'GET', '/api/portal/customer')).statusCode).toBe(200);

    const admin = await givenAgent(app.deps.db, { roleNames: ['Administrator'] });
    expect((await call(app, admin, 'GET', '/api/portal/users')).statusCode).toBe(403);
    expect((await call(app, null, 'GET', '/api/portal/customer')).statusCode).toBe(401);
  });

  it('refuses the console resources to portal users', async () => {
    const requester = await givenPortalUser(app.deps.db, alpha, ['Portal requester']);
    for (const url of ['/api/users', `/api/customers/${alpha.customer.id}`, '/api/agents', '/api/audit']) {
      expect((await call(app, requester, 'GET', url)).statusCode, url).toBe(403);
    }
  });
});
