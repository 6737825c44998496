import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntraImportConfigInput } from '../../../src/contracts/entra/index.js';
import {
  createRoleRepository,
  createUserAdminRepository,
  createUserRepository,
  schema,
} from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, givenCustomer, type Caller } from '../access/fixtures.js';
import {
  connectionInput,
  createConnection,
  entraConfig,
  startEntraWorld,
  TENANTS,
  type EntraWorld,
} from './fixtures.js';

let world: EntraWorld;
let app: TestApp;
let admin: Caller;
let connectionId: string;
let customer: Awaited<ReturnType<typeof givenCustomer>>;

const GROUPS = { london: randomUUID(), staff: randomUUID() };
const uid = (n: number) => `e0e00000-0000-4000-8000-0000000b${String(n).padStart(4, '0')}`;

/** Contoso's people: London staff, Leeds staff (no group), a guest, a disabled user, a service account. */
function seedDirectory() {
  const { estate } = world.emu;
  const tenant = estate.tenant(TENANTS.contoso)!;
  const person = (n: number, props: Record<string, unknown>) =>
    estate.addUser(
      tenant,
      {
        id: uid(n),
        accountEnabled: true,
        userType: 'Member',
        userPrincipalName: `person${n}@contoso-entra.onmicrosoft.com`,
        mail: `person${n}@contoso.example`,
        assignedLicenses: [],
        ...props,
      },
      { silent: true },
    );
  person(1, { displayName: 'Zoë Ångström', department: 'Dental', officeLocation: 'London' });
  person(2, { displayName: 'José Müller', department: 'Finance', officeLocation: 'London' });
  person(3, { displayName: 'Aoife Ní Bhriain', officeLocation: 'Leeds' });
  person(4, { displayName: 'Guest Person', userType: 'Guest', officeLocation: 'Leeds' });
  person(5, { displayName: 'Disabled Person', accountEnabled: false, officeLocation: 'Leeds' });
  person(6, { displayName: 'svc-backup', userPrincipalName: 'svc-backup@contoso-entra.onmicrosoft.com' });
  const group = (id: string, displayName: string) =>
    estate.addGroup(
      tenant,
      { id, displayName, mailEnabled: false, securityEnabled: true, groupTypes: [] },
      { kind: 'security' },
    );
  group(GROUPS.london, 'Loc-London');
  group(GROUPS.staff, 'All Staff');
  for (const n of [1, 2]) estate.addMember(tenant, GROUPS.london, uid(n), '#microsoft.graph.user');
  estate.addMember(tenant, GROUPS.staff, GROUPS.london, '#microsoft.graph.group');
  estate.setManager(tenant, uid(2), uid(1));
}

function importConfig(): EntraImportConfigInput {
  return {
    userFieldMappings: [
      { entraField: 'displayName', deskField: 'displayName' },
      { entraField: 'mail', deskField: 'email' },
      { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
      { entraField: 'department', deskField: 'department' },
      { entraField: 'manager', deskField: 'manager' },
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
        description: 'London',
        siteId: customer.otherSite.id,
        groupName: 'Loc-London',
      },
      {
        id: randomUUID(),
        type: 'customerByField',
        sequence: 20,
        description: 'Everyone else by office',
        customerId: customer.customer.id,
        siteNameField: 'officeLocation',
      },
    ],
  };
}

async function saveConfig(config: EntraImportConfigInput, acceptWarnings = false) {
  const current = await call(app, admin, 'GET', `/api/entra/connections/${connectionId}/import-config`);
  return call(app, admin, 'PUT', `/api/entra/connections/${connectionId}/import-config`, {
    expectedVersion: current.json().version,
    config,
    acceptWarnings,
  });
}

const preview = async (caller: Caller = admin) =>
  call(app, caller, 'POST', `/api/entra/connections/${connectionId}/preview`, { module: 'users' });
const apply = (body: Record<string, unknown> = {}, caller: Caller = admin) =>
  call(app, caller, 'POST', `/api/entra/connections/${connectionId}/apply`, { module: 'users', ...body });
const deskUser = (n: number) => createUserRepository(app.deps.db).findByEntraId(TENANTS.contoso, uid(n));

beforeAll(async () => {
  world = await startEntraWorld();
  app = await startTestApp({ config: entraConfig(world) });
  await givenBuiltInRoles(app.deps.db);
  admin = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
  customer = await givenCustomer(app.deps.db, 'Contoso');
  seedDirectory();
  connectionId = (await createConnection(app, admin, connectionInput(world.full))).id;
});
afterAll(async () => {
  await app?.close();
  await world?.close();
});

