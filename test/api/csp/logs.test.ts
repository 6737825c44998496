import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionImport } from '../../../src/api/integrations/entra/run-import.js';
import { runConnectionLicences } from '../../../src/api/integrations/licences/index.js';
import type { InboundLogEntryView, SyncRunView } from '../../../src/contracts/api/connection-logs.js';
import { createConnectionRepository, type ConnectionSummary } from '../../../src/store/index.js';
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
 * Guide 002's Runs and Inbound Requests of a CSP connection: every tenant's runs and the records
 * they changed, with the tenant's name, filtered by tenant, module, action and text, paged.
 */
let world: CspWorld;
let connection: ConnectionSummary;
let other: ConnectionSummary;
const BAKERY = 'Bäckerei Fabrikam GmbH';
const DENTAL = 'Contoso Dental Group';
const bakery = () => world.customerIds[BAKERY]!;
const dental = () => world.customerIds[DENTAL]!;

type Page<T> = { items: T[]; nextCursor: string | null };

async function get<T>(path: string, caller = world.configurer): Promise<Page<T>> {
  const res = await call(world.app, caller, 'GET', path);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page<T>;
}

const runs = (query = '') => get<SyncRunView>(`/api/csp/connections/${connection.id}/runs${query}`);
const inbound = (query = '') =>
  get<InboundLogEntryView>(`/api/csp/connections/${connection.id}/inbound${query}`);

beforeAll(async () => {
  world = await startCspWorld();
  const created = await givenCspConnection(world);
  await syncTenants(world, created.id);
  await givenTenantsMapped(world, created.id, [bakery(), dental()], (id) => `customer of ${id}`);
  const connections = createConnectionRepository(world.app.deps.db, world.app.deps.secrets);
  connection = (await connections.findById(created.id))!;
  // Guide 002's "Generate Mappings": every user of a mapped tenant to its customer's main site.
  await generateMappings(world, created.id, { expectedVersion: 0 });
  await runConnectionImport(world.app.deps, connection, {
    module: 'users',
    trigger: 'manual',
    dryRun: false,
  });
  // What a queued "Run licences now" job runs, for one tenant.
  await runConnectionLicences(world.app.deps, connection, { tenantIds: [bakery()], trigger: 'manual' });
  other = await givenCspConnection(world);
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe('CSP runs', () => {
  it("lists every module's runs with the tenant's name, newest first", async () => {
    const page = await runs('?limit=200');
    const started = page.items.map((r) => r.startedAt);
    expect(started).toEqual([...started].sort().reverse());
    const users = page.items.filter((r) => r.module === 'users');
    expect(users.map((r) => r.tenantName).sort()).toEqual([BAKERY, DENTAL].sort());
    expect(users.find((r) => r.tenantId === bakery())!.status).toBe('succeeded');
    // The tenant that never consented the GDAP app failed alone, explained.
    const failed = users.find((r) => r.tenantId === dental())!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(/service principal|consent/i);
    expect(page.items.some((r) => r.module === 'tenants')).toBe(true);
    expect(page.items.some((r) => r.module === 'licences' && r.tenantName === BAKERY)).toBe(true);
  });

  it('filters by tenant and by module', async () => {
    const ofBakery = await runs(`?tenantId=${bakery()}`);
    expect(ofBakery.items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ofBakery.items.map((r) => r.tenantId))).toEqual(new Set([bakery()]));
    const usersOfBakery = await runs(`?tenantId=${bakery()}&module=users`);
    expect(usersOfBakery.items.map((r) => [r.module, r.tenantName])).toEqual([['users', BAKERY]]);
  });

  it('refuses a module CSP connections do not run, naming the field', async () => {
    const res = await call(
      world.app,
      world.configurer,
      'GET',
      `/api/csp/connections/${connection.id}/runs?module=agents`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('module must be one of tenants, licences, users');
  });
});

describe('CSP inbound requests', () => {
  it("logs each user the users module created in a tenant, under the tenant's name", async () => {
    const page = await inbound(`?tenantId=${bakery()}&module=users&limit=200`);
    const members = [...world.emu.estate.tenant(bakery())!.users.values()].filter(
      (u) => u.props.accountEnabled !== false && u.props.userType !== 'Guest',
    );
    expect(page.items.map((e) => e.externalId).sort()).toEqual(
      members.map((u) => String(u.props.id).toLowerCase()).sort(),
    );
    for (const entry of page.items) {
      expect(entry).toMatchObject({
        tenantId: bakery(),
        tenantName: BAKERY,
        entityType: 'user',
        action: 'create',
      });
    }
  });

  it('logs what the tenants and licences modules changed too', async () => {
    const tenants = await inbound('?module=tenants&limit=200');
    expect(tenants.items.length).toBeGreaterThan(0);
    expect(new Set(tenants.items.map((e) => e.entityType))).toEqual(new Set(['cspTenant']));
    expect(tenants.items.find((e) => e.tenantId === dental())?.tenantName).toBe(DENTAL);
    const licences = await inbound('?module=licences&limit=200');
    expect(licences.items.length).toBeGreaterThan(0);
    for (const entry of licences.items) {
      expect(entry.tenantName).toBe(BAKERY);
      expect(['licence', 'subscription']).toContain(entry.entityType);
    }
  });

  it('searches by name, filters by action, and pages without repeating an entry', async () => {
    const someone = (await inbound(`?tenantId=${bakery()}&module=users&limit=1`)).items[0]!;
    const name = someone.details.displayName as string;
    const found = await inbound(`?search=${encodeURIComponent(name)}`);
    expect(found.items.map((e) => e.id)).toContain(someone.id);
    expect(found.items.every((e) => String(e.details.displayName).includes(name))).toBe(true);
    expect((await inbound('?action=deactivate')).items).toEqual([]);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<InboundLogEntryView> = await inbound(
        `?tenantId=${bakery()}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await inbound(`?tenantId=${bakery()}&limit=200`);
    expect(seen).toEqual(all.items.map((e) => e.id));
  });

  it("shows nothing of another connection's log", async () => {
    expect((await get(`/api/csp/connections/${other.id}/inbound`)).items).toEqual([]);
    expect((await get(`/api/csp/connections/${other.id}/runs`)).items).toEqual([]);
  });
});

describe('access', () => {
  it('refuses agents without integrations.csp.configure', async () => {
    for (const path of ['runs', 'inbound']) {
      const res = await call(
        world.app,
        world.outsider,
        'GET',
        `/api/csp/connections/${connection.id}/${path}`,
      );
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('integrations.csp.configure');
    }
  });

  it('answers 404 for a connection that is not a CSP connection', async () => {
    const entra = await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).create({
      kind: 'entra',
      name: `Entra ${Date.now()}`,
      tenantId: world.partnerTenantId,
    });
    const res = await call(world.app, world.configurer, 'GET', `/api/csp/connections/${entra.id}/runs`);
    expect(res.statusCode).toBe(404);
  });
});
