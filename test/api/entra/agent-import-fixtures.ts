import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { EntraImportConfigInput, SiteMapping } from '../../../src/contracts/entra/index.js';
import { kindProps } from '../../../src/emulator/graph/groups/group-view.js';
import type { TenantRecord } from '../../../src/emulator/state/types.js';
import type { Permission } from '../../../src/contracts/permissions.js';
import { createRoleRepository, schema } from '../../../src/store/index.js';
import type { TestApp } from '../../support/app.js';
import { tableSnapshot } from '../../store/cases/plan-fixtures.js';
import { call, type Caller } from '../access/fixtures.js';
import {
  CALLBACK_URL,
  connectionInput,
  createConnection,
  type EntraWorld,
  type TestAppRegistration,
} from './fixtures.js';

/**
 * Tenants of their own for the agent import suite: each test seeds an emulated tenant with a
 * consented app and an Entra connection to it, so agents linked by one test are never seen (or
 * deactivated as "not found") by another. Desk records that are not linked to a tenant are
 * shared by every plan (adoption candidates), so every mail carries the tenant's `tag`.
 */

type AgentMappingInput = Partial<Omit<Extract<SiteMapping, { type: 'agent' }>, 'type'>>;

/** An *agent* site mapping; sequence 10 and no filters unless given. */
export function agentMapping(overrides: AgentMappingInput = {}) {
  return {
    id: randomUUID(),
    type: 'agent' as const,
    sequence: 10,
    description: 'Agents',
    ...overrides,
  };
}

/** Agent field mappings used unless a test says otherwise: names, mail, title, user type and manager. */
export const AGENT_FIELDS: EntraImportConfigInput['agentFieldMappings'] = [
  { entraField: 'displayName', deskField: 'displayName' },
  { entraField: 'mail', deskField: 'email' },
  { entraField: 'jobTitle', deskField: 'jobTitle' },
  { entraField: 'userType', deskField: 'creationType' },
  { entraField: 'manager', deskField: 'linemanager' },
];

/** An agent import configuration: {@link AGENT_FIELDS}, the given site mappings, no user import. */
export function agentConfig(
  siteMappings: EntraImportConfigInput['siteMappings'],
  rest: Partial<Omit<EntraImportConfigInput, 'siteMappings'>> = {},
): EntraImportConfigInput {
  return { userFieldMappings: [], agentFieldMappings: AGENT_FIELDS, siteMappings, ...rest };
}

/** An agent as an administrator sees it in the desk: the record, its roles, teams and CABs. */
export interface DeskAgent {
  id: string;
  displayName: string;
  email: string | null;
  jobTitle: string | null;
  creationType: string | null;
  licenceType: 'named' | 'concurrent';
  inactive: boolean;
  lineManagerId: string | null;
  defaultTeamId: string | null;
  roleIds: string[];
  teams: {
    teamId: string;
    canBeAssigned: boolean;
    canSeeUnassigned: boolean;
    canSeeOthers: boolean;
    fromMapping: boolean;
  }[];
  cabs: { cabId: string; cabRoleId: string | null }[];
}

const GRAPH_ROLES = ['User.Read.All', 'Group.Read.All', 'Organization.Read.All'];

/** The suite's emulator, app and the caller that configures and applies imports. */
export interface AgentSuite {
  world: EntraWorld;
  app: TestApp;
  admin: Caller;
}

interface SaveOptions {
  caller?: Caller;
  acceptWarnings?: boolean;
}

/**
 * A new emulated tenant (empty: tests add users and groups), a consented app in it and an Entra
 * connection to it; returns the seeding helpers and the API calls of its agent import.
 */
