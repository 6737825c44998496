import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../../../src/contracts/api/entra-import.js';
import type { EntraImportConfig } from '../../../src/contracts/entra/index.js';
import { schema } from '../../../src/store/index.js';
import { call, type Caller } from '../access/fixtures.js';
import {
  givenCspConnection,
  givenTenantsMapped,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

/**
 * Guide 002 "Users": a CSP connection's import configuration is the Entra engine's, read,
 * validated and saved through the CSP connection; group names are checked in every mapped tenant
 * a mapping applies to, with the GDAP app's own token there.
 */
let world: CspWorld;
let connectionId: string;
let bakerySiteId: string;
const tenant = (name: string) => world.customerIds[name]!;
const bakery = () => tenant('Bäckerei Fabrikam GmbH');
const dental = () => tenant('Contoso Dental Group');
const lumiere = () => tenant('Lumière Architectes SARL');
const shipping = () => tenant('Nordlys Shipping AS');

function addGroup(tenantId: string, displayName: string) {
  world.emu.estate.addGroup(
    world.emu.estate.tenant(tenantId)!,
    { id: randomUUID(), displayName, mailEnabled: false, securityEnabled: true, groupTypes: [] },
    { kind: 'security' },
  );
}

beforeAll(async () => {
  world = await startCspWorld();
  const created = await givenCspConnection(world);
  connectionId = created.id;
  await syncTenants(world, connectionId);
  // Bakery and Lumière consented the GDAP app; Dental never did. Shipping is not mapped.
  const customers = await givenTenantsMapped(
    world,
    connectionId,
    [bakery(), lumiere(), dental()],
    (id) => `Customer of ${id.slice(0, 8)}`,
  );
  const [site] = await world.app.deps.db
    .select()
    .from(schema.sites)
    .where(and(eq(schema.sites.customerId, customers[bakery()]!.id), eq(schema.sites.isDefault, true)));
  bakerySiteId = site!.id;
  addGroup(bakery(), 'Rollcall Staff');
  addGroup(lumiere(), 'Rollcall Staff');
  addGroup(bakery(), 'Bakery Counter');
}, 90_000);
afterAll(async () => {
  await world?.close();
});

const path = (suffix = '') => `/api/csp/connections/${connectionId}/import-config${suffix}`;

async function defaults(): Promise<EntraImportConfig> {
  const res = await call(world.app, world.configurer, 'GET', path());
  expect(res.statusCode, res.body).toBe(200);
  return res.json().config as EntraImportConfig;
}

/** The defaults with one "existing site" mapping to the bakery's main site. */
async function withMapping(mapping: { groupName?: string; tenantIds?: string[] }) {
  const config = await defaults();
  return {
    ...config,
    siteMappings: [
      { id: randomUUID(), sequence: 10, type: 'existingSite', siteId: bakerySiteId, ...mapping },
    ],
  };
}

async function validate(config: unknown, caller: Caller = world.configurer): Promise<ConfigProblem[]> {
  const res = await call(world.app, caller, 'POST', path('/validate'), { config });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().problems as ConfigProblem[];
}

describe('CSP import configuration', () => {
  it('shows the defaults before the first save, and the tenants a filter may name', async () => {
    const res = await call(world.app, world.configurer, 'GET', path());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ connectionId, version: 0, updatedAt: null });
    expect(res.json().config.siteMappings).toEqual([]);

    const tenants = await call(world.app, world.configurer, 'GET', path('/tenants'));
    expect(tenants.statusCode, tenants.body).toBe(200);
    const items = tenants.json().items as { tenantId: string; name: string; defaultDomain: string }[];
    expect(items.map((t) => t.name)).toEqual([
      'Bäckerei Fabrikam GmbH',
      'Contoso Dental Group',
      'Lumière Architectes SARL',
    ]);
    expect(items.find((t) => t.tenantId === bakery())!.defaultDomain).toContain('fabrikam');
  });

  it('refuses a tenant filter naming a tenant not mapped to a customer, naming the field and the fix', async () => {
    const problems = await validate(await withMapping({ tenantIds: [bakery(), shipping()] }));
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        field: 'siteMappings.0.tenantIds.1',
        message: expect.stringContaining(
          `tenant ${shipping()} is not mapped to a customer on the Tenants tab`,
        ),
      }),
    );
  });

  it('refuses a group no tenant the mapping applies to has, suggesting the closest name', async () => {
    const problems = await validate(
      await withMapping({ groupName: 'Rollcall Staf', tenantIds: [bakery(), lumiere()] }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        field: 'siteMappings.0.groupName',
        message: expect.stringContaining('no tenant it applies to has a group named "Rollcall Staf"'),
        suggestions: ['Rollcall Staff'],
      }),
    ]);
  });

  it('reads only the tenants a group-using mapping applies to', async () => {
    world.emu.counters.reset();
    expect(await validate(await withMapping({ groupName: 'Rollcall Staff', tenantIds: [bakery()] }))).toEqual(
      [],
    );
    expect(world.emu.counters.total({ service: 'graph', tenantId: bakery() })).toBeGreaterThan(0);
    for (const other of [lumiere(), dental(), shipping()])
      expect(world.emu.counters.total({ service: 'graph', tenantId: other })).toBe(0);
    world.emu.counters.reset();
    expect(await validate(await withMapping({}))).toEqual([]);
    expect(world.emu.counters.total({ service: 'graph' })).toBe(0);
  });

  it('warns about a group missing in some tenants by name, and a tenant whose groups cannot be read says why', async () => {
    const problems = await validate(await withMapping({ groupName: 'Bakery Counter' }));
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        field: 'siteMappings.0.groupName',
        message: expect.stringMatching(/missing in 1 of 3 tenants \(Lumière Architectes SARL\)/),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(
          /the groups of tenant Contoso Dental Group could not be checked: .*(consent|service principal)/i,
        ),
      }),
    );
  });

  it('saves (errors refused, warnings only when accepted) and refuses a save over a newer version', async () => {
    const invalid = await call(world.app, world.configurer, 'PUT', path(), {
      expectedVersion: 0,
      config: await withMapping({ tenantIds: [shipping()] }),
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('config.siteMappings.0.tenantIds.0');

    const config = await withMapping({ groupName: 'Bakery Counter' });
    const unaccepted = await call(world.app, world.configurer, 'PUT', path(), { expectedVersion: 0, config });
    expect(unaccepted.statusCode).toBe(400);
    expect(unaccepted.body).toContain('Lumière Architectes SARL');

    const saved = await call(world.app, world.configurer, 'PUT', path(), {
      expectedVersion: 0,
      config,
      acceptWarnings: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    expect(saved.json().config.siteMappings[0].groupName).toBe('Bakery Counter');
    const read = await call(world.app, world.configurer, 'GET', path());
    expect(read.json()).toMatchObject({
      version: 1,
      config: { siteMappings: [{ groupName: 'Bakery Counter' }] },
    });

    const stale = await call(world.app, world.configurer, 'PUT', path(), {
      expectedVersion: 0,
      config: await withMapping({}),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('expectedVersion');
    const unchanged = await call(world.app, world.configurer, 'GET', path());
    expect(unchanged.json().version).toBe(1);
  });

  it('refuses agents without integrations.csp.configure', async () => {
    const config = await defaults();
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['GET', '/tenants', undefined],
      ['POST', '/validate', { config }],
      ['PUT', '', { expectedVersion: 1, config }],
    ] as const) {
      const res = await call(world.app, world.outsider, method, path(suffix), body);
      expect(res.statusCode, `${method} ${suffix}`).toBe(403);
    }
  });
});
