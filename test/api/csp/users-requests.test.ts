import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImportConfig } from '../../../src/api/integrations/entra/import-ports.js';
import { runConnectionImport } from '../../../src/api/integrations/entra/run-import.js';
import { createConnectionRepository, createEntraConfigRepository } from '../../../src/store/index.js';
import {
  givenCspConnection,
  generateMappings,
  givenTenantsMapped,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

/**
 * A customer tenant's users run uses only the site mappings that can place its users: another
 * tenant's mapping (Generate Mappings gives each tenant one) names no group to look up here and
 * reaches no other customer's desk (docs/csp.md "Performance").
 */
let world: CspWorld;
let connectionId: string;
const bakery = () => world.customerIds['Bäckerei Fabrikam GmbH']!;
const shipping = () => world.customerIds['Nordlys Shipping AS']!;
const SHIPPING_GROUP = 'SG-Deck-Crew';

beforeAll(async () => {
  world = await startCspWorld();
  connectionId = (await givenCspConnection(world)).id;
  await syncTenants(world, connectionId);
  await givenTenantsMapped(world, connectionId, [bakery(), shipping()]);
  await generateMappings(world, connectionId);
  // The shipping tenant's mapping takes only members of a group of its own.
  const stored = await loadImportConfig(world.app.deps.db, connectionId);
  const siteMappings = stored.config.siteMappings.map((m) =>
    m.tenantIds.includes(shipping()) ? { ...m, groupName: SHIPPING_GROUP } : m,
  );
  expect(siteMappings.filter((m) => m.groupName === SHIPPING_GROUP)).toHaveLength(1);
  await createEntraConfigRepository(world.app.deps.db).save(
    connectionId,
    { ...stored.config, siteMappings },
    { expectedVersion: stored.version, updatedBy: null },
  );
}, 90_000);
afterAll(async () => {
  await world?.close();
});

describe("a customer tenant's users run", () => {
  it('looks up no group another tenant’s site mapping names, and warns of none', async () => {
    const connection = (await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).findById(
      connectionId,
    ))!;
    world.emu.counters.reset();
    const [result] = await runConnectionImport(
      { ...world.app.deps, config: world.app.deps.config },
      connection,
      { module: 'users', tenantIds: [bakery()], trigger: 'manual', dryRun: false },
    );
    expect(result?.status, JSON.stringify(result?.error)).toBe('succeeded');
    expect(result?.plan?.summary.created).toBeGreaterThan(0);
    expect(result?.plan?.warnings.join('\n') ?? '').not.toContain(SHIPPING_GROUP);
    const groupLookups = world.emu.counters
      .list({ service: 'graph' })
      .filter((r) => r.tenantId?.toLowerCase() === bakery() && r.route.startsWith('GET /groups'));
    expect(groupLookups).toEqual([]);
  });

  it("still places the other tenant's users by its group", async () => {
    const connection = (await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).findById(
      connectionId,
    ))!;
    world.emu.counters.reset();
    const [result] = await runConnectionImport(
      { ...world.app.deps, config: world.app.deps.config },
      connection,
      { module: 'users', tenantIds: [shipping()], trigger: 'manual', dryRun: false },
    );
    expect(result?.status, JSON.stringify(result?.error)).toBe('succeeded');
    const groupLookups = world.emu.counters
      .list({ service: 'graph' })
      .filter((r) => r.tenantId?.toLowerCase() === shipping() && r.route.startsWith('GET /groups'));
    expect(groupLookups.length).toBeGreaterThan(0);
  });
});
