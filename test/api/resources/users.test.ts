import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository, createUserRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenCustomer, type Caller } from '../access/fixtures.js';

type Listed = { id: string; displayName: string; customerName: string; siteName: string };

describe('users API', () => {
  let app: TestApp;
  let reader: Caller;
  let writer: Caller;
  let northwind: Awaited<ReturnType<typeof givenCustomer>>;

  beforeAll(async () => {
    app = await startTestApp();
    reader = await givenAgent(app.deps.db, { permissions: ['customers.read'] });
    writer = await givenAgent(app.deps.db, { permissions: ['customers.read', 'customers.write'] });
    northwind = await givenCustomer(app.deps.db, 'Northwind', 5);
    await givenCustomer(app.deps.db, 'Adatum', 3);
    await createUserRepository(app.deps.db).upsertMany([
      {
        tenantId: northwind.tenantId,
        entraObjectId: '0b5c6d7e-1111-4222-8333-944455566677',
        customerId: northwind.customer.id,
        siteId: northwind.otherSite.id,
        displayName: 'Émile Zola',
        surname: 'Zola',
        email: 'emile.zola@northwind.example',
        userPrincipalName: 'ezola@northwind.example',
        inactive: true,
      },
    ]);
  });
  afterAll(() => app?.close());

  const list = async (query: string) => {
    const res = await call(app, reader, 'GET', `/api/users?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Listed[]; nextCursor: string | null; total: number | null };
  };

  it('filters by customer and pages in name order with each user exactly once; counts only when asked', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(
        `customerId=${northwind.customer.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.total).toBeNull();
      seen.push(...page.items.map((u) => u.displayName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      'Northwind User 000',
      'Northwind User 001',
      'Northwind User 002',
      'Northwind User 003',
      'Northwind User 004',
      'Émile Zola',
    ]);
    const counted = await list(`customerId=${northwind.customer.id}&count=true&limit=1`);
    expect(counted.total).toBe(6);
    expect(counted.items[0]).toMatchObject({ customerName: northwind.customer.name, siteName: 'Main' });
  });

  it('searches the start of names, surnames, emails and UPNs in any case, and filters by site and state', async () => {
    const byName = await list(`search=${encodeURIComponent('émile')}`);
    expect(byName.items.map((u) => u.displayName)).toEqual(['Émile Zola']);
    expect((await list('search=ZOLA')).items.map((u) => u.displayName)).toEqual(['Émile Zola']);
    expect((await list('search=EZOLA@')).items.map((u) => u.displayName)).toEqual(['Émile Zola']);
    expect((await list('search=mile')).items).toEqual([]);
    expect((await list(`siteId=${northwind.otherSite.id}`)).items.map((u) => u.displayName)).toEqual([
      'Émile Zola',
    ]);
    const active = await list(`customerId=${northwind.customer.id}&inactive=false&count=1`);
    expect(active.total).toBe(5);
    const desc = await list(`customerId=${northwind.customer.id}&sort=-displayName&limit=1`);
    expect(desc.items[0]!.displayName).toBe('Émile Zola');
  });

  it('edits basic fields, audits before/after, and keeps the site within the customer', async () => {
    const user = northwind.users[0]!;
    const res = await call(app, writer, 'PATCH', `/api/users/${user.id}`, {
      jobTitle: 'Buyer',
      siteId: northwind.otherSite.id,
      displayName: user.displayName,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      jobTitle: 'Buyer',
      siteId: northwind.otherSite.id,
      siteName: 'Branch office',
    });
    const [event] = (await createAuditRepository(app.deps.db).list({ targetId: user.id })).items;
    expect(event).toMatchObject({
      action: 'user.update',
      actorId: writer.accountId,
      customerId: northwind.customer.id,
      details: {
        before: { jobTitle: null, siteId: northwind.defaultSite.id },
        after: { jobTitle: 'Buyer', siteId: northwind.otherSite.id },
      },
    });
    expect(event!.details.before).not.toHaveProperty('displayName');

    const other = await givenCustomer(app.deps.db, 'Other');
    const crossed = await call(app, writer, 'PATCH', `/api/users/${user.id}`, {
      siteId: other.defaultSite.id,
    });
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json().errors).toEqual([{ field: 'siteId', message: expect.any(String) }]);
    const badEmail = await call(app, writer, 'PATCH', `/api/users/${user.id}`, { email: 'not an email' });
    expect(badEmail.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'email' }] });
  });

  it('shows one user, and refuses edits to readers and everything to agents without customers.read', async () => {
    const user = northwind.users[1]!;
    const got = await call(app, reader, 'GET', `/api/users/${user.id}`);
    expect(got.json()).toMatchObject({
      id: user.id,
      tenantId: northwind.tenantId,
      linked: true,
      customFields: {},
    });
    expect((await call(app, reader, 'PATCH', `/api/users/${user.id}`, { jobTitle: 'x' })).statusCode).toBe(
      403,
    );
    const outsider = await givenAgent(app.deps.db, { permissions: ['agents.read'] });
    expect((await call(app, outsider, 'GET', '/api/users')).statusCode).toBe(403);
    expect(
      (await call(app, reader, 'GET', '/api/users/6f1c0c4e-9a59-4f0e-8d7e-6a1f4f1d2b3c')).statusCode,
    ).toBe(404);
  });
});
