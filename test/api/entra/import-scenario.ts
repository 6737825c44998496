import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { EntraImportConfigInput, PlannedUser } from '../../../src/contracts/entra/index.js';
import { createUserRepository, schema, type DeskUser } from '../../../src/store/index.js';
import type { TestApp } from '../../support/app.js';
import { call, type Caller } from '../access/fixtures.js';
import { CALLBACK_URL, connectionInput, createConnection, type EntraWorld } from './fixtures.js';

/**
 * One import scenario: an emulated tenant of its own (so scenarios sharing an emulator and an
 * app never see each other's people), a consented app registration in it, a connection to it,
 * and the import API of that connection.
 */
export interface ImportScenario {
  tenantId: string;
  connectionId: string;
  /** Object id of person `n` of this tenant. */
  id(n: number): string;
  /**
   * Adds person `n` (an enabled member with a UPN and a mail of its own unless `props` say
   * otherwise), as the tenant's starting state; `joins: true` adds it as a change delta reports.
   */
  person(n: number, props?: Record<string, unknown>, options?: { joins?: boolean }): string;
  updatePerson(n: number, patch: Record<string, unknown>): void;
  setManager(n: number, manager: number | null): void;
  deletePerson(n: number): void;
  restorePerson(n: number): void;
  /** A security group with the given people and groups (by id) as direct members; returns its id. */
  group(name: string, members?: { people?: number[]; groups?: string[] }): string;
  renameGroup(groupId: string, name: string): void;
  /** Saves over the current version; the response as the API gives it. */
  save(config: EntraImportConfigInput, acceptWarnings?: boolean): ReturnType<typeof call>;
  /** Saves and expects it to succeed. */
  configure(config: EntraImportConfigInput): Promise<void>;
  validate(config: EntraImportConfigInput): ReturnType<typeof call>;
  /** Import Users: the preview of this scenario's one tenant. */
  preview(): Promise<{ previewId: string; tenant: TenantPlanView }>;
  /** A preview's items by Entra object id. */
  items(previewId: string): Promise<Map<string, PlannedUser>>;
  /** Apply (`module: users`); the tenant's result. */
  apply(body?: Record<string, unknown>): Promise<TenantPlanView>;
  /** The desk user linked to person `n`. */
  desk(n: number): Promise<DeskUser | undefined>;
  /** Portal role ids a desk user holds, sorted. */
  rolesOf(deskUserId: string): Promise<string[]>;
}

/** A tenant's part of a preview or apply answer (`tenantPlanSchema`). */
export interface TenantPlanView {
  tenantId: string;
  runId: string;
  status: string;
  error: { code: string; message: string } | null;
  summary: Record<string, number> | null;
  guard: {
    tripped: boolean;
    wouldDeactivate: number;
    linked: number;
    percent: number;
    limitPercent: number;
  } | null;
  warnings: string[];
  fingerprint: string | null;
}

const GRAPH_ROLES = ['User.Read.All', 'Group.Read.All', 'Organization.Read.All'];

/** `premium`: the tenant has Entra ID P1 (sign-in activity is readable). */
export async function givenScenario(
  context: { world: EntraWorld; app: TestApp; admin: Caller },
  label: string,
  options: { graphRoles?: string[]; premium?: boolean } = {},
): Promise<ImportScenario> {
  const { world, app, admin } = context;
  const { estate } = world.emu;
  const tenantId = randomUUID();
  const domain = `${label}-${tenantId.slice(0, 8)}.onmicrosoft.com`;
  estate.createTenant({
    id: tenantId,
    displayName: `${label} Entra`,
    initialDomain: domain,
    premium: options.premium ?? false,
  });
  const tenant = () => estate.tenant(tenantId)!;
  const registered = await world.emu.inject({
    method: 'POST',
    url: '/_emulator/apps',
    body: {
      tenantId,
      displayName: 'Rollcall import',
      redirectUris: [CALLBACK_URL],
      graphRoles: options.graphRoles ?? GRAPH_ROLES,
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  const registration = registered.body as { clientId: string; clientSecret: string; secretId: string };
  const connection = await createConnection(app, admin, connectionInput(registration, { tenantId }));
  const base = `/api/entra/connections/${connection.id}`;
  const id = (n: number) => `${tenantId.slice(0, 24)}${String(n).padStart(12, '0')}`;

  const save = async (config: EntraImportConfigInput, acceptWarnings = false) => {
    const current = await call(app, admin, 'GET', `${base}/import-config`);
    return call(app, admin, 'PUT', `${base}/import-config`, {
      expectedVersion: current.json().version,
      config,
      acceptWarnings,
    });
  };

  return {
    tenantId,
    connectionId: connection.id,
    id,
    person(n, props = {}, options = {}) {
      estate.addUser(
        tenant(),
        {
          id: id(n),
          accountEnabled: true,
          userType: 'Member',
          userPrincipalName: `p${n}@${domain}`,
          mail: `p${n}@${label}.example`,
          displayName: `Person ${n}`,
          assignedLicenses: [],
          ...props,
        },
        { silent: !options.joins },
      );
      return id(n);
    },
    updatePerson: (n, patch) => void estate.updateUser(tenant(), id(n), patch),
    setManager: (n, manager) => estate.setManager(tenant(), id(n), manager === null ? null : id(manager)),
    deletePerson: (n) => estate.softDeleteUser(tenant(), id(n)),
    restorePerson: (n) => estate.restoreUser(tenant(), id(n)),
    group(name, members = {}) {
      const groupId = randomUUID();
      estate.addGroup(
        tenant(),
        { id: groupId, displayName: name, mailEnabled: false, securityEnabled: true, groupTypes: [] },
        { kind: 'security' },
      );
      for (const n of members.people ?? [])
        estate.addMember(tenant(), groupId, id(n), '#microsoft.graph.user');
      for (const g of members.groups ?? []) estate.addMember(tenant(), groupId, g, '#microsoft.graph.group');
      return groupId;
    },
    renameGroup: (groupId, name) => void estate.updateGroup(tenant(), groupId, { displayName: name }),
    save,
    async configure(config) {
      const saved = await save(config);
      expect(saved.statusCode, saved.body).toBe(200);
    },
    validate: (config) => call(app, admin, 'POST', `${base}/import-config/validate`, { config }),
    async preview() {
      const res = await call(app, admin, 'POST', `${base}/preview`, { module: 'users' });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      return { previewId: body.previewId, tenant: body.tenants[0] };
    },
    async items(previewId) {
      const res = await call(app, admin, 'GET', `/api/entra/previews/${previewId}/items?limit=200`);
      expect(res.statusCode, res.body).toBe(200);
      return new Map(res.json().items.map((item: PlannedUser) => [item.entraId, item]));
    },
    async apply(body = {}) {
      const res = await call(app, admin, 'POST', `${base}/apply`, { module: 'users', ...body });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().tenants[0];
    },
    desk: (n) => createUserRepository(app.deps.db).findByEntraId(tenantId, id(n)),
    async rolesOf(deskUserId) {
      const rows = await app.deps.db
        .select({ roleId: schema.deskUserRoleAssignments.roleId })
        .from(schema.deskUserRoleAssignments)
        .where(eq(schema.deskUserRoleAssignments.deskUserId, deskUserId));
      return rows.map((r) => r.roleId).sort();
    },
  };
}
