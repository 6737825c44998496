import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionImport } from '../../../src/api/integrations/entra/run-import.js';
import { entraImportConfigSchema } from '../../../src/contracts/entra/index.js';
import {
  createCheckpointRepository,
  createConnectionRepository,
  createEntraConfigRepository,
  schema,
  type ConnectionSummary,
} from '../../../src/store/index.js';
import { deltaResource, type TenantRunResult } from '../../../src/sync/entra/index.js';
import {
  givenCspConnection,
  generateMappings,
  givenTenantsMapped,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

/**
 * Issue 6 "deltas for users/groups per tenant": a CSP connection using delta queries keeps one
 * checkpoint per customer tenant. Scheduled runs read each tenant's changes only; a tenant that
 * fails keeps its checkpoint where it was and never holds the others back.
 */
let world: CspWorld;
let connection: ConnectionSummary;
let tenants: string[];

const run = async (): Promise<Map<string, TenantRunResult>> => {
  const results = await runConnectionImport(world.app.deps, connection, {
    module: 'users',
    trigger: 'scheduled',
    read: 'auto',
    dryRun: false,
  });
  return new Map(results.map((r) => [r.tenantId, r]));
};

const checkpoint = (tenantId: string) =>
  createCheckpointRepository(world.app.deps.db).get({
    connectionId: connection.id,
    tenantId,
    resource: deltaResource('users'),
  });

const deskUser = async (tenantId: string, objectId: string) => {
  const [row] = await world.app.deps.db
    .select()
    .from(schema.deskUsers)
    .where(and(eq(schema.deskUsers.tenantId, tenantId), eq(schema.deskUsers.entraObjectId, objectId)));
  return row;
};

const tenant = (tenantId: string) => world.emu.estate.tenant(tenantId)!;

/** Enabled members of a tenant, in a stable order. */
const members = (tenantId: string) =>
  [...tenant(tenantId).users.values()]
    .filter((u) => u.props.accountEnabled !== false && u.props.userType !== 'Guest')
    .map((u) => u.props.id as string)
    .sort();

beforeAll(async () => {
  world = await startCspWorld();
  const created = await givenCspConnection(world);
  await syncTenants(world, created.id);
  // Two customer tenants that consented to the GDAP app (Contoso Dental Group never did).
  tenants = ['Bäckerei Fabrikam GmbH', 'Nordlys Shipping AS'].map((name) => world.customerIds[name]!);
  await givenTenantsMapped(world, created.id, tenants);
  await generateMappings(world, created.id);
  // Delta queries on, as the Advanced tab saves it.
  const configs = createEntraConfigRepository(world.app.deps.db);
  const stored = (await configs.get(created.id))!;
  const config = entraImportConfigSchema.parse(stored.config);
  await configs.save(
    created.id,
    { ...config, delta: { enabled: true, method: 'allChanges' } },
    { expectedVersion: stored.version, updatedBy: null },
  );
  connection = (await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).findById(
    created.id,
  ))!;
}, 120_000);
afterAll(async () => {
  world?.emu.faults.clear();
  await world?.close();
});

describe('CSP users import with delta queries', () => {
  it('reads every tenant in full the first time and keeps a checkpoint per tenant', async () => {
    const results = await run();
    for (const tenantId of tenants) {
      const result = results.get(tenantId)!;
      expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
      expect(result.plan!.read.mode).toBe('full');
      expect((await checkpoint(tenantId)).cursor).not.toBeNull();
    }
    const [a, b] = tenants as [string, string];
    expect((await checkpoint(a)).cursor).not.toEqual((await checkpoint(b)).cursor);
  });

  it('then reads only what changed in each tenant, with a few requests per tenant', async () => {
    const [changed, quiet] = tenants as [string, string];
    const [renamed, deleted] = members(changed) as [string, string];
    world.emu.estate.updateUser(tenant(changed), renamed, { department: 'Delta Department' });
    world.emu.estate.softDeleteUser(tenant(changed), deleted);
    world.emu.counters.reset();

    const results = await run();

    const busy = results.get(changed)!;
    expect(busy.status, JSON.stringify(busy.error)).toBe('succeeded');
    expect(busy.plan!.read.mode).toBe('delta');
    expect(busy.plan!.summary).toMatchObject({ updated: 1, deactivated: 1, created: 0 });
    expect((await deskUser(changed, renamed))!.department).toBe('Delta Department');
    expect((await deskUser(changed, deleted))!.inactive).toBe(true);

    const still = results.get(quiet)!;
    expect(still.plan!.read.mode).toBe('delta');
    expect(still.plan!.summary).toMatchObject({ updated: 0, deactivated: 0, created: 0 });
    // A delta round asks each tenant for its users' changes (and group changes), not its directory.
    for (const tenantId of tenants) {
      const graph = world.emu.counters.total({ service: 'graph', tenantId });
      expect(graph, tenantId).toBeLessThan(5);
    }
  });

  it('a tenant whose Graph access is refused fails alone, explained, and keeps its checkpoint; the other moves on', async () => {
    const [healthy, refused] = tenants as [string, string];
    const before = await checkpoint(refused);
    // What Graph answers once the tenant's admin has taken the GDAP app's permissions away.
    world.emu.faults.add({
      service: 'graph',
      tenantId: refused,
      action: { type: 'status', status: 403, code: 'Authorization_RequestDenied' },
    });
    const [someone] = members(healthy) as [string];
    world.emu.estate.updateUser(tenant(healthy), someone, { department: 'After expiry' });

    const results = await run();

    expect(results.get(healthy)!.status).toBe('succeeded');
    expect(results.get(healthy)!.plan!.read.mode).toBe('delta');
    expect((await deskUser(healthy, someone))!.department).toBe('After expiry');
    const failed = results.get(refused)!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('Authorization_RequestDenied');
    expect(failed.error?.message).toMatch(/permission|consent/i);
    expect((await checkpoint(refused)).cursor).toEqual(before.cursor);
  });
});
