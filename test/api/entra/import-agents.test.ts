import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionImport } from '../../../src/api/integrations/entra/run-import.js';
import {
  createAccountAdminRepository,
  createAccountRepository,
  createConnectionRepository,
  schema,
} from '../../../src/store/index.js';
import { startTestApp } from '../../support/app.js';
import { tableSnapshot } from '../../store/cases/plan-fixtures.js';
import { call, givenAgent, givenBuiltInRoles } from '../access/fixtures.js';
import {
  AGENT_FIELDS,
  agentConfig,
  agentMapping,
  givenAgentRole,
  givenAgentTenant,
  givenCab,
  givenTeam,
  giveRoleByHand,
  type AgentSuite,
} from './agent-import-fixtures.js';
import { entraConfig, startEntraWorld } from './fixtures.js';

/**
 * "Import Agents" end to end (guide 001: agent site mapping, agent field mappings, group mappings
 * to agent roles / teams / CABs, full role management, licence management): configuration saved
 * and runs started through the API, the directory read from the emulated tenant, and what an
 * administrator then sees in the desk, the run record and the inbound log. Each test has a tenant
 * and connection of its own (agent-import-fixtures.ts); the app and emulator are the file's.
 */

let suite: AgentSuite;
const db = () => suite.app.deps.db;
const sorted = (ids: string[]) => [...ids].sort();
const FULL_MEMBERSHIP = { canBeAssigned: true, canSeeUnassigned: true, canSeeOthers: true };

beforeAll(async () => {
  const world = await startEntraWorld();
  // As real Graph may: small pages (so group members and users come in several) in its own order.
  const paging = await world.emu.inject({
    method: 'PATCH',
    url: '/_emulator/config',
    body: { graph: { listPageCap: 2, listOrder: { shuffleSeed: 20_240_601 } } },
  });
  expect(paging.status, JSON.stringify(paging.body)).toBe(200);
  const app = await startTestApp({ config: entraConfig(world) });
  await givenBuiltInRoles(app.deps.db);
  const admin = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
  suite = { world, app, admin };
});
afterAll(async () => {
  await suite?.app.close();
  await suite?.world.close();
});

