import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRunView } from '../../../src/contracts/api/connection-logs.js';
import { sql } from 'drizzle-orm';
import { createConnectionRepository } from '../../../src/store/index.js';
import { queryRows } from '../../../src/store/sql-rows.js';
import { call, givenAgent } from '../access/fixtures.js';
import {
  givenDeskCustomer,
  jobFinished,
  mapTenant,
  startLicenceWorld,
  type LicenceWorld,
} from './licences-fixtures.js';

/**
 * "Run licences now" on a CSP connection queues the work (one integrator `sync.tenant` job per
 * mapped tenant, module `licences`) and answers at once; the runs appear in the connection's runs
 * as they finish. A partner with hundreds of tenants never holds the request.
 */
let world: LicenceWorld;
let t1: string;
let t2: string;
let t3: string;
const runNow = (body: object = {}, caller = () => world.admin) =>
  call(world.app, caller(), 'POST', `/api/csp/connections/${world.connection.id}/licences/run`, body);

beforeAll(async () => {
  world = await startLicenceWorld({ tenants: 3, jobs: true });
  [t1, t2, t3] = world.customerTenantIds as [string, string, string];
  const db = world.app.deps.db;
  const customer = await givenDeskCustomer(db, 'Queued');
  await mapTenant(db, world.connection.id, t1, customer);
  await mapTenant(db, world.connection.id, t2, customer);
  await mapTenant(db, world.connection.id, t3, null);
}, 90_000);
afterAll(async () => {
  await world?.close();
});

describe('Run licences now', () => {
  it('answers 202 with a licences job per mapped tenant; each run then shows in the runs list', async () => {
    const res = await runNow();
    expect(res.statusCode, res.body).toBe(202);
    const jobs = res.json().jobs as {
      tenantId: string;
      module: string;
      jobId: string;
      alreadyQueued: boolean;
    }[];
    expect(jobs.map((j) => [j.tenantId, j.module]).sort()).toEqual(
      [
        [t1, 'licences'],
        [t2, 'licences'],
      ].sort(),
    );
    for (const job of jobs) await jobFinished(world, job.jobId);
    const runs = await call(
      world.app,
      world.admin,
      'GET',
      `/api/csp/connections/${world.connection.id}/runs?module=licences`,
    );
    expect(runs.statusCode, runs.body).toBe(200);
    const items = runs.json().items as SyncRunView[];
    expect(items.map((r) => [r.tenantId, r.status, r.trigger]).sort()).toEqual(
      [
        [t1, 'succeeded', 'manual'],
        [t2, 'succeeded', 'manual'],
      ].sort(),
    );
    const audit = await queryRows<{ target_id: string }>(
      world.app.deps.db,
      sql`select target_id from audit_events where action = 'integrator.run'`,
    );
    expect(audit.map((a) => a.target_id)).toContain(world.connection.id);
  });

  it('runs only the tenants named; one the connection does not run is refused by name', async () => {
    const one = await runNow({ tenantIds: [t1.toUpperCase()] });
    expect(one.statusCode, one.body).toBe(202);
    expect(one.json().jobs.map((j: { tenantId: string }) => j.tenantId)).toEqual([t1]);
    await jobFinished(world, one.json().jobs[0].jobId);

    const notRun = await runNow({ tenantIds: [t1, t3] });
    expect(notRun.statusCode).toBe(400);
    expect(notRun.json()).toMatchObject({
      message: `Tenant ${t3} is not one of this connection's tenants.`,
      errors: [{ field: 'tenantIds' }],
    });
  });

  it('needs integrations.csp.configure', async () => {
    const reader = await givenAgent(world.app.deps.db, { permissions: ['customers.read'] });
    expect((await runNow({}, () => reader)).statusCode).toBe(403);
  });

  it('refuses a disabled connection before queueing anything', async () => {
    const connections = createConnectionRepository(world.app.deps.db, world.app.deps.secrets);
    await connections.setInactive(world.connection.id, true);
    try {
      const res = await runNow();
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toMatch(/is disabled; enable it to import licences/);
    } finally {
      await connections.setInactive(world.connection.id, false);
    }
  });
});

describe('Run licences now on a server without a job queue', () => {
  let bare: LicenceWorld;
  beforeAll(async () => {
    bare = await startLicenceWorld({ tenants: 1 });
  }, 90_000);
  afterAll(async () => {
    await bare?.close();
  });

  it('says so, as the integrator does', async () => {
    const res = await call(
      bare.app,
      bare.admin,
      'POST',
      `/api/csp/connections/${bare.connection.id}/licences/run`,
      {},
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(
      'This server runs no job queue, so nothing can be queued from here; use a server with a queue.',
    );
  });
});
