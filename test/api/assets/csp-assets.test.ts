import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetRunResult } from '../../../src/contracts/api/assets.js';
import { queryRows, schema, type ConnectionSummary } from '../../../src/store/index.js';
import { call, givenAgent, type Caller } from '../access/fixtures.js';
import {
  givenCspConnection,
  givenDeskCustomer,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from '../csp/tenants-fixtures.js';
import { assetsOf, devicesOf, enrol, runAssetsNow, saveAssetConfig } from './assets-fixtures.js';

/**
 * Guide 002 "Assets" through a CSP partner: each mapped customer tenant's Intune devices are read
 * with the GDAP app's token in that tenant; a tenant excluded from Intune is skipped, a tenant
 * that fails (no consent, no Intune licence) never stops the others, re-runs never duplicate, and
 * devices deleted from Intune get the configured status.
 */
let world: CspWorld;
let connection: ConnectionSummary;
let noPermissions: Caller;
/** An administrator: configures the connection and reads the desk's assets. */
let administrator: Caller;
const ids = { lumiere: '', dental: '', bakery: '', tailspin: '' };
const customers: Record<keyof typeof ids, string> = { lumiere: '', dental: '', bakery: '', tailspin: '' };
let paris: string;
let rmmAssetId: string;
let linkedUpn: string;
let senseDeviceId: string;

const admin = () => administrator;

beforeAll(async () => {
  world = await startCspWorld();
  administrator = await givenAgent(world.app.deps.db, { roleNames: ['Administrator'] });
  // The bakery buys no Intune: Intune answers its tenant with a refusal.
  world.emu.estate.tenant(world.customerIds['Bäckerei Fabrikam GmbH']!)!.intune = false;
  connection = await givenCspConnection(world);
  await syncTenants(world, connection.id);
  ids.lumiere = world.customerIds['Lumière Architectes SARL']!;
  ids.dental = world.customerIds['Contoso Dental Group']!;
  ids.bakery = world.customerIds['Bäckerei Fabrikam GmbH']!;
  ids.tailspin = world.customerIds['Tailspin Logistics Ltd']!;
  for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
    customers[key] = (await givenDeskCustomer(world, `Assets ${key}`)).id;
    const res = await call(
      world.app,
      admin(),
      'PUT',
      `/api/csp/connections/${connection.id}/tenants/${ids[key]}/mapping`,
      { target: { kind: 'customer', customerId: customers[key] }, excludeFromIntune: key === 'tailspin' },
    );
    expect(res.statusCode, res.body).toBe(200);
  }
  noPermissions = await givenAgent(world.app.deps.db, { permissions: [] });

  const db = world.app.deps.db;
  // A second site and a desk user there, named as a Lumière device's primary user.
  const [site] = await db
    .insert(schema.sites)
    .values({ customerId: customers.lumiere, name: 'Paris' })
    .returning();
  paris = site!.id;
  const owned = devicesOf(world.emu, ids.lumiere).find(
    (d) => d.userPrincipalName && d.operatingSystem === 'Windows',
  )!;
  linkedUpn = String(owned.userPrincipalName);
  await db.insert(schema.deskUsers).values({
    customerId: customers.lumiere,
    siteId: paris,
    displayName: 'Linked person',
    userPrincipalName: linkedUpn.toUpperCase(),
  });
  // An asset another tool (an RMM) made for another Lumière device, with the same serial number.
  const other = devicesOf(world.emu, ids.lumiere).find((d) => d.id !== owned.id && d.serialNumber)!;
  const [type] = await db.insert(schema.assetTypes).values({ name: 'Workstation' }).returning();
  const [status] = await db.insert(schema.assetStatuses).values({ name: 'Active' }).returning();
  const main = await queryRows<{ id: string }>(
    db,
    sql`select id from sites where customer_id = ${customers.lumiere} and is_default`,
  );
  const [rmm] = await db
    .insert(schema.assets)
    .values({
      customerId: customers.lumiere,
      siteId: main[0]!.id,
      typeId: type!.id,
      statusId: status!.id,
      name: 'RMM-ENTRY',
      serialNumber: String(other.serialNumber),
      matchKey: String(other.serialNumber).toLowerCase(),
      source: 'rmm',
    })
    .returning();
  rmmAssetId = rmm!.id;
  // A machine onboarded to Microsoft Defender for Endpoint (Sense).
  const [sense] = await enrol(world.emu, ids.lumiere, [
    { operatingSystem: 'Windows', userId: null, managementAgent: 'msSense' },
  ]);
  senseDeviceId = sense!.id;
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe('configuration', () => {
  it('shows the defaults before the first save, and refuses to run while asset import is off', async () => {
    const res = await call(world.app, admin(), 'GET', `/api/connections/${connection.id}/asset-config`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 0, connectionKind: 'csp', config: { enabled: false } });
    const run = await call(world.app, admin(), 'POST', `/api/connections/${connection.id}/assets/run`, {});
    expect(run.statusCode).toBe(409);
    expect(run.body).toContain('Assets tab');
  });

  it('refuses an invalid configuration before saving it, naming the field', async () => {
    const put = (config: object) =>
      call(world.app, admin(), 'PUT', `/api/connections/${connection.id}/asset-config`, {
        expectedVersion: 0,
        config,
      });
    const rules = await put({
      assetType: {
        mode: 'rules',
        unmatched: 'fallback',
        rules: [{ field: 'operatingSystem', operator: 'equals', value: 'iOS', assetType: 'Phone' }],
      },
    });
    expect(rules.statusCode).toBe(400);
    expect(rules.body).toContain('fallbackAssetType');
    const site = await put({ defaultSiteId: '00000000-0000-4000-8000-000000000000' });
    expect(site.statusCode).toBe(400);
    expect(site.json()).toMatchObject({
      errors: [{ field: 'config.defaultSiteId', message: expect.stringContaining('no active site') }],
    });
    const stored = await call(world.app, admin(), 'GET', `/api/connections/${connection.id}/asset-config`);
    expect(stored.json()).toMatchObject({ version: 0 });
  });

  it('refuses agents without the configure permission, and lists only to customers.read', async () => {
    for (const [method, path] of [
      ['GET', 'asset-config'],
      ['POST', 'asset-config/validate'],
      ['PUT', 'asset-config'],
      ['POST', 'assets/run'],
    ] as const) {
      const res = await call(world.app, noPermissions, method, `/api/connections/${connection.id}/${path}`, {
        config: {},
        expectedVersion: 0,
      });
      expect(res.statusCode, `${method} ${path}`).toBe(403);
      // An Entra configurer does not see a CSP connection at all.
      const outsider = await call(
        world.app,
        world.outsider,
        method,
        `/api/connections/${connection.id}/${path}`,
        {
          config: {},
          expectedVersion: 0,
        },
      );
      expect(outsider.statusCode, `${method} ${path}`).toBe(404);
    }
    for (const url of ['/api/assets', `/api/customers/${customers.lumiere}/assets`]) {
      expect((await call(world.app, noPermissions, 'GET', url)).statusCode).toBe(403);
    }
  });
});

describe('importing managed devices', () => {
  let first: Record<string, AssetRunResult>;

  beforeAll(async () => {
    await saveAssetConfig(world.app, admin(), connection.id, {
      enabled: true,
      assetType: {
        mode: 'rules',
        unmatched: 'fallback',
        fallbackAssetType: 'Computer',
        rules: [
          { field: 'operatingSystem', operator: 'equals', value: 'iOS', assetType: 'Mobile Phone' },
          { field: 'operatingSystem', operator: 'equals', value: 'Android', assetType: 'Mobile Phone' },
          { field: 'operatingSystem', operator: 'equals', value: 'Windows', assetType: 'Laptop' },
        ],
      },
      siteAllocation: 'all',
      newStatus: 'In use',
      deletedStatus: 'Retired',
      excludeSenseManaged: true,
      fieldMappings: [
        { intuneField: 'complianceState', assetField: 'Compliance' },
        { intuneField: 'model', assetField: 'Model' },
      ],
    });
    first = await runAssetsNow(world.app, admin(), connection.id);
  }, 60_000);

  it('refuses a save over a version someone else saved meanwhile', async () => {
    const stale = await call(world.app, admin(), 'PUT', `/api/connections/${connection.id}/asset-config`, {
      expectedVersion: 0,
      config: { enabled: false },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ errors: [{ field: 'expectedVersion' }] });
    const validated = await call(
      world.app,
      admin(),
      'POST',
      `/api/connections/${connection.id}/asset-config/validate`,
      {
        config: { enabled: true },
      },
    );
    expect(validated.json()).toEqual({ problems: [] });
  });

  it('imports each tenant on its own: one excluded from Intune, failing ones never stopping the others', () => {
    expect(first[ids.tailspin]).toMatchObject({
      status: 'skipped',
      error: { code: 'assets.excludedFromIntune' },
    });
    // Dental never consented the GDAP app.
    expect(first[ids.dental]).toMatchObject({ status: 'failed', runId: expect.any(String) });
    // The bakery has no Intune licence: Intune refuses, and the run says how to fix it.
    expect(first[ids.bakery]).toMatchObject({
      status: 'failed',
      error: {
        code: 'assets.intuneNotLicensed',
        message: expect.stringContaining('Exclude this tenant from the Intune asset import'),
      },
    });
    const devices = devicesOf(world.emu, ids.lumiere).length;
    expect(first[ids.lumiere]).toMatchObject({
      status: 'succeeded',
      counts: { devices, created: devices - 2, updated: 1, excluded: 1, 'excluded.senseManaged': 1 },
      graphRequests: 1,
    });
  });

  it('types, links, places and maps each device, and adopts the asset another source made', async () => {
    const assets = await assetsOf(world.app, admin(), customers.lumiere);
    const devices = devicesOf(world.emu, ids.lumiere);
    // Every device but the Sense one; the RMM's asset was updated, not duplicated.
    expect(assets).toHaveLength(devices.length - 1);
    expect(assets.some((a) => a.intuneDeviceId === senseDeviceId)).toBe(false);
    const rmm = assets.find((a) => a.id === rmmAssetId)!;
    expect(rmm).toMatchObject({ source: 'rmm', intuneDeviceId: expect.any(String), status: 'Active' });
    const linked = assets.find((a) => a.deskUserName === 'Linked person')!;
    expect(linked).toMatchObject({ siteName: 'Paris', assetType: 'Laptop', status: 'In use' });
    for (const asset of assets.filter((a) => a.id !== rmmAssetId)) {
      const device = devices.find((d) => d.id === asset.intuneDeviceId)!;
      const expectedType = ['iOS', 'Android'].includes(String(device.operatingSystem))
        ? 'Mobile Phone'
        : device.operatingSystem === 'Windows'
          ? 'Laptop'
          : 'Computer';
      expect(asset).toMatchObject({
        assetType: expectedType,
        serialNumber: device.serialNumber,
        fields: { Compliance: device.complianceState, Model: device.model },
        source: 'intune',
        tenantId: ids.lumiere,
      });
    }
    const detail = await call(world.app, admin(), 'GET', `/api/assets/${linked.id}`);
    expect(detail.json()).toMatchObject({
      id: linked.id,
      customerId: customers.lumiere,
      deskUserName: 'Linked person',
    });
    const search = await call(
      world.app,
      admin(),
      'GET',
      `/api/assets?search=${encodeURIComponent(linked.serialNumber!)}`,
    );
    expect((search.json() as { items: { id: string }[] }).items.map((a) => a.id)).toEqual([linked.id]);
  });

  it('records the run and an inbound log entry for every change and exclusion', async () => {
    const runId = first[ids.lumiere]!.runId!;
    const [run] = await queryRows<{ module: string; status: string; graph_requests: number }>(
      world.app.deps.db,
      sql`select module, status, graph_requests from sync_runs where id = ${runId}`,
    );
    expect(run).toEqual({ module: 'assets', status: 'succeeded', graph_requests: 1 });
    const log = await queryRows<{ action: string; reason: string }>(
      world.app.deps.db,
      sql`select action, reason from inbound_log where sync_run_id = ${runId} and entity_type = 'asset'`,
    );
    expect(log).toHaveLength(devicesOf(world.emu, ids.lumiere).length);
    expect(log).toContainEqual({
      action: 'excluded',
      reason: 'excluded: managed by Microsoft Defender (Sense), and such devices are excluded',
    });
  });

  it('re-runs without duplicates, and marks a device deleted from Intune with the deleted status once', async () => {
    const before = await assetsOf(world.app, admin(), customers.lumiere);
    const again = await runAssetsNow(world.app, admin(), connection.id, [ids.lumiere]);
    expect(again[ids.lumiere]).toMatchObject({ status: 'succeeded', counts: { created: 0 } });
    expect(again[ids.lumiere]!.counts.unchanged).toBe(before.length);
    expect(await assetsOf(world.app, admin(), customers.lumiere)).toHaveLength(before.length);

    const gone = before.find((a) => a.deskUserName === 'Linked person')!;
    const retired = await world.emu.inject({
      method: 'DELETE',
      url: `/_emulator/tenants/${ids.lumiere}/devices/${gone.intuneDeviceId}`,
    });
    expect(retired.status).toBeLessThan(300);
    const after = await runAssetsNow(world.app, admin(), connection.id, [ids.lumiere]);
    expect(after[ids.lumiere]!.counts.removed).toBe(1);
    const marked = (await assetsOf(world.app, admin(), customers.lumiere)).find((a) => a.id === gone.id)!;
    expect(marked).toMatchObject({ status: 'Retired', removedAt: expect.any(String) });
    const removedOnly = await assetsOf(world.app, admin(), customers.lumiere, '&removed=only');
    expect(removedOnly.map((a) => a.id)).toEqual([gone.id]);
    const third = await runAssetsNow(world.app, admin(), connection.id, [ids.lumiere]);
    expect(third[ids.lumiere]!.counts.removed).toBe(0);
  });

  it("keeps existing assets' type when told to, and re-types them otherwise", async () => {
    await saveAssetConfig(world.app, admin(), connection.id, {
      assetType: { mode: 'single', assetType: 'Device' },
      keepTypeOfExisting: true,
    });
    await runAssetsNow(world.app, admin(), connection.id, [ids.lumiere]);
    const kept = await assetsOf(world.app, admin(), customers.lumiere);
    expect(kept.some((a) => a.assetType === 'Device')).toBe(false);
    const [phone] = await enrol(world.emu, ids.lumiere, [{ operatingSystem: 'iOS', userId: null }]);
    await runAssetsNow(world.app, admin(), connection.id, [ids.lumiere]);
    const added = (await assetsOf(world.app, admin(), customers.lumiere)).find(
      (a) => a.intuneDeviceId === phone!.id,
    );
    expect(added).toMatchObject({ assetType: 'Device' });

    await saveAssetConfig(world.app, admin(), connection.id, { keepTypeOfExisting: false });
    await runAssetsNow(world.app, admin(), connection.id, [ids.lumiere]);
    const retyped = await assetsOf(world.app, admin(), customers.lumiere, '&removed=exclude');
    expect(new Set(retyped.map((a) => a.assetType))).toEqual(new Set(['Device']));
  });
  it('rides out Intune throttling and a passing 503 without duplicates', async () => {
    const before = await assetsOf(world.app, admin(), customers.lumiere);
    for (const action of [
      { type: 'status', status: 429, retryAfterSeconds: 1 },
      { type: 'status', status: 503 },
    ]) {
      const added = await world.emu.inject({
        method: 'POST',
        url: '/_emulator/faults',
        body: {
          service: 'graph',
          route: 'GET /deviceManagement/managedDevices',
          tenantId: ids.lumiere,
          action,
          times: 1,
        },
      });
      expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
    }
    const results = await runAssetsNow(world.app, admin(), connection.id, [ids.lumiere]);
    expect(results[ids.lumiere]).toMatchObject({ status: 'succeeded', counts: { created: 0, removed: 0 } });
    expect(await assetsOf(world.app, admin(), customers.lumiere)).toHaveLength(before.length);
    // Both faults were met (each retires after its one hit).
    const left = await world.emu.inject({ method: 'GET', url: '/_emulator/faults' });
    expect(left.body).toEqual([]);
  });
});
