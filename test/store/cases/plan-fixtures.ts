import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PlannedAgentExtras, PlannedUser } from '../../../src/contracts/entra/import-plan.js';
import {
  createRoleRepository,
  createSyncRunRepository,
  queryRows,
  schema,
  type Database,
} from '../../../src/store/index.js';
import { givenConnection } from './fixtures.js';

/** A connection, a tenant and a running sync run to apply plans in. */
export async function givenRun(db: Database) {
  const { connection, tenantId } = await givenConnection(db);
  const syncRunId = await createSyncRunRepository(db).start({
    connectionId: connection.id,
    tenantId,
    module: 'users',
    mode: 'full',
    trigger: 'manual',
  });
  return { connectionId: connection.id, tenantId, syncRunId };
}

/** A planned record with neutral defaults: a creation with no site, values or roles. */
export function planned(tenantId: string, overrides: Partial<PlannedUser> = {}): PlannedUser {
  const entraId = overrides.entraId ?? randomUUID();
  return {
    tenantId,
    entraId,
    displayName: `Person ${entraId.slice(0, 8)}`,
    outcome: 'create',
    reasonCode: 'created',
    reason: "matched site mapping 'Main' (seq 10)",
    mappingId: 'mapping-main',
    deskId: null,
    site: null,
    values: null,
    changes: [],
    roleIds: null,
    candidates: [],
    agent: null,
    ...overrides,
  };
}

/** One field change of an update (`before` does not matter to the apply). */
export function change(field: string, after: string | null, before: string | null = null) {
  return { field, before, after };
}

/** Agent extras that change nothing. */
export function agentExtras(overrides: Partial<PlannedAgentExtras> = {}): PlannedAgentExtras {
  return {
    licenceType: null,
    addTeamIds: [],
    removeTeamIds: [],
    defaultTeamId: null,
    cabs: [],
    ...overrides,
  };
}

/** The same records, now planned as unchanged (what a second run with no directory change plans). */
export function asUnchanged(
  plan: readonly PlannedUser[],
  deskIds: ReadonlyMap<string, string>,
): PlannedUser[] {
  return plan.map((p) =>
    p.outcome === 'excluded' || p.outcome === 'review'
      ? p
      : {
          ...p,
          outcome: 'unchanged',
          reasonCode: 'matched.linked',
          deskId: deskIds.get(p.entraId) ?? p.deskId,
          values: null,
          changes: [],
          roleIds: null,
          agent: null,
        },
  );
}

export async function givenRole(db: Database, kind: 'agent' | 'portal') {
  return createRoleRepository(db).create({ kind, name: `Role ${randomUUID()}`, permissions: [] });
}

export async function givenTeam(db: Database, options: { inactive?: boolean } = {}) {
  const [team] = await db
    .insert(schema.teams)
    .values({ name: `Team ${randomUUID()}`, inactive: options.inactive ?? false })
    .returning();
  if (!team) throw new Error('no team');
  return team;
}

export async function givenCab(db: Database) {
  const [cab] = await db
    .insert(schema.cabs)
    .values({ name: `CAB ${randomUUID()}` })
    .returning();
  const [role] = await db
    .insert(schema.cabRoles)
    .values({ name: `Approver ${randomUUID()}` })
    .returning();
  if (!cab || !role) throw new Error('no cab');
  return { cab, role };
}

/** Row count and newest `updated_at` (or id) of every table an apply writes: equal snapshots, nothing written. */
export async function tableSnapshot(db: Database): Promise<Record<string, string>> {
  const tables: Record<string, string> = {
    sites: 'max(updated_at)::text',
    desk_users: 'max(updated_at)::text',
    agents: 'max(updated_at)::text',
    desk_user_role_assignments: "''",
    agent_role_assignments: "''",
    agent_teams: 'bool_and(can_be_assigned and can_see_unassigned and can_see_others)::text',
    cab_members: "string_agg(coalesce(cab_role_id::text, '-'), ',' order by cab_id, agent_id)",
    inbound_log: 'max(id)::text',
    sync_reviews: "string_agg(coalesce(resolved_at::text, '-') || reason, ',' order by id)",
  };
  const snapshot: Record<string, string> = {};
  for (const [table, newest] of Object.entries(tables)) {
    const [row] = await queryRows<{ n: string; newest: string | null }>(
      db,
      sql`select count(*)::text as n, ${sql.raw(newest)} as newest from ${sql.identifier(table)}`,
    );
    snapshot[table] = `${row?.n} ${row?.newest ?? ''}`;
  }
  return snapshot;
}

/** The sum of `rowsWritten`. */
export function total(rowsWritten: Record<string, number>): number {
  return Object.values(rowsWritten).reduce((sum, n) => sum + n, 0);
}
