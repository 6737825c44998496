import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncRunRepository } from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import {
  expireGdap,
  givenCspConnection,
  listTenants,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

let world: CspWorld;
beforeAll(async () => {
  world = await startCspWorld();
}, 60_000);
afterAll(async () => {
  await world?.close();
});

const byName = <T extends { name: string }>(items: T[], name: string): T =>
  items.find((t) => t.name === name)!;

describe('CSP tenants sync', () => {
  it('GDAP and DAP: lists the Partner Center customers with their relationships, roles and expiry warnings', async () => {
    const connection = await givenCspConnection(world);
    world.emu.counters.reset();
    const result = await syncTenants(world, connection.id);
    expect(result).toMatchObject({ status: 'succeeded', counts: { added: 5, removed: 0 } });
    expect(world.emu.counters.total({ route: 'GET /v1/customers' })).toBeGreaterThan(0);

    const { items, total } = await listTenants(world, connection.id);
    expect(total).toBe(5);
    const nordlys = byName(items, 'Nordlys Shipping AS');
    expect(nordlys).toMatchObject({
      resellerRelationship: true,
      gdap: { state: 'active' },
      consent: { state: 'unknown' },
    });
    expect(nordlys.defaultDomain).toMatch(/onmicrosoft\.com$/);
    expect(nordlys.gdap.roles).toContain('User Administrator');
    // Lumière's relationship ends within 28 days and does not auto-extend: warned.
    expect(byName(items, 'Lumière Architectes SARL').gdap).toMatchObject({ state: 'expiring' });
    expect(byName(items, 'Lumière Architectes SARL').gdap.daysLeft).toBeLessThanOrEqual(30);
    // Tailspin keeps an old expired relationship beside its current one.
    expect(
      byName(items, 'Tailspin Logistics Ltd')
        .relationships.map((r) => r.status)
        .sort(),
    ).toEqual(['active', 'expired']);

    const run = await createSyncRunRepository(world.app.deps.db).findById(result.runId);
    expect(run).toMatchObject({ module: 'csp.tenants', status: 'succeeded', trigger: 'manual' });

    const again = await syncTenants(world, connection.id);
    expect(again.counts).toMatchObject({ added: 0, unchanged: 5, removed: 0 });
    expect((await listTenants(world, connection.id, '?search=nordlys')).items.map((t) => t.name)).toEqual([
      'Nordlys Shipping AS',
    ]);
    const first = await listTenants(world, connection.id, '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await listTenants(world, connection.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0]!.name).not.toBe(first.items[0]!.name);
  });

  it('GDAP only: tenants with a GDAP relationship, no reseller relationship needed, Partner Center not called', async () => {
    const connection = await givenCspConnection(world, { tenants: { relationshipType: 'gdapOnly' } });
    const partner = world.emu.estate.tenant(world.partnerTenantId)!;
    const bakery = world.customerIds['Bäckerei Fabrikam GmbH']!;
    const pcRecord = partner.partnerCenter!.customers.get(bakery)!;
    partner.partnerCenter!.customers.delete(bakery);
    try {
      world.emu.counters.reset();
      const result = await syncTenants(world, connection.id);
      expect(result.counts.added).toBe(5);
      expect(world.emu.counters.total({ route: 'GET /v1/customers' })).toBe(0);
      const bakeryRow = byName((await listTenants(world, connection.id)).items, 'Bäckerei Fabrikam GmbH');
      expect(bakeryRow).toMatchObject({ resellerRelationship: false, gdap: { state: 'active' } });

      const dap = await givenCspConnection(world);
      await syncTenants(world, dap.id);
      expect((await listTenants(world, dap.id)).items.map((t) => t.name)).not.toContain(
        'Bäckerei Fabrikam GmbH',
      );
    } finally {
      partner.partnerCenter!.customers.set(bakery, pcRecord);
    }
  });

  it('customers added and removed between runs: new ones appear, gone ones are marked removed (kept), and come back', async () => {
    const connection = await givenCspConnection(world);
    await syncTenants(world, connection.id);
    const added = await world.emu.inject({
      method: 'POST',
      url: '/_emulator/customers',
      body: { displayName: 'Wingtip Toys', users: 3 },
    });
    expect(added.status).toBe(201);
    const partner = world.emu.estate.tenant(world.partnerTenantId)!;
    const dental = world.customerIds['Contoso Dental Group']!;
    const record = partner.partnerCenter!.customers.get(dental)!;
    partner.partnerCenter!.customers.delete(dental);

    const second = await syncTenants(world, connection.id);
    expect(second.counts).toMatchObject({ added: 1, removed: 1 });
    const listed = await listTenants(world, connection.id);
    expect(listed.items.map((t) => t.name)).toContain('Wingtip Toys');
    expect(listed.items.map((t) => t.name)).not.toContain('Contoso Dental Group');
    const withRemoved = await listTenants(world, connection.id, '?includeRemoved=true');
    expect(byName(withRemoved.items, 'Contoso Dental Group').removedAt).not.toBeNull();

    partner.partnerCenter!.customers.set(dental, record);
    const third = await syncTenants(world, connection.id);
    expect(third.counts).toMatchObject({ returned: 1, removed: 0 });
    expect(
      byName((await listTenants(world, connection.id)).items, 'Contoso Dental Group').removedAt,
    ).toBeNull();
  });

  it('a Partner Center failure fails the run and removes nothing', async () => {
    const connection = await givenCspConnection(world);
    await syncTenants(world, connection.id);
    world.emu.faults.add({
      service: 'partnercenter',
      route: 'GET /v1/customers',
      action: { type: 'status', status: 403 },
      times: 10,
    });
    try {
      const failed = await syncTenants(world, connection.id);
      expect(failed.status).toBe('failed');
    } finally {
      world.emu.faults.clear();
    }
    expect((await listTenants(world, connection.id)).items.every((t) => t.removedAt === null)).toBe(true);
  });

  it('an expired GDAP relationship shows as expired', async () => {
    const connection = await givenCspConnection(world);
    const created = await world.emu.inject({
      method: 'POST',
      url: '/_emulator/customers',
      body: { displayName: 'Expired Estates', users: 2 },
    });
    expireGdap(world, (created.body as { id: string }).id);
    await syncTenants(world, connection.id);
    expect(byName((await listTenants(world, connection.id)).items, 'Expired Estates').gdap).toMatchObject({
      state: 'expired',
      roles: [],
    });
  });
});

describe('CSP tenants permissions', () => {
  it('refuses every tenants endpoint to an agent without integrations.csp.configure (403)', async () => {
    const connection = await givenCspConnection(world);
    const tenant = world.customerIds['Nordlys Shipping AS']!;
    const base = `/api/csp/connections/${connection.id}`;
    const requests: [Parameters<typeof call>[2], string, unknown?][] = [
      ['GET', `${base}/tenants`],
      ['POST', `${base}/tenants/sync`],
      ['GET', `${base}/tenant-settings`],
      ['PUT', `${base}/tenant-settings`, {}],
      ['PUT', `${base}/tenants/${tenant}/mapping`, { target: { kind: 'doNotImport' } }],
      ['DELETE', `${base}/tenants/${tenant}/mapping`],
      ['POST', `${base}/tenants/${tenant}/consent`],
      ['POST', `${base}/tenants/${tenant}/test`],
      ['GET', '/api/csp/tenants/consent-callback?state=x'],
    ];
    for (const [method, url, body] of requests) {
      const res = await call(world.app, world.outsider, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });
});
