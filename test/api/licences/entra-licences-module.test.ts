import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LicenceChangeView } from '../../../src/contracts/api/licence-changes.js';
import type { EntraImportConfigInput } from '../../../src/contracts/entra/index.js';
import { createSkuRecord } from '../../../src/emulator/graph/licences/records.js';
import { runConnectionLicences } from '../../../src/api/integrations/licences/index.js';
import { createConnectionRepository, queryRows } from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import { givenScenario } from '../entra/import-scenario.js';
import { EMS, SPB, startLicenceWorld, type LicenceWorld } from './licence-world.js';

/**
 * The licences module of an Entra connection (Graph `subscribedSkus`): the desk's licences of the
 * tenant come from Microsoft, not from rows a test put there, and licence changes work on them.
 */
let w: LicenceWorld;

interface LicenceRow {
  sku_id: string;
  customer_id: string | null;
  friendly_name: string;
  capability_status: string;
  total_units: number;
  consumed_units: number;
  suspended_units: number;
  warning_units: number;
  source: string;
  service_plans: { servicePlanId: string; servicePlanName: string }[];
  removed: boolean;
}

const rows = () =>
  queryRows<LicenceRow>(
    w.app.deps.db,
    sql`select sku_id, customer_id, friendly_name, capability_status, total_units, consumed_units,
               suspended_units, warning_units, source, service_plans, removed_at is not null as removed
          from customer_licences where connection_id = ${w.s.connectionId} order by friendly_name`,
  );
const skuReads = () =>
  w.world.emu.context.counters.total({ route: 'GET /subscribedSkus', tenantId: w.s.tenantId });

