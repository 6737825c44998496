import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraImportConfigSchema, type EntraImportConfigInput } from '../../../src/contracts/entra/index.js';
import { runConnectionImport } from '../../../src/api/integrations/entra/run-import.js';
import {
  createCheckpointRepository,
  createConnectionRepository,
  createEntraConfigRepository,
  schema,
} from '../../../src/store/index.js';
import { deltaResource, parseDeltaCursor } from '../../../src/sync/entra/index.js';
import type { TestApp } from '../../support/app.js';
import { call, givenAgent, givenCustomer, givenPortalUser, type Caller } from '../access/fixtures.js';
import {
  checkpointOf as checkpointIn,
  DELTA_FIELDS,
  deskSnapshot,
  emulatorConfig,
  givenDeltaScenario as givenScenarioWithDelta,
  runImport,
  startDeltaContext,
  type DeltaContext,
  type DeltaScenario,
} from './delta-fixtures.js';
import type { EntraWorld } from './fixtures.js';
import type { ImportScenario } from './import-scenario.js';

/**
 * Delta runs (issue 5) against the emulator: what the integrator runs with `read: 'auto'` on a
 * connection using delta queries. Each describe has an emulated tenant of its own; every check
 * compares the desk with what a full read would give, and counts Graph requests where the point
 * of delta is to make fewer.
 */

let ctx: DeltaContext;
let world: EntraWorld;
let app: TestApp;
let admin: Caller;

const field = (entraField: string, deskField: string, overwriteWithBlank = false) => ({
  entraField,
  deskField,
  overwriteWithBlank,
});

beforeAll(async () => {
  ctx = await startDeltaContext();
  ({ world, app, admin } = ctx);
});
afterAll(async () => {
  await ctx?.close();
});

async function connectionOf(s: ImportScenario) {
  const connection = await createConnectionRepository(app.deps.db, app.deps.secrets).findById(s.connectionId);
  if (!connection) throw new Error('connection not found');
  return connection;
}

const run = (s: ImportScenario, read: 'auto' | 'full' = 'auto') => runImport(ctx, s, read);
const checkpointOf = (s: ImportScenario) => checkpointIn(ctx, s);
const deltaTokenLifetime = (seconds: number) =>
  emulatorConfig(ctx, { graph: { deltaTokenLifetimeSeconds: seconds } });
/** A scenario with the default mass-deactivation guard (the shared one turns it off). */
const givenDeltaScenario = (label: string, more: Partial<EntraImportConfigInput> = {}) =>
  givenScenarioWithDelta(ctx, label, {
    import: { deactivateNotFound: true, massDeactivationGuardPercent: 20, importLastSignIn: false },
    ...more,
  });

