import { describe, expect, it } from 'vitest';
import type {
  DirectoryUser,
  EntraImportConfig,
  PlanDeskAgent,
  SiteMapping,
} from '../../contracts/entra/index.js';
import { planAgentImport, type AgentPlanInput } from './agent-plan.js';
import { TENANT, config, deskAgent, dirUser, linkedTo, mapping } from './testing/fixtures.js';

const staff = mapping.agent({ id: 'ag', sequence: 10, groupName: 'IT Staff', description: 'IT' });
const teams = [
  { id: 't-1', name: 'Service Desk' },
  { id: 't-2', name: 'Networks' },
  { id: 't-3', name: 'Twin' },
  { id: 't-4', name: 'twin' },
];
type Options = Partial<AgentPlanInput> & { overrides?: Partial<EntraImportConfig>; mappings?: SiteMapping[] };
function plan(directory: DirectoryUser[], agents: PlanDeskAgent[], opts: Options = {}) {
  const { overrides, mappings, ...rest } = opts;
  return planAgentImport({
    config: config({ siteMappings: mappings ?? [staff], ...overrides }),
    directory,
    desk: { agents, teams },
    tenantIds: [TENANT],
    mode: 'full',
    trigger: 'manual',
    ...rest,
  });
}
const it_ = (id: string, extra: Partial<DirectoryUser> = {}) =>
  dirUser(id, { groups: ['IT Staff'], ...extra });
const linkedAgent = (id: string, entraId: string, extra: Partial<PlanDeskAgent> = {}) =>
  deskAgent(id, {
    ...linkedTo(entraId),
    values: { displayName: `User ${entraId}`, email: `${entraId}@contoso.example` },
    ...extra,
  });
const agentsConfig = (p: Partial<EntraImportConfig['agents']>): Partial<EntraImportConfig> => ({
  agents: { ...config().agents, ...p },
});
const groups = (p: Partial<EntraImportConfig['groupMappings']>): EntraImportConfig['groupMappings'] => ({
  agentRoles: [],
  userRoles: [],
  teams: [],
  cabs: [],
  ...p,
});

describe('which users become agents', () => {
  it('only agent mappings import agents; site mappings do not', () => {
    const site = mapping.existingSite({ id: 's', sequence: 1, siteId: 's-main' });
    const result = plan([it_('a'), dirUser('b')], [], { mappings: [site, staff] });
    expect(result.agents.map((a) => [a.entraId, a.outcome, a.reason])).toEqual([
      ['a', 'create', 'matched agent mapping "IT" (seq 10) via group IT Staff; new agent'],
      ['b', 'excluded', 'excluded: not a member of group "IT Staff" (agent mapping "IT", seq 10)'],
    ]);
  });

  it('a do-not-import mapping with a lower sequence excludes from the agent plan too', () => {
    const skip = mapping.doNotImport({ id: 'n', sequence: 1, groupName: 'Leavers' });
    const result = plan([it_('a', { groups: ['IT Staff', 'Leavers'] })], [], { mappings: [staff, skip] });
    expect(result.agents[0]).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.doNotImport',
      mappingId: 'n',
    });
  });

  it('creates agents with mapped values, an imported line manager and a default team by name', () => {
    const fields = [
      ...config().agentFieldMappings,
      { entraField: 'manager', deskField: 'linemanager' as const, overwriteWithBlank: false },
      { entraField: 'department', deskField: 'team' as const, overwriteWithBlank: false },
    ];
    const result = plan(
      [
        it_('a', { managerId: 'b', fields: { mail: 'a@x.example', department: ' service DESK' } }),
        // Guide 001: the manager must be an agent created from an import; 'boss' is not one.
        it_('b', { managerId: 'boss', fields: { department: 'Unknown' } }),
      ],
      [],
      { overrides: { agentFieldMappings: fields } },
    );
    expect(result.agents.map((a) => [a.values, a.agent?.defaultTeamId, a.agent?.licenceType])).toEqual([
      [
        { displayName: 'User a', email: 'a@x.example', linemanager: 'b', team: 'Service Desk' },
        't-1',
        'concurrent',
      ],
      [{ displayName: 'User b', email: null, linemanager: null, team: null }, null, 'concurrent'],
    ]);
  });

  it("an unknown or ambiguous team name leaves an existing agent's default team unchanged", () => {
    const fields = [{ entraField: 'department', deskField: 'team' as const, overwriteWithBlank: true }];
    const agent = linkedAgent('x', 'a', { values: { team: 'Networks' } });
    for (const department of ['Nowhere', 'TWIN', '']) {
      const [planned] = plan([it_('a', { fields: { department } })], [agent], {
        overrides: { agentFieldMappings: fields },
      }).agents;
      expect(planned).toMatchObject({ outcome: 'unchanged', agent: { defaultTeamId: null } });
    }
    const [moved] = plan([it_('a', { fields: { department: 'service desk' } })], [agent], {
      overrides: { agentFieldMappings: fields },
    }).agents;
    expect(moved!.changes).toEqual([{ field: 'team', before: 'Networks', after: 'Service Desk' }]);
  });
});

