import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegratorJobDeps } from '../../../src/api/integrations/integrator/integrator.js';
import { call } from '../access/fixtures.js';
import {
  givenCspConnection,
  generateMappings,
  givenTenantsMapped,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

/**
 * Guide 002 "Halo Integrator" for a CSP connection: the tenants module once under the partner
 * tenant, licences and users per customer tenant mapped to a desk customer.
 */
let world: CspWorld;
let connectionId: string;
const bakery = () => world.customerIds['Bäckerei Fabrikam GmbH']!;

beforeAll(async () => {
  world = await startCspWorld();
  connectionId = (await givenCspConnection(world)).id;
  await syncTenants(world, connectionId);
  await givenTenantsMapped(world, connectionId, [bakery()], () => 'Fabrikam bakery');
  await generateMappings(world, connectionId);
}, 90_000);
afterAll(async () => {
  await world?.close();
});

const integrator = (method: 'GET' | 'PUT', body?: unknown, caller = world.configurer) =>
  call(world.app, caller, method, `/api/csp/connections/${connectionId}/integrator`, body);

describe('the integrator of a CSP connection', () => {
  it('offers the CSP modules, over the partner tenant and the mapped customer tenants', async () => {
    const view = await integrator('GET');
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().modules).toEqual(['tenants', 'licences', 'users', 'assets', 'pricing', 'consumption']);
    expect(view.json().tenantIds).toEqual([world.partnerTenantId.toLowerCase(), bakery()]);
  });

  it('refuses a module CSP connections do not run, and a tenant that is not mapped, naming the fields', async () => {
    const res = await integrator('PUT', {
      expectedVersion: 0,
      config: {
        modules: ['tenants', 'agents'],
        tenantOverrides: [
          { tenantId: world.customerIds['Nordlys Shipping AS']!, enabled: true, modules: ['users'] },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(['config.modules.1', 'config.tenantOverrides.0.tenantId']);
    expect(res.body).toContain('agents is not a module of a CSP connection');
  });

  it('refuses agents without integrations.csp.configure', async () => {
    expect((await integrator('GET', undefined, world.outsider)).statusCode).toBe(404);
  });

  it('runs the tenants module under the partner tenant, and licences and users for a mapped tenant', async () => {
    const jobs = createIntegratorJobDeps({
      db: world.app.deps.db,
      config: world.app.deps.config,
      microsoft: world.app.deps.microsoft,
      secrets: async () => world.app.deps.secrets,
    });
    const target = await jobs.of(connectionId);
    expect(target?.scope).toEqual({
      kind: 'csp',
      homeTenantId: world.partnerTenantId.toLowerCase(),
      tenantIds: [bakery()],
    });
    // A job's run reads its own tenant's mapping: a mapped tenant alone, an unmapped one not at all.
    expect((await jobs.of(connectionId, bakery().toUpperCase()))?.scope.tenantIds).toEqual([bakery()]);
    expect((await jobs.of(connectionId, world.customerIds['Nordlys Shipping AS']!))?.scope.tenantIds).toEqual(
      [],
    );
    expect((await jobs.of(connectionId, world.partnerTenantId))?.scope.tenantIds).toEqual([]);
    const signal = new AbortController().signal;
    const run = (tenantId: string, module: 'tenants' | 'licences' | 'users') =>
      jobs.runTenant({ connectionId, tenantId, module, trigger: 'manual' }, signal);

    const tenants = await run(world.partnerTenantId, 'tenants');
    expect(tenants).toMatchObject({ status: 'succeeded', error: null });
    const licences = await run(bakery(), 'licences');
    expect(licences).toMatchObject({ status: 'succeeded', error: null });
    world.emu.counters.reset();
    const users = await run(bakery(), 'users');
    expect(users).toMatchObject({ status: 'succeeded', error: null });
    expect(world.emu.counters.total({ service: 'graph', tenantId: bakery() })).toBeGreaterThan(0);
  });
});
