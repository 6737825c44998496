import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LicenceSku } from '../../../src/contracts/api/licence-skus.js';
import { call, givenAgent } from '../access/fixtures.js';
import {
  givenDeskCustomer,
  mapTenant,
  runLicencesNow,
  startLicenceWorld,
  type LicenceWorld,
} from './licences-fixtures.js';

/**
 * The SKU picker's source (GET /api/connections/:id/licence-skus): the licences imported for a
 * connection's tenants, each once, and only for whoever may read the connection.
 */

let world: LicenceWorld;
let t1: string;
let t2: string;

beforeAll(async () => {
  world = await startLicenceWorld({ tenants: 2, jobs: true });
  [t1, t2] = world.customerTenantIds as [string, string];
  const db = world.app.deps.db;
  const customer = await givenDeskCustomer(db, 'Skus');
  await mapTenant(db, world.connection.id, t1, customer);
  await mapTenant(db, world.connection.id, t2, customer);
}, 60_000);
afterAll(() => world?.close());

const path = () => `/api/connections/${world.connection.id}/licence-skus`;

describe('licence SKUs of a connection', () => {
  it('is empty before the licences module ran, then lists each imported SKU once with its names', async () => {
    const before = await call(world.app, world.admin, 'GET', path());
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().items).toEqual([]);

    await runLicencesNow(world);
    const res = await call(world.app, world.admin, 'GET', path());
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as LicenceSku[];
    const held = new Set(
      [t1, t2].flatMap((t) =>
        [...world.emu.estate.tenant(t)!.skus.values()].map((s) => s.skuId.toLowerCase()),
      ),
    );
    expect(new Set(items.map((i) => i.skuId))).toEqual(held);
    for (const item of items) {
      expect(item.skuPartNumber).not.toBe('');
      expect(item.friendlyName).not.toBe('');
      expect(item.tenants).toBeGreaterThanOrEqual(1);
    }
    const names = items.map((i) => i.friendlyName.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('is refused to agents who may not read the connection, and to anyone signed out', async () => {
    const entraOnly = await givenAgent(world.app.deps.db, { permissions: ['integrations.entra.configure'] });
    const refused = await call(world.app, entraOnly, 'GET', path());
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('not_found');
    expect((await call(world.app, null, 'GET', path())).statusCode).toBe(401);
  });
});
