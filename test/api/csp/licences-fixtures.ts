import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { createAppJobRuntime } from '../../../src/api/app.js';
import type { Emulator } from '../../../src/emulator/index.js';
import type { PcCustomerRecord } from '../../../src/emulator/state/types.js';
import {
  createConnectionRepository,
  createCustomerRepository,
  schema,
  type ConnectionSummary,
  type Database,
} from '../../../src/store/index.js';
import { authorisePartnerUser } from '../../microsoft/sign-in.js';
import { emulatorEndpoints, startEmulator } from '../../support/emulator.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { queryRows } from '../../../src/store/sql-rows.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import { freePort } from '../entra/notifications-fixtures.js';

/**
 * A CSP world for the licences tests: an emulator with a partner and its customers (real HTTPS),
 * Rollcall on a fresh database, a CSP connection made with the partner's Partner Center app, and
 * the csp_tenants and tenant_mappings rows the tenants feature would write (made directly here).
 */
export interface LicenceWorld {
  emu: Emulator;
  app: TestApp;
  admin: Caller;
  connection: ConnectionSummary;
  /** Customer tenants of the partner, in the emulator's order. */
  customerTenantIds: string[];
  close(): Promise<void>;
}

export async function startLicenceWorld(
  options: {
    tenants?: number;
    /** Users of the emulated estate (default 60) and the seed that makes it (default 7). */
    users?: number;
    seed?: number;
    /** With the job queue and its workers: "Run licences now" queues integrator jobs. */
    jobs?: boolean;
    /**
     * Whether a partner user has authorised the connection (default true): Partner Center serves
     * subscribed SKUs to App+User credentials only; without, the connection has the app's secret alone.
     */
    authorised?: boolean;
    /** Rollcall listens on a free port (for webhooks), its public URL set to it unless `publicUrl` is false. */
    listen?: boolean;
    publicUrl?: boolean;
  } = {},
): Promise<LicenceWorld> {
  const emu = await startEmulator({
    tenants: options.tenants ?? 3,
    users: options.users ?? 60,
    listen: true,
    seed: options.seed ?? 7,
  });
  const info = emu.info();
  let app: TestApp | undefined;
  const port = options.listen ? await freePort() : 0;
  try {
    app = await startTestApp({
      ...(options.jobs ? { jobs: createAppJobRuntime } : {}),
      config: {
        ...(options.listen && options.publicUrl !== false ? { publicUrl: `http://127.0.0.1:${port}` } : {}),
        microsoft: emulatorEndpoints(info),
      },
    });
    if (options.listen) await app.app.listen({ port, host: '127.0.0.1' });
    const db = app.deps.db;
    await givenBuiltInRoles(db);
    const admin = await givenAgent(db, { roleNames: ['Administrator'] });
    const partnerApp = info.apps.find((a) => a.kind === 'partner');
    if (!partnerApp?.clientSecret || !info.partnerTenantId)
      throw new Error('the emulator has no partner app');
    const connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind: 'csp',
      name: `CSP ${randomUUID().slice(0, 8)}`,
      tenantId: info.partnerTenantId,
      clientId: partnerApp.clientId,
      secrets: {
        clientSecret: partnerApp.clientSecret,
        ...(options.authorised === false
          ? {}
          : { refreshToken: (await authorisePartnerUser(emu)).refreshToken }),
      },
    });
    const customerTenantIds = info.tenants.map((t) => t.id).filter((id) => id !== info.partnerTenantId);
    for (const tenantId of customerTenantIds) {
      const tenant = emu.estate.tenant(tenantId)!;
      await db.insert(schema.cspTenants).values({
        connectionId: connection.id,
        tenantId,
        name: tenant.displayName,
        defaultDomain: tenant.initialDomain,
        resellerRelationship: true,
      });
    }
    const started = app;
    return {
      emu,
      app: started,
      admin,
      connection,
      customerTenantIds,
      async close() {
        await started.close();
        await emu.close();
      },
    };
  } catch (error) {
    await app?.close();
    await emu.close();
    throw error;
  }
}

