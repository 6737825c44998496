import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../../src/api/app.js';
import type { Emulator } from '../../../src/emulator/index.js';
import {
  createConnectionRepository,
  queryRows,
  schema,
  type ConnectionSummary,
} from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startEmulator } from '../../support/emulator.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import { assetsOf, enrol, runAssetsNow, saveAssetConfig } from './assets-fixtures.js';

/**
 * Guide 002 "Assets" through an Entra connection: its one tenant's devices, typed from an Intune
 * field, linked by the user method or by the asset method with a mobile override, placed by site
 * allocation or at the default site; and the integrator's `assets` module.
 */
const TENANT = 'e0e00000-0000-4000-8000-0000000a5e75';
const PEOPLE = {
  ada: 'e0e00000-0000-4000-8000-0000000ada00',
  carol: 'e0e00000-0000-4000-8000-0000000ca401',
};

let emu: Emulator;
let app: TestApp;
let admin: Caller;
let connection: ConnectionSummary;
let customerId: string;
let mainSite: string;
let hqSite: string;
const devices = { laptop: '', phone: '', carolPhone: '', shared: '' };

beforeAll(async () => {
  emu = await startEmulator({ preset: 'empty', listen: true });
  const tenant = emu.estate.createTenant({
    id: TENANT,
    displayName: 'Contoso Devices',
    initialDomain: 'contoso-devices.onmicrosoft.com',
    intune: true,
  });
  for (const [name, id] of Object.entries(PEOPLE)) {
    emu.estate.addUser(
      tenant,
      {
        id,
        userPrincipalName: `${name}@contoso-devices.onmicrosoft.com`,
        mail: `${name}@contoso.example`,
        displayName: name,
        accountEnabled: true,
      },
      { silent: true },
    );
  }
  const registered = await emu.inject({
    method: 'POST',
    url: '/_emulator/apps',
    body: {
      tenantId: TENANT,
      displayName: 'Rollcall assets',
      redirectUris: ['https://rollcall.test/api/entra/connections/callback'],
      graphRoles: ['User.Read.All', 'DeviceManagementManagedDevices.Read.All'],
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  const registration = registered.body as { clientId: string; clientSecret: string };
  const enrolled = await enrol(emu, TENANT, [
    { operatingSystem: 'Windows', userId: PEOPLE.ada },
    { operatingSystem: 'iOS', userId: PEOPLE.ada },
    { operatingSystem: 'Android', userId: PEOPLE.carol },
    { operatingSystem: 'macOS', userId: null },
  ]);
  const [laptop, phone, carolPhone, shared] = enrolled.map((d) => d.id);
  Object.assign(devices, { laptop, phone, carolPhone, shared });

  const info = emu.info();
  app = await startTestApp({
    config: {
      publicUrl: 'https://rollcall.test',
      microsoft: {
        authorityHost: info.authorityHost,
        graphBaseUrl: info.graphBaseUrl,
        extraCaPath: info.caCertPath,
      },
    },
    jobs: createAppJobRuntime,
  });
  const db = app.deps.db;
  await givenBuiltInRoles(db);
  admin = await givenAgent(db, { roleNames: ['Administrator'] });
  connection = await createConnectionRepository(db, app.deps.secrets).create({
    kind: 'entra',
    name: 'Contoso devices',
    tenantId: TENANT,
    clientId: registration.clientId,
    secrets: { clientSecret: registration.clientSecret },
  });
  const [customer] = await db.insert(schema.customers).values({ name: 'Contoso' }).returning();
  customerId = customer!.id;
  const [main] = await db
    .insert(schema.sites)
    .values({ customerId, name: 'Main', isDefault: true })
    .returning();
  const [hq] = await db.insert(schema.sites).values({ customerId, name: 'HQ' }).returning();
  mainSite = main!.id;
  hqSite = hq!.id;
  // Ada as the users import links her; Carol with another object id and UPN, but her e-mail.
  await db.insert(schema.deskUsers).values([
    {
      customerId,
      siteId: hqSite,
      displayName: 'Ada',
      tenantId: TENANT,
      entraObjectId: PEOPLE.ada,
      userPrincipalName: 'ada@contoso-devices.onmicrosoft.com',
    },
    {
      customerId,
      siteId: hqSite,
      displayName: 'Carol',
      tenantId: TENANT,
      entraObjectId: 'e0e00000-0000-4000-8000-00000000ffff',
      userPrincipalName: 'c.old@contoso.example',
      email: 'carol@contoso.example',
    },
  ]);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await emu?.close();
});

const byDevice = async () =>
  new Map((await assetsOf(app, admin, customerId)).map((a) => [a.intuneDeviceId, a]));

describe('an Entra connection', () => {
  it('warns that devices nobody is linked to have no site until the warning is accepted', async () => {
    const res = await call(app, admin, 'PUT', `/api/connections/${connection.id}/asset-config`, {
      expectedVersion: 0,
      config: { enabled: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        field: 'config.defaultSiteId',
        message: expect.stringContaining('devices not linked to a desk user are excluded'),
      },
    ]);
  });

  it('types from an Intune field, links by the user method and never moves assets to the user’s site', async () => {
    await saveAssetConfig(
      app,
      admin,
      connection.id,
      {
        enabled: true,
        assetType: { mode: 'intuneField', field: 'operatingSystem', fallbackAssetType: 'Other' },
        userMatching: { method: 'user' },
        siteAllocation: 'never',
      },
      { acceptWarnings: true },
    );
    const results = await runAssetsNow(app, admin, connection.id);
    expect(results[TENANT]).toMatchObject({
      status: 'succeeded',
      counts: { devices: 4, created: 2, excluded: 2, 'excluded.noSite': 2 },
    });
    const assets = await byDevice();
    expect(assets.get(devices.laptop)).toMatchObject({
      assetType: 'Windows',
      deskUserName: 'Ada',
      siteId: mainSite,
    });
    expect(assets.get(devices.phone)).toMatchObject({
      assetType: 'iOS',
      deskUserName: 'Ada',
      siteId: mainSite,
    });
    const excluded = await queryRows<{ external_id: string; reason: string }>(
      app.deps.db,
      sql`select external_id, reason from inbound_log where sync_run_id = ${results[TENANT]!.runId} and action = 'excluded'`,
    );
    expect(excluded.map((e) => e.external_id).sort()).toEqual([devices.carolPhone, devices.shared].sort());
    expect(excluded[0]!.reason).toContain('no default site');
  });

  it('links phones by the mobile override, puts unlinked devices at the default site, and moves assets to their user’s site', async () => {
    await saveAssetConfig(app, admin, connection.id, {
      userMatching: {
        method: 'asset',
        deviceField: 'userPrincipalName',
        userIdentifier: 'userPrincipalName',
        mobileOverride: { deviceField: 'emailAddress', userIdentifier: 'email' },
      },
      siteAllocation: 'all',
      defaultSiteId: mainSite,
    });
    const results = await runAssetsNow(app, admin, connection.id);
    expect(results[TENANT]).toMatchObject({
      status: 'succeeded',
      counts: { created: 2, updated: 1, excluded: 0 },
    });
    const assets = await byDevice();
    // The laptop's UPN matches Ada's: it moves to her site; the phone has no Ada e-mail in the desk, so stays.
    expect(assets.get(devices.laptop)).toMatchObject({ deskUserName: 'Ada', siteId: hqSite });
    expect(assets.get(devices.phone)).toMatchObject({ deskUserName: 'Ada', siteId: mainSite });
    expect(assets.get(devices.carolPhone)).toMatchObject({
      deskUserName: 'Carol',
      siteId: hqSite,
      assetType: 'Android',
    });
    expect(assets.get(devices.shared)).toMatchObject({
      deskUserName: null,
      siteId: mainSite,
      assetType: 'macOS',
    });
  });

  it('runs as the integrator’s assets module, recorded as a manual run', async () => {
    const res = await call(app, admin, 'POST', `/api/entra/connections/${connection.id}/integrator/run`, {
      module: 'assets',
    });
    expect(res.statusCode, res.body).toBe(201);
    const [queued] = res.json().jobs as { jobId: string }[];
    for (let i = 0; i < 200; i += 1) {
      const job = await app.deps.jobs!.job('sync.tenant', queued!.jobId);
      if (job && ['completed', 'failed'].includes(job.state)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await app.deps.jobs!.job('sync.tenant', queued!.jobId))?.state).toBe('completed');
    const runs = await queryRows<{ module: string; status: string; counts: Record<string, number> }>(
      app.deps.db,
      sql`select module, status, counts from sync_runs where connection_id = ${connection.id} order by started_at desc limit 1`,
    );
    expect(runs[0]).toMatchObject({
      module: 'assets',
      status: 'succeeded',
      counts: { created: 0, unchanged: 4 },
    });
  });
  it('excludes devices no rule matches, places only new assets at their user’s site, and matches on the chosen field', async () => {
    const [ipad, windows] = await enrol(emu, TENANT, [
      { operatingSystem: 'iOS', userId: PEOPLE.ada },
      { operatingSystem: 'Windows', userId: PEOPLE.ada },
    ]);
    // Another source already has the new iPhone, under its device name.
    const db = app.deps.db;
    const [type] = await db.insert(schema.assetTypes).values({ name: 'Tablet' }).returning();
    const [status] = await db.insert(schema.assetStatuses).values({ name: 'Stock' }).returning();
    const [rmm] = await db
      .insert(schema.assets)
      .values({
        customerId,
        siteId: mainSite,
        typeId: type!.id,
        statusId: status!.id,
        name: ipad!.deviceName,
        matchKey: ipad!.deviceName.toLowerCase(),
        source: 'rmm',
      })
      .returning();
    await saveAssetConfig(app, admin, connection.id, {
      assetType: {
        mode: 'rules',
        unmatched: 'exclude',
        fallbackAssetType: null,
        rules: [{ field: 'operatingSystem', operator: 'equals', value: 'ios', assetType: 'Phone' }],
      },
      userMatching: { method: 'user' },
      siteAllocation: 'newOnly',
      matchingField: 'deviceName',
    });
    const results = await runAssetsNow(app, admin, connection.id);
    expect(results[TENANT]).toMatchObject({
      status: 'succeeded',
      counts: { devices: 6, 'excluded.noTypeRule': 4, removed: 0 },
    });
    const assets = await byDevice();
    // The iPad adopted the other source's asset, which keeps its site (not new).
    expect(assets.get(ipad!.id)).toMatchObject({
      id: rmm!.id,
      assetType: 'Phone',
      siteId: mainSite,
      deskUserName: 'Ada',
    });
    expect(assets.has(windows!.id)).toBe(false);
    // Assets of devices excluded now stay as they were: still in Intune, not deleted from it.
    expect(assets.get(devices.laptop)).toMatchObject({ removedAt: null, assetType: 'Windows' });
    expect(assets.get(devices.phone)).toMatchObject({ assetType: 'Phone', siteId: mainSite });
  });
});