describe('a delta run', () => {
  let scenario: DeltaScenario;
  let s: ImportScenario;
  let customer: DeltaScenario['customer'];
  let branch: string;

  beforeAll(async () => {
    scenario = await givenDeltaScenario('delta');
    ({ s, customer, branch } = scenario);
    for (let n = 1; n <= 30; n += 1) s.person(n, { department: 'Sales' });
    const tenant = world.emu.estate.tenant(s.tenantId)!;
    for (const n of [1, 2]) world.emu.estate.addMember(tenant, branch, s.id(n), '#microsoft.graph.user');
  });

  it('without a checkpoint reads the tenant in full, says so, and stores links with the membership', async () => {
    const first = await run(s);
    expect(first.result.status).toBe('succeeded');
    expect(first.record).toMatchObject({ mode: 'full', modeReason: 'delta.noCheckpoint' });
    expect(first.result.plan?.summary).toMatchObject({ created: 30 });
    const checkpoint = await checkpointOf(s);
    expect(checkpoint.version).toBe(1);
    expect(parseDeltaCursor(checkpoint.cursor)).toMatchObject({ kind: 'links' });
    expect(checkpoint.state).toMatchObject({
      membership: { members: { branch: [s.id(1), s.id(2)] } },
    });
  });

  it('with nothing changed reads two empty rounds, plans nothing and writes nothing', async () => {
    const again = await run(s);
    expect(again.record).toMatchObject({ mode: 'delta', modeReason: null, status: 'succeeded' });
    expect(again.result.plan?.records).toEqual([]);
    expect(again.requests).toBe(2);
    expect((await checkpointOf(s)).version).toBe(2);
  });

  it('brings adds, updates, soft and hard deletes, restores and group moves, like a full read would', async () => {
    s.person(31, { department: 'Support' }, { joins: true });
    s.updatePerson(3, { department: 'Finance', displayName: 'Person 3 Renamed' });
    s.updatePerson(4, { department: null });
    s.deletePerson(5);
    s.deletePerson(6);
    world.emu.estate.purgeUser(world.emu.estate.tenant(s.tenantId)!, s.id(6));
    s.deletePerson(7);
    s.restorePerson(7);
    world.emu.estate.addMember(
      world.emu.estate.tenant(s.tenantId)!,
      branch,
      s.id(8),
      '#microsoft.graph.user',
    );
    world.emu.estate.removeMember(world.emu.estate.tenant(s.tenantId)!, branch, s.id(1));

    const delta = await run(s);
    expect(delta.record).toMatchObject({ mode: 'delta', status: 'succeeded' });
    const byId = new Map(delta.result.plan!.records.map((r) => [r.entraId, r]));
    expect(byId.get(s.id(31))).toMatchObject({ outcome: 'create' });
    expect(byId.get(s.id(3))).toMatchObject({ outcome: 'update' });
    expect(byId.get(s.id(4))).toMatchObject({ outcome: 'update' });
    expect(byId.get(s.id(5))).toMatchObject({ outcome: 'deactivate' });
    expect(byId.get(s.id(5))!.reason).toContain('restorable');
    expect(byId.get(s.id(6))).toMatchObject({ outcome: 'deactivate' });
    expect(byId.get(s.id(6))!.reason).toContain('permanently deleted');
    expect(byId.get(s.id(8))).toMatchObject({ outcome: 'update', site: { siteId: customer.otherSite.id } });
    expect(byId.get(s.id(1))).toMatchObject({ outcome: 'update', site: { siteId: customer.defaultSite.id } });
    // Nobody the round did not name is decided.
    expect(byId.has(s.id(10))).toBe(false);

    const afterDelta = await deskSnapshot(ctx, scenario);
    const full = await run(s, 'full');
    expect(full.result.plan?.summary).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
    expect(await deskSnapshot(ctx, scenario)).toEqual(afterDelta);
  });

  it('reactivates a deleted user restored in a later round', async () => {
    s.restorePerson(5);
    const restored = await run(s);
    const entry = restored.result.plan!.records.find((r) => r.entraId === s.id(5));
    expect(entry).toMatchObject({ outcome: 'update' });
    expect(entry!.reason).toContain('reactivated');
    expect((await s.desk(5))!.inactive).toBe(false);
  });

  it('follows a mapped group without nested groups from members@delta, without reading its members again', async () => {
    const tenant = world.emu.estate.tenant(s.tenantId)!;
    world.emu.estate.addMember(tenant, branch, s.id(10), '#microsoft.graph.user');
    const moved = await run(s);
    // The users and groups rounds, and the moved user read by id: no group lookup or member pages.
    expect(moved.requests).toBe(3);
    expect(moved.result.plan!.records.map((r) => [r.entraId, r.outcome])).toEqual([[s.id(10), 'update']]);
    expect((await s.desk(10))!.siteId).toBe(customer.otherSite.id);
    const afterDelta = await deskSnapshot(ctx, scenario);
    expect((await run(s, 'full')).result.plan?.summary).toMatchObject({
      created: 0,
      updated: 0,
      deactivated: 0,
    });
    expect(await deskSnapshot(ctx, scenario)).toEqual(afterDelta);
  });

  it('reads in full when Microsoft says the token expired, reconciling deletions, and records why', async () => {
    // A user deleted while the tenant's token is dead: only a full read (set difference) sees it.
    await deltaTokenLifetime(1);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    s.deletePerson(9);
    world.emu.estate.purgeUser(world.emu.estate.tenant(s.tenantId)!, s.id(9));
    const expired = await run(s).finally(() => deltaTokenLifetime(7 * 24 * 3600));
    expect(expired.record).toMatchObject({
      mode: 'full',
      modeReason: 'delta.tokenExpired',
      status: 'succeeded',
    });
    expect(expired.result.plan?.summary).toMatchObject({ deactivated: 1 });
    expect((await s.desk(9))!.inactive).toBe(true);
    const next = await run(s);
    expect(next.record).toMatchObject({ mode: 'delta', modeReason: null });
  });
});

