import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LICENCE_IMPORT_TYPE_SETTING,
  runConnectionLicences,
} from '../../../src/api/integrations/licences/index.js';
import type { CspConnectionDetail, CspConnectionInput } from '../../../src/contracts/api/csp-connections.js';
import { createConnectionRepository } from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import {
  givenCspConnection,
  givenDeskCustomer,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

/**
 * Guide 002 "Licence Import Type" at connection level: subscribed SKUs (default), subscriptions
 * or both, saved with the connection form and followed by the licences module for every tenant
 * without its own setting.
 */
let world: CspWorld;
const bakery = () => world.customerIds['Bäckerei Fabrikam GmbH']!;

beforeAll(async () => {
  world = await startCspWorld();
}, 90_000);
afterAll(async () => {
  await world?.close();
});

function input(overrides: Partial<CspConnectionInput> = {}): CspConnectionInput {
  return {
    name: `Partner ${Math.random().toString(36).slice(2, 10)}`,
    tenantId: world.partnerTenantId,
    partnerCenterClientId: world.partnerApp.clientId,
    partnerCenterClientSecret: world.partnerApp.clientSecret,
    gdapClientId: world.gdapApp.clientId,
    gdapAuthMethod: 'clientSecret',
    gdapClientSecret: world.gdapApp.clientSecret,
    ...overrides,
  };
}

const create = (body: CspConnectionInput, caller = world.configurer) =>
  call(world.app, caller, 'POST', '/api/csp/connections', body);
const update = (id: string, body: CspConnectionInput, caller = world.configurer) =>
  call(world.app, caller, 'PUT', `/api/csp/connections/${id}`, body);

describe('licence import type of a CSP connection', () => {
  it('is subscribed SKUs unless chosen, and is saved and shown as chosen', async () => {
    const plain = await create(input());
    expect(plain.statusCode, plain.body).toBe(201);
    expect((plain.json() as CspConnectionDetail).licenceImportType).toBe('skus');

    const chosen = await create(input({ licenceImportType: 'subscriptions' }));
    expect(chosen.statusCode, chosen.body).toBe(201);
    const id = (chosen.json() as CspConnectionDetail).id;
    const read = await call(world.app, world.configurer, 'GET', `/api/csp/connections/${id}`);
    expect(read.json().licenceImportType).toBe('subscriptions');
    // Under the key the licences module reads.
    const stored = await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).findById(id);
    expect(stored!.settings[LICENCE_IMPORT_TYPE_SETTING]).toBe('subscriptions');
  });

  it('changes with an update and is kept when an update leaves it out', async () => {
    const created = (await create(input())).json() as CspConnectionDetail;
    const {
      partnerCenterClientSecret: _pc,
      gdapClientSecret: _gdap,
      ...fields
    } = input({ name: created.name });
    const both = await update(created.id, { ...fields, licenceImportType: 'both' });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json().licenceImportType).toBe('both');
    const kept = await update(created.id, fields);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().licenceImportType).toBe('both');
    // Changing what is imported is no reason to authorise again.
    expect(kept.json().partnerCenterApp.clientSecret.stored).toBe(true);
  });

  it('refuses a value it does not know, naming the field and the values', async () => {
    const res = await create(input({ licenceImportType: 'all' as never }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('licenceImportType');
    expect(res.body).toContain('skus, subscriptions, both');
  });

  it('refuses agents without integrations.csp.configure', async () => {
    expect((await create(input({ licenceImportType: 'both' }), world.outsider)).statusCode).toBe(403);
  });

  it('is what the licences module imports for a tenant without its own setting', async () => {
    const connection = await givenCspConnection(world);
    await syncTenants(world, connection.id);
    const customer = await givenDeskCustomer(world, 'bakery customer');
    const mapped = await call(
      world.app,
      world.configurer,
      'PUT',
      `/api/csp/connections/${connection.id}/tenants/${bakery()}/mapping`,
      { target: { kind: 'customer', customerId: customer.id } },
    );
    expect(mapped.statusCode, mapped.body).toBe(200);
    const saved = await update(connection.id, {
      name: connection.name,
      tenantId: world.partnerTenantId,
      partnerCenterClientId: world.partnerApp.clientId,
      gdapClientId: world.gdapApp.clientId,
      gdapAuthMethod: 'clientSecret',
      licenceImportType: 'subscriptions',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // The licences module (what a queued "Run licences now" job runs) reads the saved type.
    const stored = await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).findById(
      connection.id,
    );
    const results = await runConnectionLicences(world.app.deps, stored!, {
      tenantIds: [bakery()],
      trigger: 'manual',
    });
    expect(results.map((r) => [r.tenantId, r.importType])).toEqual([[bakery(), 'subscriptions']]);
  });
});
