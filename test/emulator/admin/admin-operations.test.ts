import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.js';
import type { TenantRecord } from '../../../src/emulator/state/types.js';
import { mintToken, startEmulator } from '../../support/emulator.js';
import { adminClient, demoTenant, type Inject } from './admin-fixtures.js';

describe('admin API: info, counters, faults, clock, config, reset', () => {
  let emu: Emulator;
  let admin: Inject;
  let tenant: TenantRecord;
  let token: string;
  const users = () =>
    emu.inject({ method: 'GET', url: '/v1.0/users?$top=5', headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    emu = await startEmulator({ seed: 1 });
    admin = adminClient(emu);
    tenant = demoTenant(emu, 'Contoso');
    token = await mintToken(emu, { tenantId: tenant.id, roles: ['User.Read.All'] });
  });
  afterAll(() => emu.close());

  it('describes itself like the --json line, with URLs from the address used', async () => {
    const res = await emu.inject({ method: 'GET', url: 'https://127.0.0.1:9999/_emulator' });
    expect(res.body).toMatchObject({
      authorityHost: 'https://127.0.0.1:9999',
      graphBaseUrl: 'https://127.0.0.1:9999/v1.0',
      partnerCenterBaseUrl: 'https://127.0.0.1:9999/partnercenter',
      adminUrl: 'https://127.0.0.1:9999/_emulator',
      caCertPath: emu.info().caCertPath,
      partnerTenantId: emu.estate.partnerTenantId,
      apps: emu.info().apps,
    });
  });

  it('reads counters per route and tenant, and resets them', async () => {
    await admin('DELETE', '/counters');
    await users();
    await users();
    const read = await admin(
      'GET',
      `/counters?service=graph&route=${encodeURIComponent('GET /users')}&tenantId=${tenant.id}`,
    );
    expect(read.body).toMatchObject({
      total: 2,
      rows: [{ route: 'GET /users', method: 'GET', tenantId: tenant.id, count: 2 }],
    });
    expect((await admin('DELETE', '/counters')).status).toBe(204);
    expect(((await admin('GET', '/counters?service=graph')).body as { total: number }).total).toBe(0);
    expect((await admin('GET', '/counters?service=nope')).status).toBe(400);
  });

  it('adds, lists and removes fault rules that the pipeline applies', async () => {
    const added = await admin('POST', '/faults', {
      service: 'graph',
      route: 'GET /users',
      action: { type: 'status', status: 503, retryAfterSeconds: 7 },
    });
    expect(added.status).toBe(201);
    const { id } = added.body as { id: string };
    const failed = await users();
    expect(failed.status).toBe(503);
    expect(failed.headers?.['retry-after']).toBe('7');
    expect((await admin('GET', '/faults')).body).toMatchObject([{ id, hits: 1 }]);
    expect((await admin('DELETE', `/faults/${id}`)).status).toBe(204);
    expect((await users()).status).toBe(200);
    expect((await admin('DELETE', `/faults/${id}`)).status).toBe(404);
    const invalid = await admin('POST', '/faults', { action: { type: 'status', status: 200 } });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('action.status');
    await admin('POST', '/faults', { action: { type: 'latency', ms: 1 } });
    expect((await admin('DELETE', '/faults')).status).toBe(204);
    expect((await admin('GET', '/faults')).body).toEqual([]);
  });

  it('patches behaviour switches in place and rejects invalid or unknown ones', async () => {
    const graph = emu.behaviour.graph;
    const ok = await admin('PATCH', '/config', {
      graph: { deltaPageSize: 50, expiredDeltaToken: { status: 400 } },
    });
    expect(ok.status).toBe(200);
    expect(emu.behaviour.graph).toBe(graph);
    expect(graph.deltaPageSize).toBe(50);
    expect(graph.expiredDeltaToken).toMatchObject({ status: 400, code: 'syncStateNotFound' });
    const tooBig = await admin('PATCH', '/config', { graph: { deltaPageSize: 5000 } });
    expect(tooBig.status).toBe(400);
    expect(JSON.stringify(tooBig.body)).toContain('graph.deltaPageSize');
    expect(graph.deltaPageSize).toBe(50);
    const unknown = await admin('PATCH', '/config', { graph: { deltaPageSise: 10 } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('graph.deltaPageSise');
  });

  it('advances the clock', async () => {
    const before = emu.clock.now();
    const res = await admin('POST', '/clock/advance', { seconds: 3600 });
    expect(Date.parse((res.body as { now: string }).now)).toBeGreaterThanOrEqual(before + 3_600_000);
    expect((await admin('POST', '/clock/advance', { seconds: -5 })).status).toBe(400);
  });

  it('resets to an empty emulator, reseeds, and refuses a second demo on top', async () => {
    await admin('POST', '/faults', { action: { type: 'latency', ms: 1 } });
    await admin('PUT', '/throttling', { mode: 'rate', requests: 1 });
    const empty = await admin('POST', '/reset', {});
    expect(empty.body).toMatchObject({ partnerTenantId: null, customerTenantIds: [] });
    expect(emu.estate.tenants.size).toBe(0);
    expect((await admin('GET', '/faults')).body).toEqual([]);
    expect((await admin('GET', '/throttling')).body).toEqual({ mode: 'off' });
    expect(emu.behaviour.graph.deltaPageSize).toBe(200);

    const seeded = await admin('POST', '/reset', { preset: 'demo', seed: 5 });
    expect((seeded.body as { customerTenantIds: string[] }).customerTenantIds).toHaveLength(5);
    const again = await admin('POST', '/seed', { preset: 'demo' });
    expect(again.status).toBe(409);
    const more = await admin('POST', '/seed', { tenants: 2, users: 20, seed: 6 });
    expect(more.status).toBe(201);
    expect(emu.estate.tenants.size).toBe(8);
  });
});

describe('the data folder', () => {
  it('removes the folder it made for its keys when it closes, and keeps a folder it was given', async () => {
    const own = await startEmulator({ seed: 1 });
    const made = dirname(dirname(own.info().caCertPath));
    expect(existsSync(own.info().caCertPath)).toBe(true);
    await own.close();
    expect(existsSync(made)).toBe(false);

    const given = mkdtempSync(join(tmpdir(), 'rollcall-test-emulator-'));
    try {
      const kept = await startEmulator({ seed: 1, dataDir: given });
      await kept.close();
      expect(existsSync(join(given, 'tls', 'ca.pem'))).toBe(true);
    } finally {
      rmSync(given, { recursive: true, force: true });
    }
  });
});