describe('the mass-deactivation guard on delta rounds', () => {
  it('stops a round deleting more than its share of the tenant, with the tenant’s exact count, and lets a smaller one through', async () => {
    const { s } = await givenDeltaScenario('guard');
    for (let n = 1; n <= 20; n += 1) s.person(n);
    expect((await run(s)).result.plan?.summary).toMatchObject({ created: 20 });

    // 5 of 20 linked (25%) is more than the 20% limit, although the round names only those 5.
    for (let n = 1; n <= 5; n += 1) s.deletePerson(n);
    const stopped = await run(s);
    expect(stopped.result.status).toBe('stopped');
    expect(stopped.result.error?.code).toBe('mass_deactivation_guard');
    expect(stopped.result.plan?.guard).toMatchObject({ tripped: true, wouldDeactivate: 5, linked: 20 });
    expect(stopped.result.error?.message).toContain('5 of 20 linked records (25.0%)');
    expect((await s.desk(1))!.inactive).toBe(false);

    // The stopped round moved nothing: bring back all but one, and the next round passes.
    for (let n = 2; n <= 5; n += 1) s.restorePerson(n);
    const passed = await run(s);
    expect(passed.result.status).toBe('succeeded');
    expect(passed.result.plan?.guard.tripped).toBe(false);
    expect((await s.desk(1))!.inactive).toBe(true);
    expect((await s.desk(2))!.inactive).toBe(false);
  });
});

