import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntraImportConfigInput } from '../../../src/contracts/entra/index.js';
import type { LicenceUserView } from '../../../src/contracts/api/csp-licences.js';
import { createSkuRecord } from '../../../src/emulator/graph/licences/records.js';
import { queryRows, schema } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, givenCustomer, type Caller } from '../access/fixtures.js';
import { entraConfig, startEntraWorld, type EntraWorld } from '../entra/fixtures.js';
import { givenScenario, type ImportScenario } from '../entra/import-scenario.js';

/**
 * The licences desk users hold, recorded by the users import from each user's assignedLicenses
 * (and licenseAssignmentStates for group inheritance), and listed under the customer's licence.
 */
let world: EntraWorld;
let app: TestApp;
let admin: Caller;
let s: ImportScenario;
let customer: Awaited<ReturnType<typeof givenCustomer>>;

const SPB = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const EMS = 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e';
const PLAN = '8a256a2b-b617-496d-b51b-e76466e88db0';

const field = (entraField: string, deskField: string) => ({
  entraField,
  deskField,
  overwriteWithBlank: false,
});

beforeAll(async () => {
  world = await startEntraWorld();
  app = await startTestApp({ config: entraConfig(world) });
  await givenBuiltInRoles(app.deps.db);
  admin = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
  customer = await givenCustomer(app.deps.db, 'Licensed');
  s = await givenScenario({ world, app, admin }, 'licensed');
  const tenant = world.emu.estate.tenant(s.tenantId)!;
  tenant.skus.set(SPB, createSkuRecord({ sku: 'SPB', enabled: 10 }));
  tenant.skus.set(EMS, createSkuRecord({ sku: 'EMS', enabled: 10 }));
  s.person(1, { assignedLicenses: [{ skuId: SPB, disabledPlans: [PLAN] }] });
  s.person(2, {
    assignedLicenses: [
      { skuId: SPB, disabledPlans: [] },
      { skuId: EMS, disabledPlans: [] },
    ],
    licenseAssignmentStates: [
      { skuId: SPB, assignedByGroup: null, state: 'Active' },
      { skuId: EMS, assignedByGroup: randomUUID(), state: 'Active' },
    ],
  });
  s.person(3, { assignedLicenses: [] });
  const config: EntraImportConfigInput = {
    userFieldMappings: [field('displayName', 'displayName'), field('userPrincipalName', 'userPrincipalName')],
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
}, 60_000);
afterAll(async () => {
  await app?.close();
  await world?.close();
});

async function licencesOfPerson(n: number) {
  const desk = await s.desk(n);
  return app.deps.db
    .select()
    .from(schema.deskUserLicences)
    .where(eq(schema.deskUserLicences.deskUserId, desk!.id))
    .orderBy(schema.deskUserLicences.skuId);
}

async function licenceRowsWritten(): Promise<string> {
  const [row] = await queryRows<{ stamp: string }>(
    app.deps.db,
    sql`select coalesce(max(updated_at)::text, '') || '/' || count(*)::text as stamp from desk_user_licences`,
  );
  return row!.stamp;
}

describe('desk users’ licences from the users import', () => {
  it('records each imported user’s licences, disabled plans and group inheritance', async () => {
    const applied = await s.apply();
    expect(applied.status).toBe('succeeded');
    expect((await licencesOfPerson(1)).map((l) => [l.skuId, l.disabledPlans, l.viaGroup])).toEqual([
      [SPB, [PLAN], false],
    ]);
    expect((await licencesOfPerson(2)).map((l) => [l.skuId, l.viaGroup])).toEqual([
      [SPB, false],
      [EMS, true],
    ]);
    expect(await licencesOfPerson(3)).toEqual([]);
  });

  it('writes nothing when no one’s licences changed', async () => {
    const before = await licenceRowsWritten();
    expect((await s.apply()).status).toBe('succeeded');
    expect(await licenceRowsWritten()).toBe(before);
  });

  it('follows licences added, changed and removed in Entra', async () => {
    s.updatePerson(1, { assignedLicenses: [{ skuId: SPB, disabledPlans: [] }] });
    s.updatePerson(2, { assignedLicenses: [{ skuId: EMS, disabledPlans: [] }], licenseAssignmentStates: [] });
    s.updatePerson(3, { assignedLicenses: [{ skuId: EMS, disabledPlans: [] }] });
    expect((await s.apply()).status).toBe('succeeded');
    expect((await licencesOfPerson(1)).map((l) => [l.skuId, l.disabledPlans])).toEqual([[SPB, []]]);
    expect((await licencesOfPerson(2)).map((l) => [l.skuId, l.viaGroup])).toEqual([[EMS, false]]);
    expect((await licencesOfPerson(3)).map((l) => l.skuId)).toEqual([EMS]);
  });

  it('lists a licence’s users on the customer record', async () => {
    const [licence] = await app.deps.db
      .insert(schema.customerLicences)
      .values({
        connectionId: (await app.deps.db.select().from(schema.connections).limit(1))[0]!.id,
        tenantId: s.tenantId,
        customerId: customer.customer.id,
        skuId: EMS,
        skuPartNumber: 'EMS',
        friendlyName: 'Enterprise Mobility + Security E3',
        capabilityStatus: 'Enabled',
        totalUnits: 10,
        consumedUnits: 2,
        source: 'partnerCenter',
      })
      .returning();
    const reader = await givenAgent(app.deps.db, { permissions: ['customers.read'] });
    const res = await call(
      app,
      reader,
      'GET',
      `/api/customers/${customer.customer.id}/licences/${licence!.id}/users`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: LicenceUserView[]; total: number };
    expect(page.total).toBe(2);
    const ids = [(await s.desk(2))!.id, (await s.desk(3))!.id].sort();
    expect(page.items.map((u) => u.deskUserId).sort()).toEqual(ids);
    const list = await call(app, reader, 'GET', `/api/customers/${customer.customer.id}/licences`);
    expect(list.json().items[0].usersLinked).toBe(2);
  });
});
