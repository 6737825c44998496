import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database-types.js';
import { queryRows } from '../../sql-rows.js';
import { UPSERT_CHUNK_ROWS } from '../user-upsert.js';
import { bulkRows, type BulkColumn } from '../../bulk-rows.js';
import type { PreparedRecord, RecordPart } from './plan-records.js';

/** Rows an agent apply wrote in the membership tables (ids of the agents, one per row written). */
export interface MembershipWrites {
  agent_role_assignments: string[];
  agent_teams: string[];
  cab_members: string[];
}

/**
 * Roles, teams and CABs of planned agents (`created` and `updated` records), each only for the
 * records whose plan changes it. Every statement writes only rows that differ, so a plan already
 * in effect writes nothing.
 */
export async function writeAgentMemberships(
  db: Database,
  created: readonly PreparedRecord[],
  updated: readonly PreparedRecord[],
): Promise<MembershipWrites> {
  const changing = (part: RecordPart, records: readonly PreparedRecord[] = [...created, ...updated]) =>
    records.filter((r) => r.parts.has(part));
  return {
    agent_role_assignments: await replaceRoles(db, changing('roleIds'), changing('roleIds', updated)),
    agent_teams: await moveTeams(db, changing('teams'), changing('teams', updated), changing('team')),
    cab_members: await setCabs(db, changing('cabs')),
  };
}

/** `roleIds` is an agent's final set of roles: missing ones are added, others removed. */
async function replaceRoles(
  db: Database,
  all: readonly PreparedRecord[],
  updated: readonly PreparedRecord[],
): Promise<string[]> {
  const listed = pairs(all, (r) => r.planned.roleIds ?? [], 'role_id');
  const managed = updated.map((r) => r.id);
  const removed = managed.length
    ? await write(
        db,
        [{ name: 'agent_id', type: 'uuid', values: managed }],
        (agents) => sql`
          delete from agent_role_assignments a using ${agents} as m
          where a.agent_id = m.agent_id
            and not exists (select 1 from ${bulkRows(listed)} as k where k.agent_id = a.agent_id and k.role_id = a.role_id)
          returning a.agent_id`,
      )
    : [];
  const added = await write(
    db,
    listed,
    (input) => sql`
      insert into agent_role_assignments (agent_id, role_id)
      select i.agent_id, i.role_id from ${input} as i join roles r on r.id = i.role_id and r.kind = 'agent'
      on conflict do nothing
      returning agent_id`,
  );
  return [...removed, ...added];
}

/** Team group mappings (remove, then add with every flag) and the default team's memberships. */
async function moveTeams(
  db: Database,
  all: readonly PreparedRecord[],
  updated: readonly PreparedRecord[],
  newDefault: readonly PreparedRecord[],
): Promise<string[]> {
  const left = await write(
    db,
    pairs(updated, (r) => r.planned.agent?.removeTeamIds ?? [], 'team_id'),
    (input) => sql`
      delete from agent_teams t using ${input} as i
      where t.agent_id = i.agent_id and t.team_id = i.team_id
      returning t.agent_id`,
  );
  const joined = await write(
    db,
    pairs(all, (r) => r.planned.agent?.addTeamIds ?? [], 'team_id'),
    (input) => sql`
      insert into agent_teams (agent_id, team_id, can_be_assigned, can_see_unassigned, can_see_others, from_mapping)
      select i.agent_id, i.team_id, true, true, true, true from ${input} as i
      on conflict do nothing
      returning agent_id`,
  );
  // Guide 001: an agent given a default team is granted the three memberships of that team.
  const defaults = await write(
    db,
    pairs(
      newDefault,
      (r) => (r.planned.agent?.defaultTeamId ? [r.planned.agent.defaultTeamId] : []),
      'team_id',
    ),
    (input) => sql`
      insert into agent_teams (agent_id, team_id, can_be_assigned, can_see_unassigned, can_see_others)
      select i.agent_id, i.team_id, true, true, true from ${input} as i
      on conflict (agent_id, team_id) do update
        set can_be_assigned = true, can_see_unassigned = true, can_see_others = true
        where not (agent_teams.can_be_assigned and agent_teams.can_see_unassigned and agent_teams.can_see_others)
      returning agent_id`,
  );
  return [...left, ...joined, ...defaults];
}

/** Puts agents on CABs with the CAB role the plan gives (none included). */
async function setCabs(db: Database, all: readonly PreparedRecord[]): Promise<string[]> {
  // One row per (agent, CAB), the first listed winning: an upsert may not touch a row twice.
  const byKey = new Map<string, { agentId: string; cabId: string; cabRoleId: string | null }>();
  for (const r of all) {
    for (const cab of r.planned.agent?.cabs ?? []) {
      const key = `${r.id}/${cab.cabId.toLowerCase()}`;
      if (!byKey.has(key)) byKey.set(key, { agentId: r.id, ...cab });
    }
  }
  const members = [...byKey.values()];
  return write(
    db,
    [
      { name: 'agent_id', type: 'uuid', values: members.map((m) => m.agentId) },
      { name: 'cab_id', type: 'uuid', values: members.map((m) => m.cabId) },
      { name: 'cab_role_id', type: 'uuid', values: members.map((m) => m.cabRoleId) },
    ],
    (input) => sql`
      insert into cab_members (cab_id, agent_id, cab_role_id)
      select i.cab_id, i.agent_id, i.cab_role_id from ${input} as i
      on conflict (cab_id, agent_id) do update set cab_role_id = excluded.cab_role_id
        where cab_members.cab_role_id is distinct from excluded.cab_role_id
      returning agent_id`,
  );
}

/** (agent id, other id) input columns, one row per id `pick` lists for each record. */
function pairs(
  records: readonly PreparedRecord[],
  pick: (record: PreparedRecord) => readonly string[],
  other: string,
): BulkColumn[] {
  const rows = records.flatMap((r) => pick(r).map((id) => [r.id, id] as const));
  return [
    { name: 'agent_id', type: 'uuid', values: rows.map(([agentId]) => agentId) },
    { name: other, type: 'uuid', values: rows.map(([, id]) => id) },
  ];
}

/** Runs `statement` over `columns` in chunks; returns the `agent_id` of every row it wrote. */
async function write(db: Database, columns: BulkColumn[], statement: (input: SQL) => SQL): Promise<string[]> {
  const count = columns[0]?.values.length ?? 0;
  const ids: string[] = [];
  for (let start = 0; start < count; start += UPSERT_CHUNK_ROWS) {
    const part = columns.map((c) => ({ ...c, values: c.values.slice(start, start + UPSERT_CHUNK_ROWS) }));
    const rows = await queryRows<{ agent_id: string }>(db, statement(bulkRows(part)));
    ids.push(...rows.map((row) => row.agent_id));
  }
  return ids;
}