describe('Entra import through the API, against the emulated tenant', () => {
  it('starts from the default field mappings and refuses references to records that do not exist', async () => {
    const res = await call(app, admin, 'GET', `/api/entra/connections/${connectionId}/import-config`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 0, config: { siteMappings: [] } });
    expect(res.json().config.userFieldMappings).toContainEqual({
      entraField: 'mail',
      deskField: 'email',
      overwriteWithBlank: false,
    });
    // A manager removed in Entra clears the agent's line manager (not a value Entra left blank).
    expect(res.json().config.agentFieldMappings).toContainEqual({
      entraField: 'manager',
      deskField: 'linemanager',
      overwriteWithBlank: true,
    });
    const bad = importConfig();
    bad.siteMappings[1] = { ...bad.siteMappings[1]!, siteId: randomUUID() } as never;
    const refused = await saveConfig(bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual({
      field: 'config.siteMappings.1.siteId',
      message: expect.stringContaining('no site has id'),
    });
  });

  it('warns about a group name the tenant does not have, suggesting the closest, and saves when accepted', async () => {
    const config = importConfig();
    config.siteMappings[1] = { ...config.siteMappings[1]!, groupName: 'Loc-Londn' } as never;
    const checked = await call(
      app,
      admin,
      'POST',
      `/api/entra/connections/${connectionId}/import-config/validate`,
      {
        config,
      },
    );
    expect(checked.json().problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        field: 'siteMappings.1.groupName',
        suggestions: ['Loc-London'],
      }),
    ]);
    expect((await saveConfig(config)).statusCode).toBe(400);
    const saved = await saveConfig(config, true);
    expect(saved.statusCode, saved.body).toBe(200);
    const fixed = await saveConfig(importConfig());
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().version).toBe(2);
  });

  it('refuses a save over a newer version', async () => {
    const res = await call(app, admin, 'PUT', `/api/entra/connections/${connectionId}/import-config`, {
      expectedVersion: 1,
      config: importConfig(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('expectedVersion');
  });

  it('previews every Entra user with its outcome and reason, writing nothing', async () => {
    const res = await preview();
    expect(res.statusCode, res.body).toBe(200);
    const [tenant] = res.json().tenants;
    expect(tenant).toMatchObject({
      tenantId: TENANTS.contoso,
      status: 'previewed',
      // The world's two accounts have no office: no site name for them.
      summary: { created: 3, updated: 0, deactivated: 0, excluded: 5, review: 0 },
    });
    const items = await call(app, admin, 'GET', `/api/entra/previews/${res.json().previewId}/items?limit=50`);
    const byName = new Map(items.json().items.map((i: { displayName: string }) => [i.displayName, i]));
    expect(byName.get('Zoë Ångström')).toMatchObject({
      outcome: 'create',
      site: { siteId: customer.otherSite.id },
    });
    expect(byName.get('Aoife Ní Bhriain')).toMatchObject({
      outcome: 'create',
      site: { newSite: { customerId: customer.customer.id, name: 'Leeds' } },
    });
    expect(byName.get('Guest Person')).toMatchObject({ outcome: 'excluded', reasonCode: 'excluded.guest' });
    expect(byName.get('Disabled Person')).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.disabled',
    });
    expect(byName.get('svc-backup')).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.doNotImport',
    });
    expect(byName.get('admin@contoso-entra.onmicrosoft.com')).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.blankSiteName',
    });
    expect(await deskUser(1)).toBeUndefined();

    const filtered = await call(
      app,
      admin,
      'GET',
      `/api/entra/previews/${res.json().previewId}/items?outcome=excluded`,
    );
    expect(filtered.json().total).toBe(5);
    const csv = await call(app, admin, 'GET', `/api/entra/previews/${res.json().previewId}/items.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(1 + 8);
  });

  it('applies the plan, links managers, records the run and the inbound log; a second run changes nothing', async () => {
    const { tenants } = (await preview()).json();
    const res = await apply({ fingerprint: tenants[0].fingerprint });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tenants[0]).toMatchObject({ status: 'succeeded', summary: { created: 3 } });
    const zoe = (await deskUser(1))!;
    const jose = (await deskUser(2))!;
    expect(zoe).toMatchObject({
      displayName: 'Zoë Ångström',
      siteId: customer.otherSite.id,
      inactive: false,
    });
    expect(jose.managerId).toBe(zoe.id);
    const aoife = await createUserAdminRepository(app.deps.db).findById((await deskUser(3))!.id);
    expect(aoife?.siteName).toBe('Leeds');

    const runs = await call(app, admin, 'GET', `/api/entra/connections/${connectionId}/runs`);
    expect(runs.json().items[0]).toMatchObject({
      status: 'succeeded',
      dryRun: false,
      counts: { created: 3 },
    });
    expect(runs.json().items[0].graphRequests).toBeGreaterThan(0);
    const inbound = await call(
      app,
      admin,
      'GET',
      `/api/entra/connections/${connectionId}/inbound?action=create`,
    );
    expect(inbound.json().items).toHaveLength(3);

    const again = await apply();
    expect(again.json().tenants[0].summary).toMatchObject({
      created: 0,
      updated: 0,
      deactivated: 0,
      unchanged: 3,
    });
  });

  it('follows directory changes: new department, a disabled account, a user leaving the mapped group', async () => {
    const { estate } = world.emu;
    const tenant = estate.tenant(TENANTS.contoso)!;
    estate.updateUser(tenant, uid(1), { department: 'Orthodontics' });
    estate.updateUser(tenant, uid(3), { accountEnabled: false });
    estate.removeMember(tenant, GROUPS.london, uid(2));
    const res = await apply({ confirmMassDeactivation: true });
    expect(res.json().tenants[0].summary).toMatchObject({ updated: 2, deactivated: 1 });
    expect((await deskUser(3))!.inactive).toBe(true);
    const jose = await createUserAdminRepository(app.deps.db).findById((await deskUser(2))!.id);
    expect(jose?.siteName).toBe('London');
  });

  it('refuses to apply a plan that changed since the preview', async () => {
    const { tenants } = (await preview()).json();
    world.emu.estate.updateUser(world.emu.estate.tenant(TENANTS.contoso)!, uid(1), { department: 'Surgery' });
    const res = await apply({ fingerprint: tenants[0].fingerprint });
    expect(res.json().tenants[0]).toMatchObject({ status: 'changed', error: { code: 'plan_changed' } });
  });

  it('refuses to import through a disabled connection, saying how to fix it', async () => {
    expect(
      (await call(app, admin, 'POST', `/api/entra/connections/${connectionId}/disable`)).statusCode,
    ).toBe(200);
    const refused = await preview();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('is disabled; enable it to import');
    expect((await call(app, admin, 'POST', `/api/entra/connections/${connectionId}/enable`)).statusCode).toBe(
      200,
    );
  });

  it('lets an agent with a read grant preview but not apply; others do not see the connection', async () => {
    const reader = await givenAgent(app.deps.db, { permissions: [] });
    const outsider = await givenAgent(app.deps.db, { permissions: [] });
    const grantor = await givenAgent(app.deps.db, { permissions: ['agents.write'] });
    const granted = await call(app, grantor, 'PUT', `/api/connections/${connectionId}/grants`, {
      grants: [{ accountId: reader.accountId, access: 'read' }],
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect((await preview(reader)).statusCode).toBe(200);
    expect((await apply({}, reader)).statusCode).toBe(403);
    expect((await preview(outsider)).statusCode).toBe(404);
  });

  it('never guesses between two desk records: the user goes to the review list with both candidates', async () => {
    const twins = await app.deps.db
      .insert(schema.deskUsers)
      .values(
        ['Twin One', 'Twin Two'].map((displayName) => ({
          customerId: customer.customer.id,
          siteId: customer.defaultSite.id,
          displayName,
          email: 'person7@contoso.example',
        })),
      )
      .returning({ id: schema.deskUsers.id });
    const tenant = world.emu.estate.tenant(TENANTS.contoso)!;
    world.emu.estate.addUser(tenant, {
      id: uid(7),
      accountEnabled: true,
      userType: 'Member',
      displayName: 'Seventh Person',
      userPrincipalName: 'person7@contoso-entra.onmicrosoft.com',
      mail: 'person7@contoso.example',
      officeLocation: 'Leeds',
    });
    const previewed = (await preview()).json();
    const again = await call(app, admin, 'GET', `/api/entra/previews/${previewed.previewId}`);
    expect(again.json()).toMatchObject({
      connectionId,
      module: 'users',
      tenants: [{ summary: { review: 1 } }],
    });
    await apply({ confirmMassDeactivation: true });
    const reviews = await call(app, admin, 'GET', `/api/entra/connections/${connectionId}/reviews`);
    expect(reviews.statusCode).toBe(200);
    expect(reviews.json().items).toEqual([
      expect.objectContaining({
        entraId: uid(7),
        displayName: 'Seventh Person',
        candidates: expect.arrayContaining(twins.map((t) => t.id)),
      }),
    ]);
    expect(await deskUser(7)).toBeUndefined();
  });

  it('refuses to map a group to an agent role with permissions the saver does not hold (no escalation)', async () => {
    const roles = createRoleRepository(app.deps.db);
    const powerful = await roles.create({
      kind: 'agent',
      name: 'Agent managers',
      permissions: ['agents.write'],
    });
    const harmless = await roles.create({ kind: 'agent', name: 'Staff (no permissions)', permissions: [] });
    const withRole = (roleId: string) => ({
      ...importConfig(),
      groupMappings: { agentRoles: [{ groupName: 'All Staff', roleId }] },
    });
    const refused = await saveConfig(withRole(powerful.id));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('"agents.write"');
    expect((await saveConfig(withRole(harmless.id))).statusCode).toBe(200);
  });
});
