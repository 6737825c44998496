import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenCustomer, type Caller } from '../access/fixtures.js';

describe('customers API', () => {
  let app: TestApp;
  let reader: Caller;
  let writer: Caller;

  beforeAll(async () => {
    app = await startTestApp();
    reader = await givenAgent(app.deps.db, { permissions: ['customers.read'] });
    writer = await givenAgent(app.deps.db, {
      permissions: ['customers.read', 'customers.write'],
      name: 'Wendy Writer',
    });
  });
  afterAll(() => app?.close());

  const latestAudit = async (targetId: string) =>
    (await createAuditRepository(app.deps.db).list({ targetId })).items[0];

  it('creates a customer with its default site and records who did it', async () => {
    const res = await call(app, writer, 'POST', '/api/customers', { name: '  Northwind Traders  ' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: 'Northwind Traders',
      inactive: false,
      defaultSite: { name: 'Main' },
    });

    const event = await latestAudit(created.id);
    expect(event).toMatchObject({
      action: 'customer.create',
      actorType: 'agent',
      actorId: writer.accountId,
      targetType: 'customer',
      customerId: created.id,
      correlationId: res.headers['x-request-id'],
      details: { actorName: 'Wendy Writer', after: { name: 'Northwind Traders', defaultSite: 'Main' } },
    });

    const again = await call(app, writer, 'POST', '/api/customers', { name: 'NORTHWIND traders' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict', errors: [{ field: 'name' }] });
  });

  it('names the invalid field', async () => {
    const res = await call(app, writer, 'POST', '/api/customers', { name: '   ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'name' }] });
    const sort = await call(app, reader, 'GET', '/api/customers?sort=colour');
    expect(sort.statusCode).toBe(400);
    expect(sort.json().errors[0].field).toBe('sort');
  });

  it('refuses changes to an agent who may only read, and everything to anonymous callers', async () => {
    const res = await call(app, reader, 'POST', '/api/customers', { name: 'Sneaky Ltd' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('customers.write');
    expect((await call(app, null, 'GET', '/api/customers')).statusCode).toBe(401);
  });

  it('renames a customer and audits only what changed', async () => {
    const { customer } = await givenCustomer(app.deps.db, 'Contoso');
    const res = await call(app, writer, 'PATCH', `/api/customers/${customer.id}`, {
      name: 'Contoso Pharmaceuticals',
      inactive: false,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: customer.id, name: 'Contoso Pharmaceuticals' });
    const event = await latestAudit(customer.id);
    expect(event).toMatchObject({ action: 'customer.update' });
    expect(event!.details).toMatchObject({
      before: { name: customer.name },
      after: { name: 'Contoso Pharmaceuticals' },
    });
    expect(event!.details.before).not.toHaveProperty('inactive');

    const got = await call(app, reader, 'GET', `/api/customers/${customer.id}`);
    expect(got.json()).toMatchObject({ name: 'Contoso Pharmaceuticals', defaultSite: { name: 'Main' } });
    const missing = await call(app, reader, 'GET', '/api/customers/6f1c0c4e-9a59-4f0e-8d7e-6a1f4f1d2b3c');
    expect(missing.statusCode).toBe(404);
  });

  it('keeps a default usage location for licences, as a two-letter country code', async () => {
    const { customer } = await givenCustomer(app.deps.db, 'Fabrikam Travel');
    const set = await call(app, writer, 'PATCH', `/api/customers/${customer.id}`, {
      defaultUsageLocation: 'gb',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ defaultUsageLocation: 'GB' });
    const wrong = await call(app, writer, 'PATCH', `/api/customers/${customer.id}`, {
      defaultUsageLocation: 'Britain',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'defaultUsageLocation', message: expect.stringContaining('two-letter ISO 3166 country code') },
    ]);
    const cleared = await call(app, writer, 'PATCH', `/api/customers/${customer.id}`, {
      defaultUsageLocation: null,
    });
    expect(cleared.json()).toMatchObject({ defaultUsageLocation: null });
    expect((await latestAudit(customer.id))!.details).toMatchObject({
      before: { defaultUsageLocation: 'GB' },
      after: { defaultUsageLocation: null },
    });
  });

  it('lists by name with a prefix search, filters, and pages without repeating anyone', async () => {
    const prefix = `Zq${Date.now().toString(36)}`;
    for (const suffix of ['Delta', 'alpha', 'Charlie', 'bravo']) {
      await call(app, writer, 'POST', '/api/customers', { name: `${prefix} ${suffix}` });
    }
    const first = await call(app, reader, 'GET', `/api/customers?search=${prefix.toLowerCase()}&limit=3`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.total).toBe(4);
    expect(page1.items.map((c: { name: string }) => c.name.split(' ')[1])).toEqual([
      'alpha',
      'bravo',
      'Charlie',
    ]);
    const second = await call(
      app,
      reader,
      'GET',
      `/api/customers?search=${prefix}&limit=3&cursor=${page1.nextCursor}`,
    );
    expect(second.json()).toMatchObject({ items: [{ name: `${prefix} Delta` }], nextCursor: null });

    const desc = await call(app, reader, 'GET', `/api/customers?search=${prefix}&sort=-name&limit=1`);
    expect(desc.json().items[0].name).toBe(`${prefix} Delta`);
    const bad = await call(app, reader, 'GET', '/api/customers?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
  });
});
