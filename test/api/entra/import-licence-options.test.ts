import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntraImportConfigInput } from '../../../src/contracts/entra/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, givenCustomer, type Caller } from '../access/fixtures.js';
import { entraConfig, startEntraWorld, type EntraWorld } from './fixtures.js';
import { givenScenario, type ImportScenario } from './import-scenario.js';

/**
 * The user import's licence options (issue 6, guide 002 "Licence check type", guide 003 contract
 * compliance) and its account-status and last sign-in options, through the API against the
 * emulator: previews, desk users after apply, the users list, and runs that explain themselves.
 */

let world: EntraWorld;
let app: TestApp;
let admin: Caller;

const E3 = 'c7df2760-2c81-4ef7-b578-5b5392b571df';
const BASIC = '3b555118-da6a-4418-894f-7df1e2096870';
const holding = (...skus: string[]) => ({
  assignedLicenses: skus.map((skuId) => ({ skuId, disabledPlans: [] })),
});
const IDENTITY_FIELDS = [
  { entraField: 'displayName', deskField: 'displayName' },
  { entraField: 'mail', deskField: 'email' },
  { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
];
const configOf = (siteId: string, more: Partial<EntraImportConfigInput> = {}): EntraImportConfigInput => ({
  userFieldMappings: IDENTITY_FIELDS,
  agentFieldMappings: [],
  siteMappings: [{ id: randomUUID(), type: 'existingSite', sequence: 10, siteId, includeExternal: 'yes' }],
  ...more,
});

beforeAll(async () => {
  world = await startEntraWorld();
  app = await startTestApp({ config: entraConfig(world) });
  await givenBuiltInRoles(app.deps.db);
  admin = await givenAgent(app.deps.db, {
    permissions: ['integrations.entra.configure', 'customers.read'],
  });
});
afterAll(async () => {
  await app?.close();
  await world?.close();
});

describe('licence check', () => {
  let s: ImportScenario;
  let siteId: string;

  beforeAll(async () => {
    s = await givenScenario({ world, app, admin }, 'licencecheck');
    siteId = (await givenCustomer(app.deps.db, 'Licence Check')).defaultSite.id;
    s.person(1, { displayName: 'Eve E3', ...holding(E3) });
    s.person(2, { displayName: 'Bo Basic', ...holding(BASIC) });
    s.person(3, { displayName: 'Scanner Mailbox', ...holding() });
  });

  it('refuses a check without licences, naming the field and the fix', async () => {
    const res = await s.save(configOf(siteId, { licenceCheck: { type: 'include', skuIds: [] } }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('licenceCheck.skuIds');
    expect(res.body).toContain('choose at least one licence');
  });

  it('include imports only holders of a chosen licence; exclude leaves them out, deactivating the linked', async () => {
    await s.configure(configOf(siteId, { licenceCheck: { type: 'include', skuIds: [E3] } }));
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(2))).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.licenceCheck',
      reason: expect.stringContaining('licence check "include"'),
    });
    await s.apply();
    expect(await s.desk(1)).toMatchObject({ displayName: 'Eve E3', inactive: false });
    expect(await s.desk(2)).toBeUndefined();
    expect(await s.desk(3)).toBeUndefined();

    await s.configure(configOf(siteId, { licenceCheck: { type: 'exclude', skuIds: [E3] } }));
    // One of one linked user: beyond the mass-deactivation guard's limit, so confirmed.
    const applied = await s.apply({ confirmMassDeactivation: true });
    expect(applied).toMatchObject({ status: 'succeeded', summary: { created: 2, deactivated: 1 } });
    expect(await s.desk(1)).toMatchObject({ inactive: true });
    expect(await s.desk(2)).toMatchObject({ inactive: false });
  });

  it('serviceAccount flags users holding none of the chosen licences, and unflags them once they hold one', async () => {
    await s.configure(configOf(siteId, { licenceCheck: { type: 'serviceAccount', skuIds: [E3, BASIC] } }));
    await s.apply();
    expect(await s.desk(1)).toMatchObject({ isServiceAccount: false, inactive: false });
    expect(await s.desk(2)).toMatchObject({ isServiceAccount: false });
    expect(await s.desk(3)).toMatchObject({ isServiceAccount: true });

    s.updatePerson(3, holding(BASIC));
    expect((await s.apply()).summary).toMatchObject({ updated: 1 });
    expect(await s.desk(3)).toMatchObject({ isServiceAccount: false });
  });
});