describe('delta checkpoints', () => {
  it('"get latest" skips what changed before it; "clear" reads in full next time', async () => {
    const { s } = await givenDeltaScenario('latest');
    for (let n = 1; n <= 5; n += 1) s.person(n);
    await run(s);
    s.updatePerson(1, { displayName: 'Missed on purpose' });
    const checkpoints = createCheckpointRepository(app.deps.db);
    const key = { connectionId: s.connectionId, tenantId: s.tenantId, resource: deltaResource('users') };
    const stored = await checkpoints.get(key);
    expect(
      await checkpoints.compareAndSwap(key, stored.version, JSON.stringify({ kind: 'latest' }), stored.state),
    ).toBe(true);

    const latest = await run(s);
    expect(latest.record).toMatchObject({ mode: 'delta', modeReason: 'delta.latest' });
    expect(latest.result.plan?.records).toEqual([]);
    expect((await s.desk(1))!.displayName).toBe('Person 1');
    s.updatePerson(2, { displayName: 'Seen' });
    expect((await run(s)).result.plan?.records.map((r) => r.entraId)).toEqual([s.id(2)]);

    const now = await checkpoints.get(key);
    expect(await checkpoints.compareAndSwap(key, now.version, null, null)).toBe(true);
    const cleared = await run(s);
    expect(cleared.record).toMatchObject({ mode: 'full', modeReason: 'delta.noCheckpoint' });
    expect((await s.desk(1))!.displayName).toBe('Missed on purpose');
  });

  it('a change of mapped fields warns, and saving it makes every tenant take the latest delta', async () => {
    const { s, config } = await givenDeltaScenario('requery', {
      delta: { enabled: true, method: 'mappedFields' },
    });
    s.person(1, { jobTitle: 'Engineer' });
    await run(s);
    const withTitle = { ...config, userFieldMappings: [...DELTA_FIELDS, field('jobTitle', 'jobTitle')] };
    const warned = await s.save(withTitle);
    expect(warned.statusCode).toBe(400);
    expect(warned.json().errors).toContainEqual({
      field: 'config.delta',
      message: expect.stringContaining('every tenant takes the latest delta'),
    });
    expect((await s.save(withTitle, true)).statusCode).toBe(200);
    const latest = await run(s);
    expect(latest.record).toMatchObject({ mode: 'delta', modeReason: 'delta.latest' });
    s.updatePerson(1, { jobTitle: 'Lead' });
    await run(s);
    expect((await s.desk(1))!.jobTitle).toBe('Lead');
  });

  it('reads in full when stored links were taken with other queries than the configuration asks', async () => {
    const { s, config } = await givenDeltaScenario('requery-store', {
      delta: { enabled: true, method: 'mappedFields' },
    });
    s.person(1, { jobTitle: 'Engineer' });
    await run(s);
    // Saved past the API (an older version, a restore): the links answer the old fields.
    const repository = createEntraConfigRepository(app.deps.db);
    const stored = await repository.get(s.connectionId);
    await repository.save(
      s.connectionId,
      entraImportConfigSchema.parse({
        ...config,
        userFieldMappings: [...DELTA_FIELDS, field('jobTitle', 'jobTitle')],
      }),
      { expectedVersion: stored!.version, updatedBy: null },
    );
    const requeried = await run(s);
    expect(requeried.record).toMatchObject({ mode: 'full', modeReason: 'delta.queryChanged' });
    expect((await s.desk(1))!.jobTitle).toBe('Engineer');
  });

  it('reads in full once after any other configuration change, so the new configuration decides every user', async () => {
    const { s, config, customer } = await givenDeltaScenario('reconfigured');
    s.person(1);
    await run(s);
    expect((await s.desk(1))!.siteId).toBe(customer.defaultSite.id);
    // Same fields, another rule: everyone now goes to the branch site.
    await s.configure({
      ...config,
      siteMappings: [
        {
          id: randomUUID(),
          type: 'existingSite',
          sequence: 20,
          description: 'Everyone',
          siteId: customer.otherSite.id,
        },
      ],
    });
    const reconfigured = await run(s);
    expect(reconfigured.record).toMatchObject({ mode: 'full', modeReason: 'delta.configChanged' });
    expect((await s.desk(1))!.siteId).toBe(customer.otherSite.id);
    expect((await run(s)).record).toMatchObject({ mode: 'delta', modeReason: null });
  });

  it('"only fields Rollcall uses" does not bring users for changes to fields nobody maps', async () => {
    const { s } = await givenDeltaScenario('mapped', { delta: { enabled: true, method: 'mappedFields' } });
    s.person(1);
    s.person(2);
    await run(s);
    s.updatePerson(1, { jobTitle: 'Not mapped' });
    s.updatePerson(2, { department: 'Mapped' });
    const delta = await run(s);
    expect(delta.result.plan?.records.map((r) => r.entraId)).toEqual([s.id(2)]);
  });

  it('a preview never moves the checkpoint, and a run that lost the race writes nothing', async () => {
    const { s } = await givenDeltaScenario('race');
    s.person(1);
    await run(s);
    const before = await checkpointOf(s);
    const [preview] = await runConnectionImport(app.deps, await connectionOf(s), {
      module: 'users',
      trigger: 'manual',
      read: 'auto',
      dryRun: true,
    });
    expect(preview!.status).toBe('previewed');
    expect((await checkpointOf(s)).version).toBe(before.version);

    // Another run moves the checkpoint between this run's read and its apply.
    s.updatePerson(1, { displayName: 'Raced' });
    const checkpoints = createCheckpointRepository(app.deps.db);
    const key = { connectionId: s.connectionId, tenantId: s.tenantId, resource: deltaResource('users') };
    const connection = await connectionOf(s);
    const racing = runConnectionImport(app.deps, connection, {
      module: 'users',
      trigger: 'scheduled',
      read: 'auto',
      dryRun: false,
      onProgress: (event) => {
        if (event.phase === 'planning')
          void checkpoints.compareAndSwap(key, before.version, before.cursor, before.state);
      },
    });
    const [lost] = await racing;
    expect(lost).toMatchObject({ status: 'failed', error: { code: 'checkpoint_conflict' } });
    expect((await s.desk(1))!.displayName).toBe('Person 1');
    const runs = await app.deps.db
      .select({ status: schema.syncRuns.status })
      .from(schema.syncRuns)
      .where(and(eq(schema.syncRuns.connectionId, s.connectionId)))
      .orderBy(desc(schema.syncRuns.startedAt))
      .limit(1);
    expect(runs[0]!.status).toBe('failed');
  });
});