export async function givenAgentTenant(suite: AgentSuite) {
  const { world, app, admin } = suite;
  const { estate } = world.emu;
  const tenantId = randomUUID();
  /** Distinguishes this tenant's names and mails from every other test's. */
  const tag = tenantId.slice(0, 8);
  const tenant: TenantRecord = estate.createTenant({
    id: tenantId,
    displayName: `Agents ${tag}`,
    initialDomain: `agents${tag}.onmicrosoft.com`,
  });
  const registered = await world.emu.inject({
    method: 'POST',
    url: '/_emulator/apps',
    body: { tenantId, displayName: 'Rollcall agents', redirectUris: [CALLBACK_URL], graphRoles: GRAPH_ROLES },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  const connection = await createConnection(
    app,
    admin,
    connectionInput(registered.body as TestAppRegistration, { tenantId }),
  );
  const base = `/api/entra/connections/${connection.id}`;
  const uid = (n: number) => `${tenantId.slice(0, 24)}${String(n).padStart(12, '0')}`;
  const groupIds = new Map<string, string>();

  const groupId = (name: string) => {
    const id = groupIds.get(name);
    if (!id) throw new Error(`no group was made under the name "${name}"`);
    return id;
  };
  const join = (name: string, member: string | number) => {
    if (typeof member === 'number')
      estate.addMember(tenant, groupId(name), uid(member), '#microsoft.graph.user');
    else estate.addMember(tenant, groupId(name), groupId(member), '#microsoft.graph.group');
  };
  const applied = async (body: Record<string, unknown> = {}) => {
    const res = await call(app, admin, 'POST', `${base}/apply`, { module: 'agents', ...body });
    expect(res.statusCode, res.body).toBe(200);
    const [result] = res.json().tenants;
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'succeeded', error: null });
    return result;
  };
  const trySave = async (config: EntraImportConfigInput, options: SaveOptions = {}) => {
    const caller = options.caller ?? admin;
    const current = await call(app, caller, 'GET', `${base}/import-config`);
    return call(app, caller, 'PUT', `${base}/import-config`, {
      expectedVersion: current.json().version,
      config,
      acceptWarnings: options.acceptWarnings ?? false,
    });
  };
  const inbound = async (query = '') =>
    (await call(app, admin, 'GET', `${base}/inbound?limit=100${query}`)).json().items;

  return {
    tenantId,
    tenant,
    tag,
    connectionId: connection.id,
    uid,
    /** Mail of person `n`, unique to this tenant. */
    mail: (n: number) => `person${n}.${tag}@contoso.example`,

    /** Adds an enabled member user `n` (override any Graph property), returns its id. */
    user(n: number, props: Record<string, unknown> = {}): string {
      estate.addUser(
        tenant,
        {
          id: uid(n),
          accountEnabled: true,
          userType: 'Member',
          displayName: `Person ${n}`,
          userPrincipalName: `person${n}@agents${tag}.onmicrosoft.com`,
          mail: `person${n}.${tag}@contoso.example`,
          assignedLicenses: [],
          ...props,
        },
        { silent: true },
      );
      return uid(n);
    },

    /** Makes `manager` (a user number, or null for none) the Entra manager of user `n`. */
    manager(n: number, manager: number | null): void {
      estate.setManager(tenant, uid(n), manager === null ? null : uid(manager));
    },

    /** A security group named `name` with these members (user numbers, or names of groups made before). */
    group(name: string, members: readonly (string | number)[] = []): string {
      const id = randomUUID();
      estate.addGroup(
        tenant,
        { id, displayName: name, mailNickname: name.replace(/\W/g, ''), ...kindProps('security', false) },
        { kind: 'security' },
        { silent: true },
      );
      groupIds.set(name, id);
      for (const member of members) join(name, member);
      return id;
    },

    /** Puts user `n` (or the group made under that name) in the group made under `name`. */
    join,

    /** Takes user `n` out of the group made under `name`. */
    leave(name: string, n: number): void {
      estate.removeMember(tenant, groupId(name), uid(n));
    },

    /** The id of the group made under `name` (renaming it in Entra keeps its id). */
    groupId,

    /** Saves the configuration (as `caller`, default the suite's admin) over the current version. */
    trySave,

    /** {@link trySave}, expecting it saved. */
    async save(config: EntraImportConfigInput, options: SaveOptions = {}) {
      const saved = await trySave(config, options);
      expect(saved.statusCode, saved.body).toBe(200);
      return saved.json();
    },

    validate: (config: EntraImportConfigInput) =>
      call(app, admin, 'POST', `${base}/import-config/validate`, { config }),

    preview: (caller: Caller = admin) => call(app, caller, 'POST', `${base}/preview`, { module: 'agents' }),

    apply: (body: Record<string, unknown> = {}, caller: Caller = admin) =>
      call(app, caller, 'POST', `${base}/apply`, { module: 'agents', ...body }),

    /** Applies and expects the tenant's run to succeed; returns the tenant's result. */
    applied,

    /** Previews; returns the tenant's result and the plan entry of user `n`. */
    async planned() {
      const res = await call(app, admin, 'POST', `${base}/preview`, { module: 'agents' });
      expect(res.statusCode, res.body).toBe(200);
      const previewId = res.json().previewId;
      const items = await call(app, admin, 'GET', `/api/entra/previews/${previewId}/items?limit=200`);
      const byId = new Map<string, unknown>(
        items.json().items.map((i: { entraId: string }) => [i.entraId, i]),
      );
      return { result: res.json().tenants[0], entry: (n: number) => byId.get(uid(n)) };
    },

    runs: async () => (await call(app, admin, 'GET', `${base}/runs?module=agents`)).json().items,

    inbound,

    reviews: async () => (await call(app, admin, 'GET', `${base}/reviews?module=agents`)).json().items,

    /** The desk agent linked to user `n`, or undefined. */
    agent: (n: number) => deskAgent(app, { tenantId, entraObjectId: uid(n) }),

    /**
     * A run with no directory change since the last: plans no creation, update or deactivation,
     * and writes no row (the run record and audit entry aside) and no inbound log entry.
     */
    async expectNothingToDo() {
      const before = await tableSnapshot(app.deps.db);
      const result = await applied();
      expect(result.summary).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
      expect(await tableSnapshot(app.deps.db)).toEqual(before);
      expect(await inbound(`&syncRunId=${result.runId}`)).toEqual([]);
    },
  };
}