describe('contract compliance', () => {
  let s: ImportScenario;
  let customer: Awaited<ReturnType<typeof givenCustomer>>;

  beforeAll(async () => {
    s = await givenScenario({ world, app, admin }, 'compliance');
    customer = await givenCustomer(app.deps.db, 'Compliance');
    s.person(1, { displayName: 'Covered Carla', ...holding(E3) });
    s.person(2, { displayName: 'Refused Rob', ...holding(BASIC) });
  });

  const users = async (query: string) => {
    const res = await call(app, admin, 'GET', `/api/users?customerId=${customer.customer.id}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { displayName: string; contractCoverage: string | null; tickets: unknown }[];
  };

  it('records each user’s coverage, lists users by it, and says whether tickets may be logged', async () => {
    await s.configure(configOf(customer.defaultSite.id, { compliance: { mode: 'refuse', skuIds: [E3] } }));
    await s.apply();
    expect(await s.desk(1)).toMatchObject({ contractCoverage: 'covered' });
    expect(await s.desk(2)).toMatchObject({ contractCoverage: 'refused' });

    const refused = await users('coverage=refused');
    expect(refused.map((u) => u.displayName)).toEqual(['Refused Rob']);
    expect(refused[0]!.tickets).toMatchObject({ allowed: false, flagged: false });
    expect((await users('coverage=covered'))[0]).toMatchObject({
      displayName: 'Covered Carla',
      tickets: { allowed: true, flagged: false, reason: null },
    });

    await s.configure(configOf(customer.defaultSite.id, { compliance: { mode: 'flag', skuIds: [E3] } }));
    await s.apply();
    expect((await users('coverage=flagged'))[0]).toMatchObject({
      displayName: 'Refused Rob',
      tickets: { allowed: true, flagged: true },
    });

    await s.configure(configOf(customer.defaultSite.id));
    await s.apply();
    expect(await s.desk(2)).toMatchObject({ contractCoverage: null });
  });

  it('lists service accounts on their own, and refuses an unknown coverage naming the field', async () => {
    await s.configure(
      configOf(customer.defaultSite.id, { licenceCheck: { type: 'serviceAccount', skuIds: [E3] } }),
    );
    await s.apply();
    expect((await users('serviceAccount=true')).map((u) => u.displayName)).toEqual(['Refused Rob']);
    expect((await users('serviceAccount=false')).map((u) => u.displayName)).toEqual(['Covered Carla']);
    const bad = await call(app, admin, 'GET', '/api/users?coverage=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('coverage');
  });
});

describe('account status from accountEnabled', () => {
  it('off: a disabled user stays active in the desk; on: it is made inactive', async () => {
    const s = await givenScenario({ world, app, admin }, 'accountstatus');
    const siteId = (await givenCustomer(app.deps.db, 'Account Status')).defaultSite.id;
    s.person(1, { displayName: 'Dee Disabled' });
    await s.configure(configOf(siteId));
    await s.apply();

    s.updatePerson(1, { accountEnabled: false });
    await s.configure(configOf(siteId, { import: { statusFromAccountEnabled: false } }));
    expect((await s.apply()).summary).toMatchObject({ deactivated: 0 });
    expect(await s.desk(1)).toMatchObject({ inactive: false });

    await s.configure(configOf(siteId));
    const applied = await s.apply({ confirmMassDeactivation: true });
    expect(applied).toMatchObject({ status: 'succeeded', summary: { deactivated: 1 } });
    expect(await s.desk(1)).toMatchObject({ inactive: true });
  });
});

describe('last sign-in in a tenant without Entra ID P1/P2', () => {
  it('imports the users without dates, finishes, and says why and how to fix it', async () => {
    const s = await givenScenario({ world, app, admin }, 'nonpremium', {
      premium: false,
      graphRoles: ['User.Read.All', 'Group.Read.All', 'AuditLog.Read.All'],
    });
    const siteId = (await givenCustomer(app.deps.db, 'Non Premium')).defaultSite.id;
    s.person(1, { displayName: 'Sam Signin' });
    await s.configure(configOf(siteId, { import: { importLastSignIn: true } }));

    const applied = await s.apply();
    expect(applied.status).toBe('succeeded');
    expect(applied.error).toBeNull();
    expect(applied.summary).toMatchObject({ created: 1 });
    expect(applied.warnings).toEqual([
      expect.stringContaining(`last sign-in dates were not imported for tenant ${s.tenantId}`),
    ]);
    expect(applied.warnings[0]).toContain('Entra ID P1 or P2');
    expect(await s.desk(1)).toMatchObject({ displayName: 'Sam Signin', lastSignInAt: null });
    // The run keeps the warning: the Runs tab shows it next to the run.
    const runs = await call(app, admin, 'GET', `/api/entra/connections/${s.connectionId}/runs?limit=1`);
    expect(runs.statusCode, runs.body).toBe(200);
    expect(runs.json().items[0]).toMatchObject({ status: 'succeeded', warnings: applied.warnings });
  });

  it('without AuditLog.Read.All: the same, naming the permission and re-consent', async () => {
    const s = await givenScenario({ world, app, admin }, 'noauditlog', { premium: true });
    const siteId = (await givenCustomer(app.deps.db, 'No Audit Log')).defaultSite.id;
    s.person(1, { displayName: 'Ned Noaudit' });
    await s.configure(configOf(siteId, { import: { importLastSignIn: true } }));
    const preview = await s.preview();
    expect(preview.tenant.status).toBe('previewed');
    expect(preview.tenant.warnings[0]).toContain('AuditLog.Read.All');
    expect(preview.tenant.warnings[0]).toContain('grant admin consent again');
  });
});
