import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenCustomer, type Caller } from '../access/fixtures.js';

describe('sites API', () => {
  let app: TestApp;
  let reader: Caller;
  let writer: Caller;

  beforeAll(async () => {
    app = await startTestApp();
    reader = await givenAgent(app.deps.db, { permissions: ['customers.read'] });
    writer = await givenAgent(app.deps.db, { permissions: ['customers.write'] });
  });
  afterAll(() => app?.close());

  const auditOf = async (targetId: string) =>
    (await createAuditRepository(app.deps.db).list({ targetId })).items;

  it("lists a customer's sites by name, and only that customer's", async () => {
    const { customer } = await givenCustomer(app.deps.db, 'Fabrikam');
    await givenCustomer(app.deps.db, 'Other');
    const res = await call(app, reader, 'GET', `/api/customers/${customer.id}/sites`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      items: [
        { name: 'Branch office', isDefault: false, customerId: customer.id },
        { name: 'Main', isDefault: true, customerId: customer.id },
      ],
      nextCursor: null,
      total: 2,
    });
    const search = await call(app, reader, 'GET', `/api/customers/${customer.id}/sites?search=MA`);
    expect(search.json().items.map((s: { name: string }) => s.name)).toEqual(['Main']);
    const unknown = await call(
      app,
      reader,
      'GET',
      '/api/customers/6f1c0c4e-9a59-4f0e-8d7e-6a1f4f1d2b3c/sites',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('reads one site by id with its customer name, for customers.read only', async () => {
    const { customer, otherSite } = await givenCustomer(app.deps.db, 'Northwind');
    const res = await call(app, reader, 'GET', `/api/sites/${otherSite.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: otherSite.id,
      customerId: customer.id,
      customerName: customer.name,
      name: 'Branch office',
      isDefault: false,
    });
    expect(
      (await call(app, reader, 'GET', '/api/sites/6f1c0c4e-9a59-4f0e-8d7e-6a1f4f1d2b3c')).statusCode,
    ).toBe(404);
    const malformed = await call(app, reader, 'GET', '/api/sites/not-an-id');
    expect(malformed.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'id' }] });
    const configurer = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
    const refused = await call(app, configurer, 'GET', `/api/sites/${otherSite.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('customers.read');
  });

  it('adds a site, refuses a duplicate name naming the field, and audits the creation', async () => {
    const { customer } = await givenCustomer(app.deps.db, 'Litware');
    const res = await call(app, writer, 'POST', `/api/customers/${customer.id}/sites`, { name: 'Leeds' });
    expect(res.statusCode).toBe(201);
    const site = res.json();
    expect(site).toMatchObject({ name: 'Leeds', isDefault: false, inactive: false });
    expect(await auditOf(site.id)).toMatchObject([
      { action: 'site.create', customerId: customer.id, details: { after: { name: 'Leeds' } } },
    ]);

    const duplicate = await call(app, writer, 'POST', `/api/customers/${customer.id}/sites`, {
      name: 'LEEDS',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    const empty = await call(app, writer, 'POST', `/api/customers/${customer.id}/sites`, { name: '' });
    expect(empty.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'name' }] });
    const refused = await call(app, reader, 'POST', `/api/customers/${customer.id}/sites`, { name: 'York' });
    expect(refused.statusCode).toBe(403);
  });

  it('moves the default to another site, and never lets the default go inactive', async () => {
    const { customer, defaultSite, otherSite } = await givenCustomer(app.deps.db, 'Tailspin');
    const base = `/api/customers/${customer.id}/sites`;

    const inactiveDefault = await call(app, writer, 'PATCH', `${base}/${defaultSite.id}`, { inactive: true });
    expect(inactiveDefault.statusCode).toBe(400);
    expect(inactiveDefault.json().errors[0].field).toBe('inactive');

    const moved = await call(app, writer, 'PATCH', `${base}/${otherSite.id}`, { isDefault: true });
    expect(moved.statusCode).toBe(200);
    const list = (await call(app, reader, 'GET', base)).json();
    expect(
      list.items.filter((s: { isDefault: boolean }) => s.isDefault).map((s: { id: string }) => s.id),
    ).toEqual([otherSite.id]);
    expect(await auditOf(otherSite.id)).toMatchObject([
      { action: 'site.update', details: { before: { isDefault: false }, after: { isDefault: true } } },
    ]);

    const falseDefault = await call(app, writer, 'PATCH', `${base}/${otherSite.id}`, { isDefault: false });
    expect(falseDefault.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'isDefault' }],
    });
    const wrongCustomer = await givenCustomer(app.deps.db, 'Elsewhere');
    const crossed = await call(
      app,
      writer,
      'PATCH',
      `/api/customers/${wrongCustomer.customer.id}/sites/${otherSite.id}`,
      {
        name: 'Hijacked',
      },
    );
    expect(crossed.statusCode).toBe(404);
  });
});