describe('roles', () => {
  const roleMappings = groups({
    agentRoles: [
      { groupName: 'IT Staff', roleId: 'r-agent' },
      { groupName: 'Admins', roleId: 'r-admin' },
    ],
  });

  it('adds mapped roles to the ones an agent has', () => {
    const [planned] = plan([it_('a')], [linkedAgent('x', 'a', { roleIds: ['r-manual'] })], {
      overrides: { groupMappings: roleMappings },
    }).agents;
    expect(planned).toMatchObject({ outcome: 'update', roleIds: ['r-agent', 'r-manual'] });
  });

  it('full role management: exactly the mapped roles; none makes the agent inactive or is not imported', () => {
    const overrides = { groupMappings: roleMappings, ...agentsConfig({ fullRoleManagement: true }) };
    const [kept] = plan([it_('a')], [linkedAgent('x', 'a', { roleIds: ['r-manual'] })], { overrides }).agents;
    expect(kept).toMatchObject({
      outcome: 'update',
      roleIds: ['r-agent'],
      changes: [{ field: 'roleIds', before: 'r-manual', after: 'r-agent' }],
    });
    const noRoles = {
      ...overrides,
      groupMappings: groups({ agentRoles: [{ groupName: 'Admins', roleId: 'r-admin' }] }),
    };
    const result = plan([it_('a'), it_('b')], [linkedAgent('x', 'a', { roleIds: ['r-agent'] })], {
      overrides: noRoles,
    });
    expect(result.agents.map((a) => [a.entraId, a.outcome, a.reasonCode])).toEqual([
      ['a', 'deactivate', 'deactivated.noRole'],
      ['b', 'excluded', 'excluded.noRole'],
    ]);
    expect(result.agents[0]!.changes).toEqual([
      { field: 'inactive', before: 'false', after: 'true' },
      { field: 'roleIds', before: 'r-agent', after: '' },
    ]);
  });
});

describe('mapped groups the tenant does not have (renamed or deleted)', () => {
  const roleMappings = groups({
    agentRoles: [
      { groupName: 'IT Staff', roleId: 'r-agent' },
      { groupName: 'Tier 2', roleId: 'r-tier2' },
    ],
    teams: [{ groupName: 'Tier 2', teamId: 't-2' }],
  });
  const overrides = {
    groupMappings: roleMappings,
    ...agentsConfig({ fullRoleManagement: true, removeFromTeamWhenNotFound: true }),
  };
  const tier2 = linkedAgent('x', 'a', {
    roleIds: ['r-agent', 'r-tier2', 'r-manual'],
    teams: [{ teamId: 't-2', fromMapping: true }],
  });

  it('full role management keeps the roles and teams a missing group gave, and takes the rest', () => {
    const result = plan([it_('a')], [tier2], { overrides, trigger: 'scheduled', missingGroups: ['tier 2'] });
    expect(result.agents[0]).toMatchObject({
      outcome: 'update',
      roleIds: ['r-agent', 'r-tier2'],
      changes: [{ field: 'roleIds', before: 'r-agent,r-manual,r-tier2', after: 'r-agent,r-tier2' }],
      agent: { removeTeamIds: [] },
    });
  });

  it('an agent whose only role came from a missing group stays active; a new user gets nothing from it', () => {
    const onlyTier2 = linkedAgent('x', 'a', { roleIds: ['r-tier2'] });
    const directory = [dirUser('a', { groups: ['Elsewhere'] }), dirUser('b', { groups: ['Elsewhere'] })];
    const anyone = mapping.agent({ id: 'ag', sequence: 10 });
    const missing = plan(directory, [onlyTier2], {
      overrides,
      mappings: [anyone],
      missingGroups: ['Tier 2'],
    });
    expect(missing.agents.map((a) => [a.entraId, a.outcome, a.roleIds])).toEqual([
      ['a', 'unchanged', ['r-tier2']],
      ['b', 'excluded', null],
    ]);
    // Found, and the agent is not in it: full role management takes the role away.
    const found = plan(directory, [onlyTier2], { overrides, mappings: [anyone] });
    expect(found.agents[0]).toMatchObject({ outcome: 'deactivate', reasonCode: 'deactivated.noRole' });
  });
});