describe('Entra agent import through the API, against the emulated tenant', () => {
  it('imports only the users an agent mapping matches, with their Entra user type and the licence type it gives', async () => {
    const t = await givenAgentTenant(suite);
    t.user(1, { displayName: 'Ann Agent', department: 'IT', jobTitle: 'Analyst' });
    t.user(2, { displayName: 'Bob Sales', department: 'Sales' });
    t.user(3, { displayName: 'Cat Outside', department: 'IT' });
    t.user(4, { displayName: 'Gil Guest', department: 'IT', userType: 'Guest' });
    t.user(5, { displayName: 'Gus Contractor', userType: 'Guest' });
    t.group('Service Desk', [1, 2, 4]);
    t.group('Contractors', [5]);
    const staff = agentMapping({
      description: 'Service desk staff',
      groupName: 'Service Desk',
      includeExternal: 'yes',
      creationType: 'Member',
      licenceType: 'named',
      filter: {
        combinator: 'and',
        criteria: [{ entraField: 'department', operator: 'equals', value: 'it' }],
      },
    });
    await t.save(agentConfig([staff]));

    const first = await t.planned();
    expect(first.result.summary).toMatchObject({ created: 1, excluded: 4 });
    expect(first.entry(1)).toMatchObject({
      outcome: 'create',
      mappingId: staff.id,
      agent: { licenceType: 'named' },
    });
    expect(first.entry(2)).toMatchObject({ outcome: 'excluded', reasonCode: 'excluded.fieldFilter' });
    expect(first.entry(3)).toMatchObject({ outcome: 'excluded', reasonCode: 'excluded.groupFilter' });
    expect(first.entry(4)).toMatchObject({ outcome: 'excluded', reasonCode: 'excluded.memberOnlyAgents' });

    const contractors = agentMapping({
      sequence: 20,
      description: 'Contractors',
      groupName: 'Contractors',
      includeExternal: 'yes',
      creationType: 'Guest',
    });
    await t.save(agentConfig([staff, contractors]));
    const result = await t.applied();
    expect(result.summary).toMatchObject({ created: 2, updated: 0, deactivated: 0, excluded: 3 });
    expect(await t.agent(1)).toMatchObject({
      displayName: 'Ann Agent',
      email: t.mail(1),
      jobTitle: 'Analyst',
      creationType: 'Member',
      licenceType: 'named',
      inactive: false,
    });
    const gus = await t.agent(5);
    // "No change" makes new agents concurrent.
    expect(gus).toMatchObject({
      displayName: 'Gus Contractor',
      creationType: 'Guest',
      licenceType: 'concurrent',
    });
    for (const n of [2, 3, 4]) expect(await t.agent(n)).toBeUndefined();

    const [run] = await t.runs();
    expect(run).toMatchObject({
      id: result.runId,
      module: 'agents',
      status: 'succeeded',
      dryRun: false,
      counts: { created: 2, excluded: 3 },
    });
    const logged = await t.inbound(`&syncRunId=${result.runId}`);
    expect(logged).toHaveLength(2);
    expect(logged).toContainEqual(
      expect.objectContaining({
        entityType: 'agent',
        externalId: t.uid(5),
        action: 'create',
        reasonCode: 'created',
        details: expect.objectContaining({ deskId: gus!.id, mappingId: contractors.id }),
      }),
    );

    // An administrator gives Gus a named licence by hand ("no change" keeps it); the staff mapping now says concurrent.
    await db().update(schema.agents).set({ licenceType: 'named' }).where(eq(schema.agents.id, gus!.id));
    await t.save(agentConfig([{ ...staff, licenceType: 'concurrent' }, contractors]));
    const second = await t.applied();
    expect(second.summary).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await t.agent(1)).toMatchObject({ licenceType: 'concurrent' });
    expect(await t.agent(5)).toMatchObject({ licenceType: 'named' });
    expect(await t.inbound(`&syncRunId=${second.runId}`)).toEqual([
      expect.objectContaining({
        action: 'update',
        externalId: t.uid(1),
        details: expect.objectContaining({
          changes: [{ field: 'licenceType', before: 'named', after: 'concurrent' }],
        }),
      }),
    ]);
    await t.expectNothingToDo();
  });

  it('links line managers only to imported agents (chains and loops settle) and sets the default team by name', async () => {
    const t = await givenAgentTenant(suite);
    const deskTeam = await givenTeam(suite.app, `Service Desk ${t.tag}`);
    const network = await givenTeam(suite.app, `Network ${t.tag}`);
    t.user(1, { displayName: 'Boss', department: deskTeam.name.toUpperCase(), jobTitle: 'Head of desk' });
    t.user(2, { displayName: 'Mid', department: deskTeam.name });
    t.user(3, { displayName: 'Junior', department: 'No such team' });
    t.user(4, { displayName: 'Xavier' });
    t.user(5, { displayName: 'Pia' });
    t.user(6, { displayName: 'Olga, not an agent' });
    t.user(7, { displayName: 'Quinn' });
    t.manager(2, 1);
    t.manager(3, 2);
    t.manager(4, 6);
    t.manager(5, 7);
    t.manager(7, 5);
    t.group('Agents', [1, 2, 3, 4, 5, 7]);
    await t.save(
      agentConfig([agentMapping({ groupName: 'Agents' })], {
        agentFieldMappings: [...AGENT_FIELDS, { entraField: 'department', deskField: 'team' }],
      }),
    );

    const result = await t.applied();
    expect(result.summary).toMatchObject({ created: 6, excluded: 1 });
    const [boss, mid, junior, xavier, pia, quinn] = await Promise.all(
      [1, 2, 3, 4, 5, 7].map((n) => t.agent(n)),
    );
    expect(boss).toMatchObject({ jobTitle: 'Head of desk', lineManagerId: null, defaultTeamId: deskTeam.id });
    expect(mid).toMatchObject({ lineManagerId: boss!.id, defaultTeamId: deskTeam.id });
    expect(junior).toMatchObject({ lineManagerId: mid!.id, defaultTeamId: null, teams: [] });
    expect(xavier!.lineManagerId).toBeNull();
    expect(pia!.lineManagerId).toBe(quinn!.id);
    expect(quinn!.lineManagerId).toBe(pia!.id);
    // Guide 001: the default team comes with the three memberships of that team.
    for (const agent of [boss, mid])
      expect(agent!.teams).toEqual([{ teamId: deskTeam.id, ...FULL_MEMBERSHIP, fromMapping: false }]);
    await t.expectNothingToDo();

    t.join('Agents', 6);
    t.manager(3, 1);
    t.user(8, { displayName: 'Nora, not an agent' });
    t.manager(5, 8);
    estate().updateUser(t.tenant, t.uid(1), { department: 'Unknown team', jobTitle: null });
    estate().updateUser(t.tenant, t.uid(2), { department: network.name });
    // Mid was put in the network team by hand, without the flags; the default team grants them.
    await db().insert(schema.agentTeams).values({
      agentId: mid!.id,
      teamId: network.id,
      canBeAssigned: false,
      canSeeUnassigned: false,
      canSeeOthers: false,
    });
    const moved = await t.applied();
    expect(moved.summary).toMatchObject({ created: 1, updated: 4, unchanged: 2 });
    const olga = await t.agent(6);
    expect(await t.agent(4)).toMatchObject({ lineManagerId: olga!.id });
    expect(await t.agent(3)).toMatchObject({ lineManagerId: boss!.id });
    // A new manager who is not an agent clears the line manager.
    expect(await t.agent(5)).toMatchObject({ lineManagerId: null });
    expect(await t.agent(7)).toMatchObject({ lineManagerId: pia!.id });
    // An unknown team name leaves the default team as it was; a blank job title keeps the desk's.
    expect(await t.agent(1)).toMatchObject({ defaultTeamId: deskTeam.id, jobTitle: 'Head of desk' });
    const movedMid = await t.agent(2);
    expect(movedMid!.defaultTeamId).toBe(network.id);
    expect(movedMid!.teams).toContainEqual({ teamId: network.id, ...FULL_MEMBERSHIP, fromMapping: false });
    await t.expectNothingToDo();
  });

  it('gives roles, teams and CABs from (nested) group membership, and warns when a mapped group is renamed', async () => {
    const t = await givenAgentTenant(suite);
    const tier2 = await givenAgentRole(suite.app, 'Tier 2');
    const network = await givenTeam(suite.app, `Network ${t.tag}`);
    const board = await givenCab(suite.app, `Change board ${t.tag}`);
    t.user(1, { displayName: 'Direct member' });
    t.user(2, { displayName: 'Nested member' });
    t.user(3, { displayName: 'In no mapped group' });
    t.group('Tier 2 London', [2]);
    t.group('Tier 2', [1, 'Tier 2 London']);
    t.group('Network Engineers', [1]);
    t.group('CAB Members', [2]);
    t.group('Change Board', ['CAB Members']);
    t.group('Agents', ['Tier 2', 3]);
    const config = agentConfig([agentMapping({ groupName: 'Agents' })], {
      groupMappings: {
        agentRoles: [{ groupName: 'Tier 2', roleId: tier2 }],
        teams: [{ groupName: 'Network Engineers', teamId: network.id }],
        cabs: [{ groupName: 'Change Board', ...board }],
      },
      agents: { removeFromTeamWhenNotFound: true },
    });
    await t.save(config);

    const result = await t.applied();
    expect(result).toMatchObject({ summary: { created: 3 }, warnings: [] });
    expect(await t.agent(1)).toMatchObject({
      roleIds: [tier2],
      teams: [{ teamId: network.id, ...FULL_MEMBERSHIP, fromMapping: true }],
      cabs: [],
    });
    expect(await t.agent(2)).toMatchObject({ roleIds: [tier2], teams: [], cabs: [board] });
    expect(await t.agent(3)).toMatchObject({ roleIds: [], teams: [], cabs: [] });
    await t.expectNothingToDo();

    // "Remove from team when not found" is for scheduled runs only: a manual import keeps the membership.
    t.leave('Network Engineers', 1);
    await t.applied();
    expect((await t.agent(1))!.teams).toEqual([
      { teamId: network.id, ...FULL_MEMBERSHIP, fromMapping: true },
    ]);

    estate().updateGroup(t.tenant, t.groupId('Tier 2'), { displayName: 'Tier Two' });
    t.user(4, { displayName: 'Joined after the rename' });
    t.join('Tier 2', 4);
    const warning = `no group named "Tier 2" in tenant ${t.tenantId}`;
    const previewed = await t.planned();
    expect(previewed.result.warnings).toContain(warning);
    // Checking the configuration says so too (a rename is no typo: no closest name is suggested).
    const checked = await t.validate(config);
    expect(checked.json().problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        field: 'groupMappings.agentRoles.0.groupName',
        message: expect.stringContaining('no group named "Tier 2"'),
      }),
    ]);
    const renamed = await t.applied();
    expect(renamed.warnings).toContain(warning);
    expect(renamed.summary).toMatchObject({ created: 1, updated: 0, deactivated: 0 });
    expect(await t.agent(4)).toMatchObject({ roleIds: [] });
    // Full role management is off: what the group gave before stays until the mapping is fixed.
    expect((await t.agent(2))!.roleIds).toEqual([tier2]);
    // Turned on while the group is missing: saving asks to accept the warning, and the run keeps
    // the roles the missing group gave (who is in it is unknown), so its members stay active. Only
    // the agents no group gives a role (3, and 4 who joined after the rename) are made inactive.
    const managed = { ...config, agents: { ...config.agents, fullRoleManagement: true } };
    const refused = await t.trySave(managed);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'config.groupMappings.agentRoles.0.groupName', message: expect.stringContaining('"Tier 2"') },
    ]);
    await t.save(managed, { acceptWarnings: true });
    const stopped = await t.apply();
    expect(stopped.json().tenants[0]).toMatchObject({
      status: 'stopped',
      error: { code: 'mass_deactivation_guard' },
      summary: { deactivated: 2 },
      warnings: [warning],
    });
    const confirmed = await t.apply({ confirmMassDeactivation: true });
    expect(confirmed.json().tenants[0]).toMatchObject({ status: 'succeeded', summary: { deactivated: 2 } });
    for (const n of [1, 2]) expect(await t.agent(n)).toMatchObject({ roleIds: [tier2], inactive: false });
    for (const n of [3, 4]) expect(await t.agent(n)).toMatchObject({ roleIds: [], inactive: true });

    await t.save({
      ...config,
      groupMappings: { ...config.groupMappings, agentRoles: [{ groupName: 'Tier Two', roleId: tier2 }] },
    });
    const fixed = await t.applied();
    expect(fixed.warnings).toEqual([]);
    expect((await t.agent(4))!.roleIds).toEqual([tier2]);
    await t.expectNothingToDo();
  });

  it('full role management: off adds mapped roles and keeps others; on removes roles no group gives and makes an agent left with none inactive', async () => {
    const t = await givenAgentTenant(suite);
    const staffRole = await givenAgentRole(suite.app, 'Desk staff');
    const handRole = await givenAgentRole(suite.app, 'Given by hand');
    t.user(1, { displayName: 'Staff with a role by hand' });
    t.user(2, { displayName: 'Staff' });
    t.user(3, { displayName: 'Not staff' });
    t.group('Desk Staff', [1, 2]);
    t.group('Agents', ['Desk Staff', 3]);
    const config = (fullRoleManagement: boolean) =>
      agentConfig([agentMapping({ groupName: 'Agents' })], {
        groupMappings: { agentRoles: [{ groupName: 'Desk Staff', roleId: staffRole }] },
        agents: { fullRoleManagement },
      });
    await t.save(config(false));
    await t.applied();
    const one = (await t.agent(1))!;
    const three = (await t.agent(3))!;
    expect(one.roleIds).toEqual([staffRole]);
    expect(three).toMatchObject({ roleIds: [], inactive: false });
    await giveRoleByHand(suite.app, one.id, handRole);
    await giveRoleByHand(suite.app, three.id, handRole);

    t.join('Desk Staff', 3);
    const off = await t.applied();
    expect(off.summary).toMatchObject({ updated: 1, deactivated: 0 });
    expect((await t.agent(1))!.roleIds).toEqual(sorted([staffRole, handRole]));
    expect((await t.agent(3))!.roleIds).toEqual(sorted([staffRole, handRole]));

    t.leave('Desk Staff', 3);
    t.user(4, { displayName: 'New, in no role group' });
    t.join('Agents', 4);
    await t.save(config(true));
    const plan = await t.planned();
    expect(plan.entry(1)).toMatchObject({ outcome: 'update', roleIds: [staffRole] });
    expect(plan.entry(3)).toMatchObject({
      outcome: 'deactivate',
      reasonCode: 'deactivated.noRole',
      roleIds: [],
    });
    expect(plan.entry(4)).toMatchObject({ outcome: 'excluded', reasonCode: 'excluded.noRole' });
    const on = await t.applied({ confirmMassDeactivation: true });
    expect(on.summary).toMatchObject({ created: 0, updated: 1, deactivated: 1, unchanged: 1, excluded: 1 });
    expect(await t.agent(1)).toMatchObject({ roleIds: [staffRole], inactive: false });
    expect(await t.agent(2)).toMatchObject({ roleIds: [staffRole], inactive: false });
    expect(await t.agent(3)).toMatchObject({ roleIds: [], inactive: true });
    expect(await t.agent(4)).toBeUndefined();
    const logged = await t.inbound(`&syncRunId=${on.runId}`);
    expect(logged).toHaveLength(2);
    expect(logged).toContainEqual(
      expect.objectContaining({
        externalId: t.uid(3),
        action: 'deactivate',
        reasonCode: 'deactivated.noRole',
      }),
    );
    expect(logged).toContainEqual(expect.objectContaining({ externalId: t.uid(1), action: 'update' }));
    await t.expectNothingToDo();

    // Back in a group with a mapped role: the agent has a role again and is active again.
    t.join('Desk Staff', 3);
    const back = await t.applied();
    expect(back.summary).toMatchObject({ updated: 1, deactivated: 0 });
    expect(await t.agent(3)).toMatchObject({ roleIds: [staffRole], inactive: false });
  });

  it('licence management: named-licence roles give a named licence, others concurrent; inactive roles make agents inactive', async () => {
    const t = await givenAgentTenant(suite);
    const named = await givenAgentRole(suite.app, 'Named seat');
    const suspended = await givenAgentRole(suite.app, 'Suspended');
    for (const n of [1, 2, 3]) t.user(n, { displayName: `Agent ${n}` });
    t.group('Named Licence', [1]);
    t.group('Suspended');
    t.group('Agents', [1, 2, 3]);
    const config = (namedLicenceRoleIds: string[]) =>
      agentConfig([agentMapping({ groupName: 'Agents', licenceType: 'noChange' })], {
        groupMappings: {
          agentRoles: [
            { groupName: 'Named Licence', roleId: named },
            { groupName: 'Suspended', roleId: suspended },
          ],
        },
        agents: { licenceManagement: { enabled: true, namedLicenceRoleIds, inactiveRoleIds: [suspended] } },
      });
    await t.save(config([named]));
    await t.applied();
    expect(await t.agent(1)).toMatchObject({ roleIds: [named], licenceType: 'named', inactive: false });
    expect(await t.agent(2)).toMatchObject({ roleIds: [], licenceType: 'concurrent' });
    expect(await t.agent(3)).toMatchObject({ licenceType: 'concurrent', inactive: false });

    t.join('Suspended', 3);
    t.user(4, { displayName: 'New and suspended' });
    t.join('Agents', 4);
    t.join('Suspended', 4);
    const plan = await t.planned();
    expect(plan.entry(3)).toMatchObject({ outcome: 'deactivate', reasonCode: 'deactivated.inactiveRole' });
    expect(plan.entry(4)).toMatchObject({ outcome: 'excluded', reasonCode: 'excluded.inactiveRole' });
    await t.applied({ confirmMassDeactivation: true });
    expect(await t.agent(3)).toMatchObject({ roleIds: [suspended], inactive: true });
    expect(await t.agent(4)).toBeUndefined();

    // Guide 001: a role taken off the named list moves its agents to concurrent at the next run.
    await t.save(config([]));
    const next = await t.applied();
    expect(next.summary).toMatchObject({ updated: 1, deactivated: 0 });
    expect(await t.agent(1)).toMatchObject({ roleIds: [named], licenceType: 'concurrent', inactive: false });
    await t.expectNothingToDo();
  });

  it('makes disabled accounts inactive, and users deleted from the directory only when "deactivate not found" is on', async () => {
    const t = await givenAgentTenant(suite);
    for (const n of [1, 2, 3, 4]) t.user(n, { displayName: `Agent ${n}` });
    t.group('Agents', [1, 2, 3, 4]);
    const config = (deactivateNotFound: boolean) =>
      agentConfig([agentMapping({ groupName: 'Agents' })], { import: { deactivateNotFound } });
    await t.save(config(false));
    await t.applied();

    estate().updateUser(t.tenant, t.uid(2), { accountEnabled: false });
    estate().softDeleteUser(t.tenant, t.uid(3));
    const off = await t.applied({ confirmMassDeactivation: true });
    expect(off.summary).toMatchObject({ deactivated: 1, updated: 0 });
    expect(await t.agent(2)).toMatchObject({ inactive: true });
    expect(await t.agent(3)).toMatchObject({ inactive: false });
    expect(await t.inbound(`&syncRunId=${off.runId}`)).toEqual([
      expect.objectContaining({
        externalId: t.uid(2),
        action: 'deactivate',
        reasonCode: 'deactivated.disabled',
      }),
    ]);

    await t.save(config(true));
    // One of three active linked agents is more than the 20% guard: the run stops and asks.
    const stopped = await t.apply();
    expect(stopped.json().tenants[0]).toMatchObject({
      status: 'stopped',
      error: { code: 'mass_deactivation_guard' },
      guard: { tripped: true, wouldDeactivate: 1 },
    });
    expect(await t.agent(3)).toMatchObject({ inactive: false });
    const on = await t.applied({ confirmMassDeactivation: true });
    expect(on.summary).toMatchObject({ deactivated: 1 });
    expect(await t.agent(3)).toMatchObject({ inactive: true });
    expect(await t.agent(1)).toMatchObject({ inactive: false });
    expect(await t.inbound(`&syncRunId=${on.runId}`)).toEqual([
      expect.objectContaining({
        externalId: t.uid(3),
        action: 'deactivate',
        reasonCode: 'deactivated.notFound',
      }),
    ]);
    await t.expectNothingToDo();

    // Enabled again, restored, or out of the mapping's group: the import follows.
    estate().updateUser(t.tenant, t.uid(2), { accountEnabled: true });
    estate().restoreUser(t.tenant, t.uid(3));
    t.join('Agents', 3);
    t.leave('Agents', 4);
    const back = await t.applied({ confirmMassDeactivation: true });
    expect(back.summary).toMatchObject({ updated: 2, deactivated: 1 });
    expect(await t.agent(2)).toMatchObject({ inactive: false });
    expect(await t.agent(3)).toMatchObject({ inactive: false });
    expect(await t.agent(4)).toMatchObject({ inactive: true });
    await t.expectNothingToDo();
  });

  it('adopts the one unlinked agent with the same email (or next matching field), and sends a user two agents match to the review list', async () => {
    const t = await givenAgentTenant(suite);
    const [sam] = await db()
      .insert(schema.agents)
      .values({ displayName: 'Sam (made by hand)', email: t.mail(1).toUpperCase(), licenceType: 'named' })
      .returning();
    const twins = await db()
      .insert(schema.agents)
      .values(['Twin One', 'Twin Two'].map((displayName) => ({ displayName, email: t.mail(2) })))
      .returning({ id: schema.agents.id });
    const [uma] = await db()
      .insert(schema.agents)
      .values({ displayName: 'Uma (no email)', userPrincipalName: `uma@agents${t.tag}.onmicrosoft.com` })
      .returning();
    t.user(1, { displayName: 'Sam Smith' });
    t.user(2, { displayName: 'Twin' });
    t.user(3, { displayName: 'Uma', userPrincipalName: uma!.userPrincipalName, mail: null });
    // Adopted in the same run, each the other's manager.
    t.manager(1, 3);
    t.manager(3, 1);
    await t.save(
      agentConfig([agentMapping()], {
        agentFieldMappings: [
          ...AGENT_FIELDS,
          { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
        ],
        matching: { fields: ['email', 'userPrincipalName'] },
      }),
    );

    const plan = await t.planned();
    expect(plan.entry(1)).toMatchObject({
      outcome: 'update',
      reasonCode: 'matched.adopted',
      deskId: sam!.id,
    });
    expect(plan.entry(2)).toMatchObject({
      outcome: 'review',
      reasonCode: 'review.ambiguousMatch',
      candidates: expect.arrayContaining(twins.map((x) => x.id)),
    });
    const result = await t.applied();
    expect(result.summary).toMatchObject({ created: 0, updated: 2, review: 1 });
    // Matching fields are tried in order: no email, so the user principal name.
    expect(plan.entry(3)).toMatchObject({
      outcome: 'update',
      reasonCode: 'matched.adopted',
      deskId: uma!.id,
    });
    expect(await t.agent(3)).toMatchObject({ id: uma!.id, displayName: 'Uma', lineManagerId: sam!.id });
    expect(await t.agent(1)).toMatchObject({ lineManagerId: uma!.id });
    expect(await t.agent(1)).toMatchObject({ id: sam!.id, displayName: 'Sam Smith', licenceType: 'named' });
    const [same] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.agents)
      .where(sql`lower(${schema.agents.email}) = ${t.mail(1)}`);
    expect(same!.n).toBe(1);
    expect(await t.agent(2)).toBeUndefined();
    for (const twin of twins) {
      const [row] = await db().select().from(schema.agents).where(eq(schema.agents.id, twin.id));
      expect(row).toMatchObject({ tenantId: null, entraObjectId: null });
    }
    expect(await t.reviews()).toEqual([
      expect.objectContaining({
        module: 'agents',
        entraId: t.uid(2),
        displayName: 'Twin',
        candidates: expect.arrayContaining(twins.map((x) => x.id)),
      }),
    ]);
    expect(await t.inbound(`&syncRunId=${result.runId}`)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ externalId: t.uid(1), action: 'update', reasonCode: 'matched.adopted' }),
        expect.objectContaining({
          externalId: t.uid(2),
          action: 'review',
          reasonCode: 'review.ambiguousMatch',
        }),
      ]),
    );
    await t.expectNothingToDo();

    // Someone corrects the second twin's email: the next run adopts the first and closes the review.
    await db().update(schema.agents).set({ email: null }).where(eq(schema.agents.id, twins[1]!.id));
    const settled = await t.applied();
    expect(settled.summary).toMatchObject({ updated: 1, review: 0 });
    expect(await t.agent(2)).toMatchObject({ id: twins[0]!.id, displayName: 'Twin' });
    expect(await t.reviews()).toEqual([]);
    await t.expectNothingToDo();
  });

  it('refuses an import that would take the last administrator role, which a group mapping gave, writing nothing', async () => {
    const t = await givenAgentTenant(suite);
    const deskAdmins = await givenAgentRole(suite.app, 'Desk administrators', ['administrator']);
    const staffRole = await givenAgentRole(suite.app, 'Staff');
    // Only an administrator may map a group to a role with the administrator permission.
    const setupAdmin = await givenAgent(db(), { roleNames: ['Administrator'] });
    const ada = await createAccountRepository(db()).createAgentAccount({
      email: t.mail(1),
      displayName: 'Ada (signed in before the import)',
      passwordHash: 'unused',
      roleNames: [],
      now: new Date(),
    });
    t.user(1, { displayName: 'Ada Admin' });
    t.user(2, { displayName: 'Ben Staff' });
    t.group('Desk Admins', [1]);
    t.group('Staff', [2]);
    await t.save(
      agentConfig([agentMapping()], {
        groupMappings: {
          agentRoles: [
            { groupName: 'Desk Admins', roleId: deskAdmins },
            { groupName: 'Staff', roleId: staffRole },
          ],
        },
        agents: { fullRoleManagement: true },
      }),
      { caller: setupAdmin },
    );
    await t.applied();
    expect(await t.agent(1)).toMatchObject({ id: ada.agentId, roleIds: [deskAdmins], inactive: false });

    const setDisabled = (disabled: boolean) =>
      db().update(schema.accounts).set({ disabled }).where(eq(schema.accounts.id, setupAdmin.accountId));
    await setDisabled(true);
    expect(await createAccountAdminRepository(db()).countAdministrators()).toBe(1);
    t.leave('Desk Admins', 1);
    const before = await tableSnapshot(db());
    const refused = await t.apply({ confirmMassDeactivation: true });
    expect(refused.statusCode, refused.body).toBe(200);
    const [tenant] = refused.json().tenants;
    expect(tenant).toMatchObject({
      status: 'failed',
      error: { code: 'last-administrator', message: expect.stringContaining('no enabled administrator') },
    });
    expect(await tableSnapshot(db())).toEqual(before);
    expect(await t.agent(1)).toMatchObject({ roleIds: [deskAdmins], inactive: false });
    const [run] = await t.runs();
    expect(run).toMatchObject({ id: tenant.runId, status: 'failed', error: { code: 'last-administrator' } });
    expect(await t.inbound(`&syncRunId=${tenant.runId}`)).toEqual([]);

    // With another administrator made by hand, the same import applies.
    await setDisabled(false);
    const applied = await t.applied({ confirmMassDeactivation: true });
    expect(applied.summary).toMatchObject({ deactivated: 1 });
    expect(await t.agent(1)).toMatchObject({ roleIds: [], inactive: true });
    expect(await t.agent(2)).toMatchObject({ roleIds: [staffRole], inactive: false });
  });

  it('plans nothing and writes nothing on a second run of every mapping type with no directory change', async () => {
    const t = await givenAgentTenant(suite);
    const role = await givenAgentRole(suite.app, 'Everything');
    const named = await givenAgentRole(suite.app, 'Everything named');
    const team = await givenTeam(suite.app, `Everything ${t.tag}`);
    const board = await givenCab(suite.app, `Everything board ${t.tag}`);
    const plainBoard = await givenCab(suite.app, `Everything plain board ${t.tag}`);
    t.user(1, { displayName: 'Lead', department: team.name, jobTitle: 'Lead' });
    // The same team as default team and from a team mapping.
    t.user(2, { displayName: 'Member', department: team.name });
    t.user(3, { displayName: 'Loop A', department: 'Nowhere' });
    t.user(4, { displayName: 'Loop B' });
    t.user(5, { displayName: 'Disabled', accountEnabled: false });
    t.manager(2, 1);
    t.manager(3, 4);
    t.manager(4, 3);
    t.group('Inner', [2, 3]);
    t.group('Everyone', [1, 4, 5, 'Inner']);
    t.group('Named', [1]);
    await t.save(
      agentConfig([agentMapping({ groupName: 'Everyone', licenceType: 'named' })], {
        agentFieldMappings: [...AGENT_FIELDS, { entraField: 'department', deskField: 'team' }],
        groupMappings: {
          agentRoles: [
            { groupName: 'Everyone', roleId: role },
            { groupName: 'Named', roleId: named },
          ],
          teams: [{ groupName: 'Inner', teamId: team.id }],
          cabs: [
            { groupName: 'Inner', ...board },
            { groupName: 'Everyone', cabId: plainBoard.cabId, cabRoleId: null },
          ],
        },
        agents: {
          fullRoleManagement: true,
          licenceManagement: { enabled: true, namedLicenceRoleIds: [named], inactiveRoleIds: [] },
        },
      }),
    );
    const previewed = await t.planned();
    const first = await t.applied({ fingerprint: previewed.result.fingerprint });
    expect(first.summary).toMatchObject({ created: 4, excluded: 1 });
    expect(await t.agent(1)).toMatchObject({
      licenceType: 'named',
      roleIds: sorted([role, named]),
      defaultTeamId: team.id,
      cabs: [{ cabId: plainBoard.cabId, cabRoleId: null }],
    });
    expect(await t.agent(2)).toMatchObject({ licenceType: 'concurrent', defaultTeamId: team.id });
    expect((await t.agent(2))!.teams).toEqual([
      expect.objectContaining({ teamId: team.id, ...FULL_MEMBERSHIP }),
    ]);
    expect((await t.agent(3))!.cabs).toEqual(
      [board, { cabId: plainBoard.cabId, cabRoleId: null }].sort((a, b) => a.cabId.localeCompare(b.cabId)),
    );
    await t.expectNothingToDo();
    const second = (await t.runs())[0];
    expect(second).toMatchObject({
      status: 'succeeded',
      counts: { created: 0, updated: 0, deactivated: 0, unchanged: 4 },
    });
    // The preview of an unchanged directory is the plan the apply makes.
    const again = await t.planned();
    expect(again.result.summary).toMatchObject({ created: 0, updated: 0, deactivated: 0, unchanged: 4 });
    expect((await t.applied({ fingerprint: again.result.fingerprint })).status).toBe('succeeded');
  });

  it('refuses to apply an agent import for a caller who may only read the connection, and hides it from others', async () => {
    const t = await givenAgentTenant(suite);
    t.user(1);
    await t.save(agentConfig([agentMapping()]));
    const reader = await givenAgent(db(), { permissions: [] });
    const outsider = await givenAgent(db(), { permissions: [] });
    const grantor = await givenAgent(db(), { permissions: ['agents.write'] });
    const granted = await call(suite.app, grantor, 'PUT', `/api/connections/${t.connectionId}/grants`, {
      grants: [{ accountId: reader.accountId, access: 'read' }],
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect((await t.preview(reader)).statusCode).toBe(200);
    expect((await t.apply({}, reader)).statusCode).toBe(403);
    expect((await t.apply({}, outsider)).statusCode).toBe(404);
    expect(await t.agent(1)).toBeUndefined();
    expect((await t.runs()).every((run: { dryRun: boolean }) => run.dryRun)).toBe(true);
  });

  it('removes an agent from a mapped team it is no longer in on scheduled runs only (agents.removeFromTeamWhenNotFound), full and delta', async () => {
    const t = await givenAgentTenant(suite);
    const network = await givenTeam(suite.app, `Network ${t.tag}`);
    const support = await givenTeam(suite.app, `Support ${t.tag}`);
    t.user(1, { displayName: 'Leaves the team' });
    t.user(2, { displayName: 'Stays' });
    t.group('Network Engineers', [1, 2]);
    t.group('Agents', [1, 2]);
    const config = agentConfig([agentMapping({ groupName: 'Agents' })], {
      groupMappings: { teams: [{ groupName: 'Network Engineers', teamId: network.id }] },
      agents: { removeFromTeamWhenNotFound: true },
      delta: { enabled: true, method: 'allChanges' },
    });
    await t.save(config);
    const connection = (await createConnectionRepository(db(), suite.app.deps.secrets).findById(
      t.connectionId,
    ))!;
    const scheduled = async (read: 'full' | 'auto') => {
      const [result] = await runConnectionImport(suite.app.deps, connection, {
        module: 'agents',
        trigger: 'scheduled',
        read,
        dryRun: false,
      });
      expect(result!.status, JSON.stringify(result!.error)).toBe('succeeded');
      return result!;
    };
    await scheduled('auto');
    // A team given by hand is not the mapping's to take away.
    await db()
      .insert(schema.agentTeams)
      .values({ agentId: (await t.agent(1))!.id, teamId: support.id });

    t.leave('Network Engineers', 1);
    const run = await scheduled('auto');
    expect(run.plan!.read.mode).toBe('delta');
    expect((await t.agent(1))!.teams.map((m) => m.teamId)).toEqual([support.id]);
    expect((await t.agent(2))!.teams.map((m) => m.teamId)).toEqual([network.id]);

    // The same on a scheduled full read; a manual import would have kept the membership.
    t.join('Network Engineers', 1);
    await scheduled('full');
    t.leave('Network Engineers', 1);
    await t.applied();
    expect((await t.agent(1))!.teams.map((m) => m.teamId).sort()).toEqual(sorted([network.id, support.id]));
    await scheduled('full');
    expect((await t.agent(1))!.teams.map((m) => m.teamId)).toEqual([support.id]);
  });

  it('sends the open requests of agents an import makes inactive back to unassigned, only with agents.reassignTicketsOnDeactivate', async () => {
    const t = await givenAgentTenant(suite);
    const staffRole = await givenAgentRole(suite.app, 'Request handlers');
    for (const n of [1, 2, 3]) t.user(n, { displayName: `Handler ${n}` });
    t.group('Handlers', [1, 2, 3]);
    t.group('Desk Agents', ['Handlers']);
    const config = (reassignTicketsOnDeactivate: boolean) =>
      agentConfig([agentMapping({ groupName: 'Desk Agents' })], {
        groupMappings: { agentRoles: [{ groupName: 'Handlers', roleId: staffRole }] },
        agents: { fullRoleManagement: true, reassignTicketsOnDeactivate },
      });
    await t.save(config(false));
    await t.applied();
    const [customer] = await db().insert(schema.customers).values({ name: 'Requests & Co' }).returning();
    const requestOf = async (agentId: string, status: 'inProgress' | 'completed') => {
      const [row] = await db()
        .insert(schema.tickets)
        .values({
          customerId: customer!.id,
          type: 'newStarter',
          status,
          summary: 'New starter',
          fields: {},
          approval: {},
          notifications: {},
          requestedByName: 'Portal user',
          assignedAgentId: agentId,
        })
        .returning({ id: schema.tickets.id });
      return row!.id;
    };
    const assigned = async (id: string) =>
      (await db().select().from(schema.tickets).where(eq(schema.tickets.id, id)))[0]!.assignedAgentId;
    const [one, two, three] = [(await t.agent(1))!.id, (await t.agent(2))!.id, (await t.agent(3))!.id];
    const keptOff = await requestOf(two, 'inProgress');
    const open = await requestOf(one, 'inProgress');
    const done = await requestOf(one, 'completed');
    const stays = await requestOf(three, 'inProgress');

    // Off: agent 2 is made inactive, and keeps their request.
    t.leave('Handlers', 2);
    await t.applied({ confirmMassDeactivation: true });
    expect(await t.agent(2)).toMatchObject({ inactive: true });
    expect(await assigned(keptOff)).toBe(two);

    // On: agent 1 is made inactive; their open request goes back to unassigned, the finished one not.
    await t.save(config(true));
    t.leave('Handlers', 1);
    await t.applied({ confirmMassDeactivation: true });
    expect(await t.agent(1)).toMatchObject({ inactive: true });
    expect(await assigned(open)).toBeNull();
    expect(await assigned(done)).toBe(one);
    expect(await assigned(stays)).toBe(three);
  });
});

function estate() {
  return suite.world.emu.estate;
}
