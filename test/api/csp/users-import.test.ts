import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionImport } from '../../../src/api/integrations/entra/run-import.js';
import { createConnectionRepository, schema, type ConnectionSummary } from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import {
  givenCspConnection,
  givenDeskCustomer,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

/**
 * Guide 002 "Users": a CSP partner's mapped customer tenants are imported with the GDAP app's own
 * token in each tenant, through "Generate Mappings" (every user of a tenant to its customer's
 * main site), one tenant's failure never stopping the others.
 */
let world: CspWorld;
let connection: ConnectionSummary;
const customers: Record<string, { id: string }> = {};
const bakery = () => world.customerIds['Bäckerei Fabrikam GmbH']!;
const dental = () => world.customerIds['Contoso Dental Group']!;
const shipping = () => world.customerIds['Nordlys Shipping AS']!;

beforeAll(async () => {
  world = await startCspWorld();
  const created = await givenCspConnection(world);
  await syncTenants(world, created.id);
  for (const [key, tenantId] of [
    ['bakery', bakery()],
    ['dental', dental()],
  ] as const) {
    customers[key] = await givenDeskCustomer(world, `${key} customer`);
    const res = await call(
      world.app,
      world.configurer,
      'PUT',
      `/api/csp/connections/${created.id}/tenants/${tenantId}/mapping`,
      { target: { kind: 'customer', customerId: customers[key]!.id } },
    );
    expect(res.statusCode, res.body).toBe(200);
  }
  const doNotImport = await call(
    world.app,
    world.configurer,
    'PUT',
    `/api/csp/connections/${created.id}/tenants/${shipping()}/mapping`,
    { target: { kind: 'doNotImport' } },
  );
  expect(doNotImport.statusCode, doNotImport.body).toBe(200);
  connection = (await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).findById(
    created.id,
  ))!;
}, 90_000);
afterAll(async () => {
  await world?.close();
});

const generate = (expectedVersion: number, caller = world.configurer) =>
  call(world.app, caller, 'POST', `/api/csp/connections/${connection.id}/import-config/generate-mappings`, {
    expectedVersion,
  });

const linkedUsers = (tenantId: string) =>
  world.app.deps.db
    .select()
    .from(schema.deskUsers)
    .where(and(eq(schema.deskUsers.tenantId, tenantId), isNotNull(schema.deskUsers.entraObjectId)));

describe('CSP users import', () => {
  it('generates one mapping per mapped tenant (not for do-not-import), once', async () => {
    const first = await generate(0);
    expect(first.statusCode, first.body).toBe(200);
    const added = first.json().added as { tenantId: string; description: string }[];
    expect(added.map((a) => a.tenantId).sort()).toEqual([bakery(), dental()].sort());
    expect(added.find((a) => a.tenantId === bakery())!.description).toBe(
      'Generated: every user of Bäckerei Fabrikam GmbH to bakery customer/Main',
    );
    const again = await generate(first.json().version);
    expect(again.json()).toEqual({ version: first.json().version, added: [] });
    // A stale version is refused, naming the field.
    const stale = await generate(0);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('expectedVersion');
  });

  it('refuses agents without integrations.csp.configure', async () => {
    expect((await generate(0, world.outsider)).statusCode).toBe(403);
  });

  it('imports each mapped tenant with the GDAP app in that tenant; the tenant that never consented fails alone, explained', async () => {
    world.emu.counters.reset();
    const results = await runConnectionImport(world.app.deps, connection, {
      module: 'users',
      trigger: 'manual',
      dryRun: false,
    });
    const byTenant = new Map(results.map((r) => [r.tenantId, r]));
    expect([...byTenant.keys()].sort()).toEqual([bakery(), dental()].sort());

    expect(byTenant.get(bakery())!.status).toBe('succeeded');
    const imported = await linkedUsers(bakery());
    // Every enabled member of the tenant (disabled accounts and guests are left out by default).
    const members = [...world.emu.estate.tenant(bakery())!.users.values()].filter(
      (u) => u.props.accountEnabled !== false && u.props.userType !== 'Guest',
    );
    expect(imported.map((u) => u.entraObjectId).sort()).toEqual(members.map((u) => u.props.id).sort());
    const site = await world.app.deps.db
      .select()
      .from(schema.sites)
      .where(and(eq(schema.sites.customerId, customers.bakery!.id), eq(schema.sites.isDefault, true)));
    expect(new Set(imported.map((u) => u.siteId))).toEqual(new Set([site[0]!.id]));
    // Read in the customer's own tenant, never through the partner tenant.
    expect(world.emu.counters.total({ service: 'graph', tenantId: bakery() })).toBeGreaterThan(0);

    const failed = byTenant.get(dental())!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(/service principal|consent/i);
    expect(await linkedUsers(dental())).toEqual([]);
    // Do-not-import tenants are never read.
    expect(world.emu.counters.total({ service: 'graph', tenantId: shipping() })).toBe(0);
  });

  it('refuses a tenant that is not mapped for import, naming it', async () => {
    await expect(
      runConnectionImport(world.app.deps, connection, {
        module: 'users',
        trigger: 'manual',
        dryRun: false,
        tenantIds: [shipping()],
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining(shipping()) });
  });
});
