import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { EntraImportConfigInput } from '../../../src/contracts/entra/index.js';
import type { EmulatorBehaviourInput } from '../../../src/emulator/config.js';
import { runConnectionImport } from '../../../src/api/integrations/entra/run-import.js';
import { createCheckpointRepository, createConnectionRepository, schema } from '../../../src/store/index.js';
import { deltaResource } from '../../../src/sync/entra/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { givenAgent, givenBuiltInRoles, givenCustomer, type Caller } from '../access/fixtures.js';
import { entraConfig, startEntraWorld, type EntraWorld } from './fixtures.js';
import { givenScenario, type ImportScenario } from './import-scenario.js';

/**
 * Shared pieces of the delta suites that run Rollcall against the emulator under replays, small
 * pages and faults: an app and an emulator per file, a scenario with a group-filtered site
 * mapping, integrator-style runs, and desk snapshots to compare a delta run with a full read.
 */
export interface DeltaContext {
  world: EntraWorld;
  app: TestApp;
  admin: Caller;
  close(): Promise<void>;
}

export async function startDeltaContext(): Promise<DeltaContext> {
  const world = await startEntraWorld();
  const app = await startTestApp({ config: entraConfig(world) });
  await givenBuiltInRoles(app.deps.db);
  const admin = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
  return {
    world,
    app,
    admin,
    async close() {
      await app.close();
      await world.close();
    },
  };
}

const field = (entraField: string, deskField: string, overwriteWithBlank = false) => ({
  entraField,
  deskField,
  overwriteWithBlank,
});

/** Names, mail, UPN and department (cleared in the desk when cleared in Entra). */
export const DELTA_FIELDS = [
  field('displayName', 'displayName'),
  field('givenName', 'givenName', true),
  field('surname', 'surname', true),
  field('mail', 'email'),
  field('userPrincipalName', 'userPrincipalName'),
  field('department', 'department', true),
];

export interface DeltaScenario {
  s: ImportScenario;
  customer: Awaited<ReturnType<typeof givenCustomer>>;
  config: EntraImportConfigInput;
  /** Members of this group (transitively) go to the customer's other site, everyone else to its default. */
  branch: string;
}

/** A scenario on a connection using delta queries (`allChanges`), with the Branch site mapping. */
export async function givenDeltaScenario(
  ctx: DeltaContext,
  label: string,
  more: Partial<EntraImportConfigInput> = {},
): Promise<DeltaScenario> {
  const s = await givenScenario(ctx, label);
  const customer = await givenCustomer(ctx.app.deps.db, label);
  const branch = s.group('Branch');
  const config: EntraImportConfigInput = {
    userFieldMappings: DELTA_FIELDS,
    agentFieldMappings: [],
    siteMappings: [
      {
        id: randomUUID(),
        type: 'existingSite',
        sequence: 10,
        description: 'Branch staff',
        siteId: customer.otherSite.id,
        groupName: 'Branch',
      },
      {
        id: randomUUID(),
        type: 'existingSite',
        sequence: 20,
        description: 'Everyone else',
        siteId: customer.defaultSite.id,
      },
    ],
    delta: { enabled: true, method: 'allChanges' },
    // Small tenants: a few deletions are a large share, and the guard is not what these suites test.
    import: { deactivateNotFound: true, massDeactivationGuardPercent: 100, importLastSignIn: false },
    ...more,
  };
  const saved = await s.save(config, true);
  expect(saved.statusCode, saved.body).toBe(200);
  return { s, customer, config, branch };
}

/** Deep-merges `patch` into the emulator's behaviour switches (the admin API). */
export async function emulatorConfig(ctx: DeltaContext, patch: EmulatorBehaviourInput): Promise<void> {
  const res = await ctx.world.emu.inject({ method: 'PATCH', url: '/_emulator/config', body: patch });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** One integrator-style run of the users module: the tenant's result, its run record, Graph requests made. */
export async function runImport(ctx: DeltaContext, s: ImportScenario, read: 'auto' | 'full' = 'auto') {
  const { app, world } = ctx;
  const before = world.emu.counters.total({ service: 'graph', tenantId: s.tenantId });
  const connection = await createConnectionRepository(app.deps.db, app.deps.secrets).findById(s.connectionId);
  if (!connection) throw new Error('connection not found');
  const [result] = await runConnectionImport(app.deps, connection, {
    module: 'users',
    trigger: 'scheduled',
    read,
    dryRun: false,
  });
  const [record] = await app.deps.db
    .select()
    .from(schema.syncRuns)
    .where(eq(schema.syncRuns.id, result!.runId));
  const requests = world.emu.counters.total({ service: 'graph', tenantId: s.tenantId }) - before;
  return { result: result!, record: record!, requests };
}

export async function checkpointOf(ctx: DeltaContext, s: ImportScenario) {
  return createCheckpointRepository(ctx.app.deps.db).get({
    connectionId: s.connectionId,
    tenantId: s.tenantId,
    resource: deltaResource('users'),
  });
}

/** A desk user as the comparisons see it. */
export interface DeskRow {
  entraObjectId: string | null;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  email: string | null;
  userPrincipalName: string | null;
  department: string | null;
  site: string;
  inactive: boolean;
}

/**
 * Every desk user of the scenario's customer, by linked Entra id: the names, mail, department,
 * site (`default` / `branch`, so two customers compare) and whether inactive.
 */
export async function deskSnapshot(ctx: DeltaContext, scenario: DeltaScenario): Promise<DeskRow[]> {
  const { customer } = scenario;
  const rows = await ctx.app.deps.db
    .select({
      entraObjectId: schema.deskUsers.entraObjectId,
      displayName: schema.deskUsers.displayName,
      givenName: schema.deskUsers.givenName,
      surname: schema.deskUsers.surname,
      email: schema.deskUsers.email,
      userPrincipalName: schema.deskUsers.userPrincipalName,
      department: schema.deskUsers.department,
      siteId: schema.deskUsers.siteId,
      inactive: schema.deskUsers.inactive,
    })
    .from(schema.deskUsers)
    .where(eq(schema.deskUsers.customerId, customer.customer.id));
  const siteOf = (siteId: string) =>
    siteId === customer.defaultSite.id ? 'default' : siteId === customer.otherSite.id ? 'branch' : siteId;
  return rows
    .map(({ siteId, ...row }) => ({ ...row, site: siteOf(siteId) }))
    .sort((a, b) => (a.entraObjectId ?? '').localeCompare(b.entraObjectId ?? ''));
}

/**
 * Runs a full read after a delta run and expects it to find nothing to do and to leave the desk as
 * the delta run left it; returns that desk.
 */
export async function expectFullReadAgrees(ctx: DeltaContext, scenario: DeltaScenario): Promise<DeskRow[]> {
  const afterDelta = await deskSnapshot(ctx, scenario);
  const full = await runImport(ctx, scenario.s, 'full');
  expect(full.result.status).toBe('succeeded');
  expect(full.result.plan?.summary).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
  expect(await deskSnapshot(ctx, scenario)).toEqual(afterDelta);
  return afterDelta;
}