describe('licence management', () => {
  const roleMappings = groups({
    agentRoles: [
      { groupName: 'IT Staff', roleId: 'r-agent' },
      { groupName: 'Named', roleId: 'r-named' },
      { groupName: 'Leavers', roleId: 'r-off' },
    ],
  });
  const managed = {
    groupMappings: roleMappings,
    ...agentsConfig({
      licenceManagement: { enabled: true, namedLicenceRoleIds: ['r-named'], inactiveRoleIds: ['r-off'] },
    }),
  };

  it('named when a role gives one, concurrent otherwise (removing the role moves the agent back)', () => {
    const result = plan(
      [it_('a', { groups: ['IT Staff', 'Named'] }), it_('b')],
      [linkedAgent('y', 'b', { licenceType: 'named' })],
      { overrides: managed },
    );
    expect(result.agents.map((a) => [a.entraId, a.agent?.licenceType])).toEqual([
      ['a', 'named'],
      ['b', 'concurrent'],
    ]);
    expect(result.agents[1]!.changes).toContainEqual({
      field: 'licenceType',
      before: 'named',
      after: 'concurrent',
    });
  });

  it('a role that makes agents inactive deactivates existing agents and keeps new ones out', () => {
    const leavers = [
      it_('a', { groups: ['IT Staff', 'Leavers'] }),
      it_('b', { groups: ['IT Staff', 'Leavers'] }),
    ];
    const result = plan(leavers, [linkedAgent('x', 'a', { roleIds: ['r-agent'] })], { overrides: managed });
    expect(result.agents.map((a) => [a.entraId, a.outcome, a.reasonCode])).toEqual([
      ['a', 'deactivate', 'deactivated.inactiveRole'],
      ['b', 'excluded', 'excluded.inactiveRole'],
    ]);
    expect(result.agents[0]!.reason).toBe(
      'matched agent mapping "IT" (seq 10) via group IT Staff; linked agent x; role r-off makes agents inactive, so the agent is made inactive',
    );
  });

  it('without licence management the agent mapping sets the licence type, or leaves existing agents alone', () => {
    const named = { ...staff, licenceType: 'named' as const };
    expect(plan([it_('a')], [linkedAgent('x', 'a')], { mappings: [named] }).agents[0]).toMatchObject({
      outcome: 'update',
      agent: { licenceType: 'named' },
    });
    const [left] = plan([it_('a')], [linkedAgent('x', 'a', { licenceType: 'named' })]).agents;
    expect(left).toMatchObject({ outcome: 'unchanged', agent: { licenceType: null } });
  });
});

describe('teams and CABs', () => {
  const teamMappings = groups({
    teams: [
      { groupName: 'IT Staff', teamId: 't-1' },
      { groupName: 'Network Team', teamId: 't-2' },
    ],
    cabs: [
      { groupName: 'IT Staff', cabId: 'cab-1', cabRoleId: 'member' },
      { groupName: 'Network Team', cabId: 'cab-1', cabRoleId: 'chair' },
    ],
  });
  const inBoth = linkedAgent('x', 'a', {
    teams: [
      { teamId: 't-2', fromMapping: true },
      { teamId: 't-9', fromMapping: false },
    ],
    cabs: [{ cabId: 'cab-1', cabRoleId: 'member' }],
  });

  it('adds mapped teams the agent is not in; removes on scheduled runs only, and only mapped memberships', () => {
    const manual = plan([it_('a')], [inBoth], {
      overrides: { groupMappings: teamMappings, ...agentsConfig({ removeFromTeamWhenNotFound: true }) },
    });
    expect(manual.agents[0]!.agent).toMatchObject({ addTeamIds: ['t-1'], removeTeamIds: [], cabs: [] });
    const scheduled = plan([it_('a')], [inBoth], {
      trigger: 'scheduled',
      overrides: { groupMappings: teamMappings, ...agentsConfig({ removeFromTeamWhenNotFound: true }) },
    });
    expect(scheduled.agents[0]!.agent).toMatchObject({ addTeamIds: ['t-1'], removeTeamIds: ['t-2'] });
    expect(scheduled.agents[0]!.changes).toContainEqual({
      field: 'teams',
      before: 't-2,t-9',
      after: 't-1,t-9',
    });
    const optionOff = plan([it_('a')], [inBoth], {
      trigger: 'scheduled',
      overrides: { groupMappings: teamMappings },
    });
    expect(optionOff.agents[0]!.agent?.removeTeamIds).toEqual([]);
  });

  it('sets CAB memberships not already held with that role (first mapping per CAB wins)', () => {
    const [planned] = plan([it_('a', { groups: ['Network Team', 'IT Staff'] })], [], {
      overrides: { groupMappings: teamMappings },
    }).agents;
    expect(planned!.agent).toMatchObject({
      addTeamIds: ['t-1', 't-2'],
      cabs: [{ cabId: 'cab-1', cabRoleId: 'member' }],
    });
    expect(
      plan([it_('a')], [inBoth], { overrides: { groupMappings: teamMappings } }).agents[0]!.agent?.cabs,
    ).toEqual([]);
  });
});

describe('agent lifecycle', () => {
  it('disabled, not found, adopted by email', () => {
    const desk = [
      linkedAgent('x', 'a'),
      linkedAgent('y', 'gone'),
      deskAgent('z', { values: { email: 'c@contoso.example' } }),
    ];
    const result = plan([it_('a', { accountEnabled: false }), it_('c')], desk);
    expect(result.agents.map((a) => [a.entraId, a.outcome, a.reasonCode, a.deskId])).toEqual([
      ['a', 'deactivate', 'deactivated.disabled', 'x'],
      ['c', 'update', 'matched.adopted', 'z'],
      ['gone', 'deactivate', 'deactivated.notFound', 'y'],
    ]);
    expect(result.guard).toMatchObject({ wouldDeactivate: 2, linked: 2, percent: 100, tripped: true });
  });
});