/** "Run now" of the licences module on the connection's integrator, waited out; its run record. */
async function runLicences() {
  const res = await call(
    w.app,
    w.admin,
    'POST',
    `/api/entra/connections/${w.s.connectionId}/integrator/run`,
    {
      module: 'licences',
    },
  );
  expect(res.statusCode, res.body).toBe(201);
  const [job] = (res.json() as { jobs: { jobId: string; module: string }[] }).jobs;
  expect(job?.module).toBe('licences');
  for (let i = 0; i < 300; i += 1) {
    const info = await w.app.deps.jobs!.job('sync.tenant', job!.jobId);
    if (info?.state === 'completed' || info?.state === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const [run] = await queryRows<{
    status: string;
    counts: Record<string, number>;
    graph_requests: number;
    error: { code: string; message: string } | null;
    id: string;
  }>(
    w.app.deps.db,
    sql`select id, status, counts, graph_requests, error from sync_runs
         where connection_id = ${w.s.connectionId} and module = 'licences' order by started_at desc limit 1`,
  );
  return run!;
}

beforeAll(async () => {
  w = await startLicenceWorld({ workers: true, people: 3, seedLicences: false });
  const tenant = w.tenant();
  tenant.skus.set(SPB, createSkuRecord({ sku: 'SPB', enabled: 5, warning: 2, suspended: 1 }));
  await w.importUsers();
}, 90_000);
afterAll(async () => {
  await w?.close();
});

describe('the licences module of an Entra connection', () => {
  it('is one of the modules the connection’s integrator offers', async () => {
    const res = await call(w.app, w.admin, 'GET', `/api/entra/connections/${w.s.connectionId}/integrator`);
    expect(res.json().modules).toEqual(['licences', 'users', 'agents', 'assets']);
  });

  it('imports the tenant’s subscribed SKUs for the customer its site mappings reach', async () => {
    const before = skuReads();
    const run = await runLicences();
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts).toMatchObject({ 'licences.created': 2 });
    expect(run.graph_requests).toBe(1);
    expect(skuReads() - before).toBe(1);
    const [ems, spb] = await rows();
    expect(ems).toMatchObject({
      sku_id: EMS,
      customer_id: w.customerId,
      friendly_name: 'Enterprise Mobility + Security E3',
      capability_status: 'Enabled',
      total_units: 100,
      consumed_units: 0,
      source: 'graph',
      removed: false,
    });
    // Warning seats are still assignable during the grace period: total = enabled + warning.
    expect(spb).toMatchObject({
      sku_id: SPB,
      friendly_name: 'Microsoft 365 Business Premium',
      total_units: 7,
      warning_units: 2,
      suspended_units: 1,
    });
    expect(spb!.service_plans.length).toBeGreaterThan(0);
    expect(spb!.service_plans).toContainEqual(
      expect.objectContaining({ servicePlanName: expect.stringMatching(/EXCHANGE/) }),
    );
    const log = await queryRows<{ reason: string; reason_code: string }>(
      w.app.deps.db,
      sql`select reason, reason_code from inbound_log where sync_run_id = ${run.id}`,
    );
    expect(log).toHaveLength(2);
    expect(log[0]).toEqual({
      reason: 'new licence returned by Microsoft Graph',
      reason_code: 'licences.create',
    });
  });

  it('writes nothing when run again with nothing changed', async () => {
    const run = await runLicences();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ 'licences.unchanged': 2 });
    expect(run.counts['licences.created'] ?? 0).toBe(0);
    const log = await queryRows<{ n: number }>(
      w.app.deps.db,
      sql`select count(*)::int as n from inbound_log where sync_run_id = ${run.id}`,
    );
    expect(log[0]!.n).toBe(0);
  });

  it('assigns a licence the module imported, and the desk follows Microsoft’s answer', async () => {
    const userId = await w.deskId(1);
    const res = await call(w.app, w.admin, 'POST', `/api/users/${userId}/licence-changes`, {
      operation: 'assign',
      skuId: EMS,
    });
    expect(res.statusCode, res.body).toBe(202);
    const change = await w.settled((res.json() as LicenceChangeView).id);
    expect(change).toMatchObject({ status: 'succeeded', skuName: 'Enterprise Mobility + Security E3' });
    const held = await call(w.app, w.admin, 'GET', `/api/users/${userId}/licences`);
    expect(held.json().licences).toEqual([
      expect.objectContaining({ skuId: EMS, name: 'Enterprise Mobility + Security E3', viaGroup: false }),
    ]);
    expect(w.seats(EMS).consumed).toBe(1);
    const ems = (await rows()).find((r) => r.sku_id === EMS)!;
    expect(ems.consumed_units).toBe(1);
  });

  it('follows seat changes and marks a SKU Microsoft no longer returns as removed', async () => {
    w.tenant().skus.get(SPB)!.prepaidUnits.enabled = 10;
    w.tenant().skus.delete(EMS);
    const run = await runLicences();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ 'licences.updated': 1, 'licences.removed': 1 });
    const [ems, spb] = await rows();
    expect(ems).toMatchObject({ sku_id: EMS, removed: true });
    expect(spb).toMatchObject({ total_units: 12, removed: false });
  });

  it('says whose licences it cannot tell, and what to do, instead of guessing a customer', async () => {
    const other = await givenScenario({ world: w.world, app: w.app, admin: w.admin }, 'nobody', {
      graphRoles: ['User.Read.All', 'Group.Read.All', 'Organization.Read.All'],
    });
    w.world.emu.estate.tenant(other.tenantId)!.skus.set(EMS, createSkuRecord({ sku: 'EMS', enabled: 3 }));
    const connection = (await createConnectionRepository(w.app.deps.db, w.app.deps.secrets).findById(
      other.connectionId,
    ))!;
    const [result] = await runConnectionLicences(w.app.deps, connection, { trigger: 'manual' });
    expect(result).toMatchObject({
      status: 'skipped',
      error: {
        code: 'licences.noCustomer',
        message: expect.stringContaining('run the users module first'),
      },
    });
    const written = await queryRows<{ n: number }>(
      w.app.deps.db,
      sql`select count(*)::int as n from customer_licences where connection_id = ${other.connectionId}`,
    );
    expect(written[0]!.n).toBe(0);
  });

  it('records Microsoft refusing an app without permission to read the tenant’s licences', async () => {
    const other = await givenScenario({ world: w.world, app: w.app, admin: w.admin }, 'unread', {
      graphRoles: ['User.Read.All', 'Group.Read.All'],
    });
    await other.configure({
      userFieldMappings: [],
      agentFieldMappings: [],
      siteMappings: [
        {
          id: '5d1c1f0e-8a1b-4c2d-9e3f-0a1b2c3d4e5f',
          type: 'existingSite',
          sequence: 10,
          description: 'Everyone',
          siteId: (
            await queryRows<{ id: string }>(
              w.app.deps.db,
              sql`select id from sites where customer_id = ${w.customerId} limit 1`,
            )
          )[0]!.id,
        },
      ] as EntraImportConfigInput['siteMappings'],
    });
    const connection = (await createConnectionRepository(w.app.deps.db, w.app.deps.secrets).findById(
      other.connectionId,
    ))!;
    const [result] = await runConnectionLicences(w.app.deps, connection, { trigger: 'manual' });
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'Authorization_RequestDenied' },
      transient: false,
    });
    const [run] = await queryRows<{ status: string; error: { code: string } }>(
      w.app.deps.db,
      sql`select status, error from sync_runs where id = ${result!.runId}`,
    );
    expect(run).toMatchObject({ status: 'failed', error: { code: 'Authorization_RequestDenied' } });
  });
});
