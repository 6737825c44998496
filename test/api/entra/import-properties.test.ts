import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionImport } from '../../../src/api/integrations/entra/run-import.js';
import type { EntraImportConfigInput } from '../../../src/contracts/entra/index.js';
import { writes } from '../../../src/domain/entra-import/testing/properties.js';
import { createConnectionRepository, createRoleRepository, schema } from '../../../src/store/index.js';
import type { TenantRunResult } from '../../../src/sync/entra/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, givenCustomer, type Caller } from '../access/fixtures.js';
import {
  connectionInput,
  createConnection,
  entraConfig,
  startEntraWorld,
  type EntraWorld,
} from './fixtures.js';
import { directoryArbitrary, GROUP_NAMES, indexOf, seedTenant, type Person } from './import-directory.js';

/**
 * Issue 4: the whole import pipeline (Graph read over HTTPS → plan → apply) gives the same desk
 * whatever pages Graph serves. Each import goes into a desk of its own: a new emulated tenant
 * (desk users are keyed by tenant), a new customer and a new connection in one app, which keeps
 * runs independent without paying for a database per run.
 */

let world: EntraWorld;
let app: TestApp;
let admin: Caller;
let roles: { staff: string; dental: string; noManager: string };

/** What Graph may do to pages: serve fewer than `$top`, and list in another order. */
interface Paging {
  listPageCap: number | null;
  listOrder: 'stable' | { shuffleSeed: number };
}
const DEFAULT_PAGING: Paging = { listPageCap: null, listOrder: 'stable' };
const cap = fc.option(fc.integer({ min: 1, max: 7 }), { nil: null });
const shuffled: fc.Arbitrary<Paging> = fc.record({
  listPageCap: cap,
  listOrder: fc.integer().map((shuffleSeed) => ({ shuffleSeed })),
});
const anyPaging: fc.Arbitrary<Paging> = fc.oneof(fc.constant(DEFAULT_PAGING), shuffled);