/** The desk agent linked to an Entra user, with its memberships. */
async function deskAgent(
  app: TestApp,
  link: { tenantId: string; entraObjectId: string },
): Promise<DeskAgent | undefined> {
  const { db } = app.deps;
  const a = schema.agents;
  const [row] = await db
    .select()
    .from(a)
    .where(and(eq(a.tenantId, link.tenantId), eq(a.entraObjectId, link.entraObjectId)));
  if (!row) return undefined;
  const roles = await db
    .select({ roleId: schema.agentRoleAssignments.roleId })
    .from(schema.agentRoleAssignments)
    .where(eq(schema.agentRoleAssignments.agentId, row.id));
  const teams = await db
    .select({
      teamId: schema.agentTeams.teamId,
      canBeAssigned: schema.agentTeams.canBeAssigned,
      canSeeUnassigned: schema.agentTeams.canSeeUnassigned,
      canSeeOthers: schema.agentTeams.canSeeOthers,
      fromMapping: schema.agentTeams.fromMapping,
    })
    .from(schema.agentTeams)
    .where(eq(schema.agentTeams.agentId, row.id));
  const cabs = await db
    .select({ cabId: schema.cabMembers.cabId, cabRoleId: schema.cabMembers.cabRoleId })
    .from(schema.cabMembers)
    .where(eq(schema.cabMembers.agentId, row.id));
  return {
    id: row.id,
    displayName: row.displayName,
    email: row.email,
    jobTitle: row.jobTitle,
    creationType: row.creationType,
    licenceType: row.licenceType,
    inactive: row.inactive,
    lineManagerId: row.lineManagerId,
    defaultTeamId: row.defaultTeamId,
    roleIds: roles.map((r) => r.roleId).sort(),
    teams: teams.sort((x, y) => x.teamId.localeCompare(y.teamId)),
    cabs: cabs.sort((x, y) => x.cabId.localeCompare(y.cabId)),
  };
}

/** An agent role of its own (names are unique in the desk). */
export async function givenAgentRole(app: TestApp, name: string, permissions: Permission[] = []) {
  const role = await createRoleRepository(app.deps.db).create({
    kind: 'agent',
    name: `${name} ${randomUUID().slice(0, 8)}`,
    permissions,
  });
  return role.id;
}

/** A team (Teams have no API yet: inserted as the store keeps them). */
export async function givenTeam(app: TestApp, name: string) {
  const [team] = await app.deps.db.insert(schema.teams).values({ name }).returning();
  return team!;
}

/** A CAB and a CAB role (no API yet either). */
export async function givenCab(app: TestApp, name: string) {
  const [cab] = await app.deps.db.insert(schema.cabs).values({ name }).returning();
  const [role] = await app.deps.db
    .insert(schema.cabRoles)
    .values({ name: `${name} approver` })
    .returning();
  return { cabId: cab!.id, cabRoleId: role!.id };
}

/** Gives an agent a role by hand, as an administrator would in the desk. */
export async function giveRoleByHand(app: TestApp, agentId: string, roleId: string) {
  await app.deps.db.insert(schema.agentRoleAssignments).values({ agentId, roleId });
}
