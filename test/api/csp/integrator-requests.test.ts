import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../access/fixtures.js';
import { createIntegratorJobDeps } from '../../../src/api/integrations/integrator/integrator.js';
import {
  givenCspConnection,
  generateMappings,
  givenTenantsMapped,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

/**
 * What an integrator round of a CSP connection asks Microsoft for: tokens are held per account
 * and tenant for their lifetime, whichever module needs them (docs/csp.md "Performance").
 */
let world: CspWorld;
let connectionId: string;
const MAPPED = ['Bäckerei Fabrikam GmbH', 'Lumière Architectes SARL', 'Nordlys Shipping AS'];
const tenantIdOf = (name: string) => world.customerIds[name]!;

beforeAll(async () => {
  world = await startCspWorld();
  connectionId = (await givenCspConnection(world, { licenceImportType: 'both' })).id;
  await syncTenants(world, connectionId);
  const names = new Map(MAPPED.map((name) => [tenantIdOf(name), name]));
  await givenTenantsMapped(world, connectionId, [...names.keys()], (id) => `${names.get(id)} (desk)`);
  await generateMappings(world, connectionId);
}, 90_000);
afterAll(async () => {
  await world?.close();
});

/** One round as the integrator's jobs run it: tenants, then licences and users of every tenant at once. */
async function round() {
  const jobs = createIntegratorJobDeps({
    db: world.app.deps.db,
    config: world.app.deps.config,
    microsoft: world.app.deps.microsoft,
    secrets: async () => world.app.deps.secrets,
  });
  const signal = new AbortController().signal;
  const run = (tenantId: string, module: 'tenants' | 'licences' | 'users') =>
    jobs.runTenant({ connectionId, tenantId, module, trigger: 'manual' }, signal);
  const outcomes = [await run(world.partnerTenantId, 'tenants')];
  outcomes.push(
    ...(await Promise.all(
      MAPPED.flatMap((name) => [run(tenantIdOf(name), 'licences'), run(tenantIdOf(name), 'users')]),
    )),
  );
  return outcomes;
}

const tokenRequests = (tenantId: string) =>
  world.emu.counters.total({ service: 'identity', tenantId: tenantId.toLowerCase() }) +
  (tenantId.toLowerCase() === tenantId ? 0 : world.emu.counters.total({ service: 'identity', tenantId }));

describe('the requests of a CSP integrator round', () => {
  it('asks for one GDAP token per customer tenant and no Partner Center token the tenants sync already holds', async () => {
    world.emu.counters.reset();
    const outcomes = await round();
    expect(outcomes.map((o) => o.status)).toEqual(Array(1 + 2 * MAPPED.length).fill('succeeded'));
    // "Sync tenants now" redeemed the partner user's refresh token: licences use that same token.
    expect(tokenRequests(world.partnerTenantId)).toBe(0);
    for (const name of MAPPED) expect(tokenRequests(tenantIdOf(name)), name).toBe(1);
    // Partner Center: the customer list once, then per tenant its subscribed SKUs and subscriptions.
    const partnerCenter = world.emu.counters.list({ service: 'partnercenter' });
    const byRoute = (route: string) =>
      partnerCenter.filter((r) => r.route === route).reduce((n, r) => n + r.count, 0);
    expect(byRoute('GET /v1/customers')).toBe(1);
    expect(byRoute('GET /v1/customers/{id}/subscribedskus')).toBe(MAPPED.length);
    expect(byRoute('GET /v1/customers/{id}/subscriptions')).toBe(MAPPED.length);
  });

  it('asks for no token at all in the next round: each is held for its lifetime', async () => {
    world.emu.counters.reset();
    const outcomes = await round();
    expect(outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(world.emu.counters.total({ service: 'identity' })).toBe(0);
  });

  it('with delta queries on and no group mapped, reads no groups round: one users round per tenant', async () => {
    const base = `/api/csp/connections/${connectionId}/import-config`;
    const view = (await call(world.app, world.configurer, 'GET', base)).json() as {
      version: number;
      config: Record<string, unknown>;
    };
    const saved = await call(world.app, world.configurer, 'PUT', base, {
      expectedVersion: view.version,
      config: { ...view.config, delta: { enabled: true, method: 'allChanges' } },
      acceptWarnings: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const graph = (route: string) => world.emu.counters.total({ service: 'graph', route });

    // The first delta round has no checkpoint: a full read, then the users' delta link from now.
    world.emu.counters.reset();
    expect((await round()).every((o) => o.status === 'succeeded')).toBe(true);
    expect(graph('GET /users')).toBe(MAPPED.length);
    expect(graph('GET /users/delta')).toBe(MAPPED.length);
    expect(graph('GET /groups/delta')).toBe(0);

    // Nothing changed since: one users round per tenant, and nothing else from Graph.
    world.emu.counters.reset();
    expect((await round()).every((o) => o.status === 'succeeded')).toBe(true);
    expect(graph('GET /users')).toBe(0);
    expect(graph('GET /users/delta')).toBe(MAPPED.length);
    expect(graph('GET /groups/delta')).toBe(0);
  });
});