/** A desk customer (with its Main site). */
export async function givenDeskCustomer(db: Database, name: string): Promise<string> {
  const { customer } = await createCustomerRepository(db).create({
    name: `${name} ${randomUUID().slice(0, 8)}`,
  });
  return customer.id;
}

/** Maps a tenant of the connection to a customer, or to "Do not import" (customerId null). */
export async function mapTenant(
  db: Database,
  connectionId: string,
  tenantId: string,
  customerId: string | null,
  licenceImportType: 'skus' | 'subscriptions' | 'both' | null = null,
): Promise<void> {
  await db.delete(schema.tenantMappings).where(eq(schema.tenantMappings.tenantId, tenantId));
  await db.insert(schema.tenantMappings).values({
    tenantId,
    connectionId,
    customerId,
    doNotImport: customerId === null,
    licenceImportType,
  });
}

/** Sets the connection's licence import type (guide 002's Licences & Subscriptions tab). */
export async function setConnectionImportType(
  world: LicenceWorld,
  type: 'skus' | 'subscriptions' | 'both' | null,
) {
  await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).update(world.connection.id, {
    settings: { licenceImportType: type },
  });
  const updated = await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).findById(
    world.connection.id,
  );
  world.connection = updated!;
}

/** One tenant's licences run as the connection's runs list records it. */
export interface LicenceRun {
  tenantId: string;
  runId: string;
  status: string;
  counts: Record<string, number>;
  error: { code: string; message: string } | null;
}

/**
 * "Run licences now" as the administrator (the world needs `jobs`): expects 202 with one queued
 * `licences` job per tenant, waits for the jobs as a person would watch the runs list, and
 * returns each tenant's run.
 */
export async function runLicencesNow(world: LicenceWorld, tenantIds?: string[]): Promise<LicenceRun[]> {
  const requestedAt = new Date();
  const res = await call(
    world.app,
    world.admin,
    'POST',
    `/api/csp/connections/${world.connection.id}/licences/run`,
    tenantIds ? { tenantIds } : {},
  );
  expect(res.statusCode, res.body).toBe(202);
  const jobs = (res.json() as { jobs: { tenantId: string; module: string; jobId: string }[] }).jobs;
  expect(jobs.every((j) => j.module === 'licences')).toBe(true);
  for (const job of jobs) await jobFinished(world, job.jobId);
  const runs = await queryRows<LicenceRun & { tenant_id: string; run_id: string }>(
    world.app.deps.db,
    sql`select distinct on (tenant_id) tenant_id, id as run_id, status, counts, error from sync_runs
         where connection_id = ${world.connection.id} and module = 'licences' and started_at >= ${requestedAt}
         order by tenant_id, started_at desc`,
  );
  return jobs.map((job) => {
    const run = runs.find((r) => r.tenant_id === job.tenantId);
    if (!run) throw new Error(`no licences run of tenant ${job.tenantId}`);
    return {
      tenantId: job.tenantId,
      runId: run.run_id,
      status: run.status,
      counts: run.counts,
      error: run.error,
    };
  });
}

/** Waits for a queued job to be done (completed or failed). */
export async function jobFinished(world: LicenceWorld, jobId: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const job = await world.app.deps.jobs!.job('sync.tenant', jobId);
    if (job && ['completed', 'failed'].includes(job.state)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** The partner's Partner Center state in the emulator. */
export function partnerCenterOf(emu: Emulator) {
  return emu.estate.tenant(emu.estate.partnerTenantId!)!.partnerCenter!;
}

/** A customer's Partner Center record (to end its reseller relationship, say). */
export function pcCustomer(emu: Emulator, tenantId: string): PcCustomerRecord {
  return partnerCenterOf(emu).customers.get(tenantId)!;
}

/** GET as `caller`, expecting 200. */
export async function getJson<T>(world: LicenceWorld, caller: Caller, url: string): Promise<T> {
  const res = await call(world.app, caller, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}
