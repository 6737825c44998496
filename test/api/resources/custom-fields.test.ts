import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, type Caller } from '../access/fixtures.js';

describe('custom fields API', () => {
  let app: TestApp;
  let configurer: Caller;

  beforeAll(async () => {
    app = await startTestApp();
    configurer = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
  });
  afterAll(() => app?.close());

  it('creates a user custom field, lists it in the lookups, and audits it', async () => {
    const res = await call(app, configurer, 'POST', '/api/custom-fields', {
      name: 'cost_centre-2',
      label: ' Cost centre ',
    });
    expect(res.statusCode, res.body).toBe(201);
    const field = res.json();
    expect(field).toEqual({
      id: expect.any(String),
      name: 'cost_centre-2',
      label: 'Cost centre',
      createdAt: expect.any(String),
    });
    const lookups = (await call(app, configurer, 'GET', '/api/lookups/entra-import')).json();
    expect(lookups.customFields).toContainEqual({
      id: field.id,
      name: 'cost_centre-2',
      label: 'Cost centre',
    });
    const events = (await createAuditRepository(app.deps.db).list({ targetId: field.id })).items;
    expect(events).toMatchObject([
      {
        action: 'custom-field.create',
        targetType: 'custom-field',
        details: { after: { name: 'cost_centre-2', label: 'Cost centre' } },
      },
    ]);
  });

  it('names the field of an invalid or taken name', async () => {
    const spaced = await call(app, configurer, 'POST', '/api/custom-fields', {
      name: 'cost centre',
      label: 'Cost centre',
    });
    expect(spaced.statusCode).toBe(400);
    expect(spaced.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'name' }] });
    const unlabelled = await call(app, configurer, 'POST', '/api/custom-fields', {
      name: 'badge',
      label: '',
    });
    expect(unlabelled.json().errors).toEqual([{ field: 'label', message: 'label must not be empty' }]);

    await call(app, configurer, 'POST', '/api/custom-fields', { name: 'Badge', label: 'Badge' });
    const taken = await call(app, configurer, 'POST', '/api/custom-fields', {
      name: 'BADGE',
      label: 'Again',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([{ field: 'name', message: expect.any(String) }]);
  });

  it('is for integrations.entra.configure (customers.write alone is not enough)', async () => {
    const writer = await givenAgent(app.deps.db, { permissions: ['customers.write'] });
    const res = await call(app, writer, 'POST', '/api/custom-fields', { name: 'desk', label: 'Desk' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('integrations.entra.configure');
    expect((await call(app, null, 'POST', '/api/custom-fields', { name: 'x', label: 'X' })).statusCode).toBe(
      401,
    );
  });
});