describe('delta API', () => {
  it('shows where each tenant stands and what the method cannot listen to, and resets', async () => {
    const { s } = await givenDeltaScenario('api', {
      delta: { enabled: true, method: 'mappedFields' },
      import: { deactivateNotFound: true, massDeactivationGuardPercent: 20, importLastSignIn: true },
    });
    s.person(1);
    const base = `/api/entra/connections/${s.connectionId}/deltas`;
    const before = await call(app, admin, 'GET', base);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({
      enabled: true,
      method: 'mappedFields',
      untracked: [{ field: 'signInActivity', usedBy: [expect.stringContaining('last sign-in')] }],
      tenants: [
        { tenantId: s.tenantId, module: 'users', position: 'none' },
        { tenantId: s.tenantId, module: 'agents', position: 'none' },
      ],
    });
    await run(s);
    const latest = await call(app, admin, 'POST', `${base}/reset`, { mode: 'latest', module: 'users' });
    expect(latest.statusCode, latest.body).toBe(200);
    expect(latest.json().reset).toBe(1);
    expect(latest.json().status.tenants[0]).toMatchObject({ module: 'users', position: 'latest' });
    const cleared = await call(app, admin, 'POST', `${base}/reset`, { mode: 'clear' });
    expect(cleared.json().status.tenants.map((t: { position: string }) => t.position)).toEqual([
      'none',
      'none',
    ]);
    const wrong = await call(app, admin, 'POST', `${base}/reset`, { mode: 'clear', tenantId: randomUUID() });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('tenantId');
    const bad = await call(app, admin, 'POST', `${base}/reset`, { mode: 'forget' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('mode must be clear');
  });

  it('refuses agents without a grant on the connection and portal users', async () => {
    const { s } = await givenDeltaScenario('api-refused');
    const base = `/api/entra/connections/${s.connectionId}/deltas`;
    const agent = await givenAgent(app.deps.db, { permissions: [] });
    expect((await call(app, agent, 'GET', base)).statusCode).toBe(404);
    expect((await call(app, agent, 'POST', `${base}/reset`, { mode: 'clear' })).statusCode).toBe(404);
    const customer = await givenCustomer(app.deps.db, 'portal');
    const portal = await givenPortalUser(app.deps.db, customer, []);
    expect((await call(app, portal, 'GET', base)).statusCode).toBe(403);
  });
});

describe('runs left running', () => {
  it('a run whose process stopped is marked interrupted by the next run of its tenant', async () => {
    const { s } = await givenDeltaScenario('orphan');
    s.person(1);
    const [orphan] = await app.deps.db
      .insert(schema.syncRuns)
      .values({
        connectionId: s.connectionId,
        tenantId: s.tenantId,
        module: 'users',
        mode: 'delta',
        trigger: 'scheduled',
        startedAt: new Date(Date.now() - 3600_000),
      })
      .returning({ id: schema.syncRuns.id });
    const recent = await app.deps.db
      .insert(schema.syncRuns)
      .values({ connectionId: s.connectionId, tenantId: s.tenantId, module: 'users', mode: 'delta' })
      .returning({ id: schema.syncRuns.id });
    await run(s);
    const statusOf = async (id: string) =>
      (await app.deps.db.select().from(schema.syncRuns).where(eq(schema.syncRuns.id, id)))[0]!;
    expect(await statusOf(orphan!.id)).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    // One that may still be going is left alone.
    expect((await statusOf(recent[0]!.id)).status).toBe('running');
  });
});