/** Back to an empty emulator with default switches (the run's tenants are seeded afterwards). */
async function resetEmulator() {
  const res = await world.emu.inject({ method: 'POST', url: '/_emulator/reset', body: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function setPaging(paging: Paging) {
  const res = await world.emu.inject({ method: 'PATCH', url: '/_emulator/config', body: { graph: paging } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

interface Desk {
  tenantId: string;
  customerId: string;
  connectionId: string;
}

function importConfig(
  customer: Awaited<ReturnType<typeof givenCustomer>>,
  lastSignIn: boolean,
): EntraImportConfigInput {
  const mapped = (entraField: string, deskField = entraField) => ({ entraField, deskField });
  return {
    userFieldMappings: [
      mapped('displayName'),
      mapped('givenName'),
      mapped('surname'),
      mapped('mail', 'email'),
      mapped('userPrincipalName'),
      mapped('department'),
      mapped('jobTitle'),
      mapped('officeLocation'),
      mapped('userType', 'creationType'),
      mapped('manager'),
    ],
    agentFieldMappings: [],
    siteMappings: [
      {
        id: randomUUID(),
        type: 'doNotImport',
        sequence: 1,
        description: 'Service accounts',
        filter: {
          combinator: 'and',
          criteria: [{ entraField: 'userPrincipalName', operator: 'startsWith', value: 'svc-' }],
        },
      },
      {
        id: randomUUID(),
        type: 'existingSite',
        sequence: 10,
        description: 'London clinicians',
        siteId: customer.otherSite.id,
        groupName: GROUP_NAMES.london,
        includeExternal: 'yes',
        userRoleId: roles.dental,
        filter: {
          combinator: 'or',
          criteria: [
            { entraField: 'department', operator: 'equals', value: 'Dental' },
            { entraField: 'jobTitle', operator: 'equals', value: 'Dentist' },
          ],
        },
      },
      {
        id: randomUUID(),
        type: 'customerByField',
        sequence: 20,
        description: 'Everyone else by office',
        customerId: customer.customer.id,
        siteNameField: 'officeLocation',
        includeExternal: 'licensedOnly',
      },
    ],
    groupMappings: { userRoles: [{ groupName: GROUP_NAMES.staff, roleId: roles.staff }] },
    users: { roleForUsersWithNoManagerId: roles.noManager },
    // With signInActivity selected the users query changes shape (and Graph caps its pages at 120).
    import: { importLastSignIn: lastSignIn },
  };
}

/** A desk of its own for `people`: tenant, customer, connection and saved configuration. */
async function newDesk(people: readonly Person[], lastSignIn: boolean): Promise<Desk> {
  const seeded = await seedTenant(world.emu, people);
  const customer = await givenCustomer(app.deps.db, 'Property');
  const connection = await createConnection(
    app,
    admin,
    connectionInput(seeded.app, { tenantId: seeded.tenantId }),
  );
  const saved = await call(app, admin, 'PUT', `/api/entra/connections/${connection.id}/import-config`, {
    expectedVersion: 0,
    config: importConfig(customer, lastSignIn),
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return { tenantId: seeded.tenantId, customerId: customer.customer.id, connectionId: connection.id };
}

/** Runs (applies) the import of `desk` as the API does; also reports how many users were read. */
async function runImport(desk: Desk): Promise<{ result: TenantRunResult; usersRead: number }> {
  const connection = await createConnectionRepository(app.deps.db, app.deps.secrets).findById(
    desk.connectionId,
  );
  let usersRead = -1;
  let unexpected: unknown = null;
  const [result] = await runConnectionImport(app.deps, connection!, {
    module: 'users',
    trigger: 'api',
    dryRun: false,
    onProgress: (event) => {
      if (event.phase === 'planning') usersRead = event.users;
    },
    onUnexpectedError: (error) => (unexpected = error),
  });
  if (unexpected) throw unexpected;
  expect(result!.status, JSON.stringify(result!.error)).toBe('succeeded');
  return { result: result!, usersRead };
}

/** Columns naming desk rows or times rather than what the import decided. */
const ROW_IDENTITY = new Set([
  'id',
  'customerId',
  'siteId',
  'tenantId',
  'entraObjectId',
  'managerId',
  'createdAt',
  'updatedAt',
]);

/**
 * The desk users linked to the desk's tenant without desk ids: people and managers by directory
 * index, customers and sites by name, every other column as stored, and the roles held.
 */
async function snapshot(desk: Desk) {
  const { db } = app.deps;
  const users = await db.select().from(schema.deskUsers).where(eq(schema.deskUsers.tenantId, desk.tenantId));
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const sites = await db
    .select()
    .from(schema.sites)
    .where(inArray(schema.sites.id, [...new Set(users.map((u) => u.siteId))]));
  const held = await db
    .select()
    .from(schema.deskUserRoleAssignments)
    .where(inArray(schema.deskUserRoleAssignments.deskUserId, ids));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const entraOf = new Map(users.map((u) => [u.id, u.entraObjectId!]));
  const managerOf = (deskId: string | null) => {
    if (deskId === null) return null;
    const entraId = entraOf.get(deskId);
    return entraId === undefined ? `desk user ${deskId} of another tenant` : indexOf(entraId);
  };
  return users
    .map((u) => ({
      person: indexOf(u.entraObjectId!),
      customer: u.customerId === desk.customerId ? 'the desk customer' : u.customerId,
      site: siteName.get(u.siteId),
      manager: managerOf(u.managerId),
      roles: held
        .filter((r) => r.deskUserId === u.id)
        .map((r) => r.roleId)
        .sort(),
      values: Object.fromEntries(Object.entries(u).filter(([column]) => !ROW_IDENTITY.has(column))),
    }))
    .sort((a, b) => a.person - b.person);
}

/** Each person's decision, by directory index. */
const decisions = (result: TenantRunResult) =>
  result
    .plan!.records.map((r) => ({ person: indexOf(r.entraId), outcome: r.outcome, reason: r.reasonCode }))
    .sort((a, b) => a.person - b.person);

beforeAll(async () => {
  world = await startEntraWorld();
  app = await startTestApp({ config: entraConfig(world) });
  await givenBuiltInRoles(app.deps.db);
  admin = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
  const role = async (name: string) =>
    (await createRoleRepository(app.deps.db).create({ kind: 'portal', name, permissions: [] })).id;
  roles = {
    staff: await role('Staff'),
    dental: await role('Clinician'),
    noManager: await role('Top of tree'),
  };
});
afterAll(async () => {
  await app?.close();
  await world?.close();
});

describe('Entra import pipeline properties (emulated Graph over HTTPS, PGlite desk)', () => {
  it('gives the same desk whatever page size and order Graph serves', async () => {
    await fc.assert(
      fc.asyncProperty(directoryArbitrary, fc.boolean(), shuffled, async (people, lastSignIn, paging) => {
        await resetEmulator();
        const baselineDesk = await newDesk(people, lastSignIn);
        const pagedDesk = await newDesk(people, lastSignIn);

        const baseline = await runImport(baselineDesk);
        await setPaging(paging);
        const paged = await runImport(pagedDesk);

        for (const run of [baseline, paged]) {
          expect(run.usersRead).toBe(people.length);
          expect(new Set(run.result.plan!.records.map((r) => r.entraId)).size).toBe(people.length);
        }
        expect(paged.result.plan!.summary).toEqual(baseline.result.plan!.summary);
        expect(decisions(paged.result)).toEqual(decisions(baseline.result));
        expect(await snapshot(pagedDesk)).toEqual(await snapshot(baselineDesk));
      }),
      { numRuns: 8 },
    );
  });

  it('writes and plans nothing when the same import runs again, with the same or other paging', async () => {
    await fc.assert(
      fc.asyncProperty(
        directoryArbitrary,
        fc.boolean(),
        anyPaging,
        anyPaging,
        async (people, lastSignIn, first, second) => {
          await resetEmulator();
          const desk = await newDesk(people, lastSignIn);
          await setPaging(first);
          await runImport(desk);
          const before = await snapshot(desk);

          await setPaging(second);
          const again = await runImport(desk);
          expect(again.usersRead).toBe(people.length);
          expect(
            Object.values(again.result.rowsWritten).every((n) => n === 0),
            JSON.stringify(again.result.rowsWritten),
          ).toBe(true);
          expect(writes(again.result.plan!.records)).toEqual([]);
          expect(again.result.plan!.summary).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
          expect(await snapshot(desk)).toEqual(before);
        },
      ),
      { numRuns: 8 },
    );
  });
});
