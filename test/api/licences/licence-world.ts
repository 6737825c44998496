import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { EntraImportConfigInput } from '../../../src/contracts/entra/index.js';
import type { LicenceChangeView } from '../../../src/contracts/api/licence-changes.js';
import { createSkuRecord } from '../../../src/emulator/graph/licences/records.js';
import type { TenantRecord } from '../../../src/emulator/state/types.js';
import { createAppJobRuntime } from '../../../src/api/app.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, givenCustomer, type Caller } from '../access/fixtures.js';
import { entraConfig, startEntraWorld, type EntraWorld } from '../entra/fixtures.js';
import { givenScenario, type ImportScenario } from '../entra/import-scenario.js';

export const SPB = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
export const EMS = 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e';

/**
 * A tenant whose licences the desk manages: an emulated Entra tenant (its app may write users and
 * licences), imported users on a customer's Main site, the tenant's SKUs in the desk as the
 * licences module would have imported them, and "Allow licences to be managed from Rollcall" on.
 * `workers: true` runs the job queue in the app, so queued changes are sent as in production.
 */
export interface LicenceWorld {
  world: EntraWorld;
  app: TestApp;
  admin: Caller;
  s: ImportScenario;
  customerId: string;
  tenant(): TenantRecord;
  /** Imports the tenant's users (Import Users → apply). */
  importUsers(): Promise<void>;
  /** The desk user id of person `n`. */
  deskId(n: number): Promise<string>;
  /** Waits for a change to settle (succeeded/failed) and returns it. */
  settled(id: string): Promise<LicenceChangeView>;
  seats(skuId: string): { total: number; consumed: number };
  close(): Promise<void>;
}

export async function startLicenceWorld(options: {
  workers: boolean;
  people: number;
  /** False: the tenant's SKUs are not put in the desk (a test runs the licences module itself). */
  seedLicences?: boolean;
  /** More Graph application permissions for the connection's app (e.g. group membership writes). */
  extraGraphRoles?: string[];
}): Promise<LicenceWorld> {
  const world = await startEntraWorld();
  const app = await startTestApp({
    config: entraConfig(world),
    ...(options.workers ? { jobs: createAppJobRuntime } : {}),
  });
  const db = app.deps.db;
  await givenBuiltInRoles(db);
  const admin = await givenAgent(db, { roleNames: ['Administrator'] });
  const customer = await givenCustomer(db, `Licensed ${randomUUID().slice(0, 6)}`);
  const s = await givenScenario({ world, app, admin }, 'licences', {
    graphRoles: [
      'User.Read.All',
      'Group.Read.All',
      'Organization.Read.All',
      'User.ReadWrite.All',
      ...(options.extraGraphRoles ?? []),
    ],
  });
  const tenant = () => world.emu.estate.tenant(s.tenantId)!;
  tenant().skus.set(SPB, createSkuRecord({ sku: 'SPB', enabled: 5 }));
  tenant().skus.set(EMS, createSkuRecord({ sku: 'EMS', enabled: 100 }));
  for (let n = 1; n <= options.people; n += 1) s.person(n, { usageLocation: 'GB' });
  const config: EntraImportConfigInput = {
    userFieldMappings: [
      { entraField: 'displayName', deskField: 'displayName', overwriteWithBlank: false },
      { entraField: 'userPrincipalName', deskField: 'userPrincipalName', overwriteWithBlank: false },
    ],
    agentFieldMappings: [],
    siteMappings: [
      {
        id: randomUUID(),
        type: 'existingSite',
        sequence: 10,
        description: 'Everyone',
        siteId: customer.defaultSite.id,
      },
    ] as EntraImportConfigInput['siteMappings'],
  };
  await s.configure(config);

  const seats = (skuId: string) => {
    const sku = tenant().skus.get(skuId)!;
    return { total: sku.prepaidUnits.enabled + sku.prepaidUnits.warning, consumed: sku.consumedUnits };
  };
  // The tenant's SKUs as the licences module imports them (Graph subscribedSkus).
  for (const skuId of options.seedLicences === false ? [] : [SPB, EMS]) {
    const sku = tenant().skus.get(skuId)!;
    await db.execute(sql`insert into customer_licences
        (connection_id, tenant_id, customer_id, sku_id, sku_part_number, friendly_name, capability_status,
         total_units, consumed_units, source)
        values (${s.connectionId}, ${s.tenantId}, ${customer.customer.id}, ${skuId}, ${sku.skuPartNumber},
                ${skuId === SPB ? 'Microsoft 365 Business Premium' : 'Enterprise Mobility + Security E3'},
                'Enabled', ${seats(skuId).total}, ${seats(skuId).consumed}, 'graph')`);
  }
  const managed = await call(app, admin, 'PUT', `/api/connections/${s.connectionId}/licence-management`, {
    enabled: true,
  });
  expect(managed.statusCode, managed.body).toBe(200);

  return {
    world,
    app,
    admin,
    s,
    customerId: customer.customer.id,
    tenant,
    async importUsers() {
      const result = await s.apply();
      expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    },
    async deskId(n) {
      const desk = await s.desk(n);
      if (!desk) throw new Error(`person ${n} has no desk user`);
      return desk.id;
    },
    async settled(id) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const res = await call(app, admin, 'GET', `/api/licence-changes/${id}`);
        const change = res.json() as LicenceChangeView;
        if (change.status === 'succeeded' || change.status === 'failed') return change;
        if (Date.now() > deadline) throw new Error(`licence change ${id} still ${change.status}`);
        await sleep(100);
      }
    },
    seats,
    async close() {
      await app.close();
      await world.close();
    },
  };
}
