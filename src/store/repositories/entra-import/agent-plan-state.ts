import { sql } from 'drizzle-orm';
import { planTime, type PlanDeskAgent } from '../../../contracts/entra/import-plan.js';
import type { Database } from '../../database-types.js';
import { arrayParam } from '../../sql-arrays.js';
import { queryRows } from '../../sql-rows.js';
import { AGENT_TEXT_COLUMNS } from './desk-fields.js';

/** The desk as the agent planner sees it. */
export interface AgentPlanState {
  agents: PlanDeskAgent[];
  /** Active teams, for the `team` field (default team by name). */
  teams: { id: string; name: string }[];
}

type AgentRow = Record<string, unknown> & {
  id: string;
  tenant_id: string | null;
  entra_object_id: string | null;
  inactive: boolean;
  licence_type: 'named' | 'concurrent';
  linemanager: string | null;
  team: string | null;
  role_ids: string[];
  last_sign_in_at: Date | string | null;
  teams: PlanDeskAgent['teams'];
  cabs: PlanDeskAgent['cabs'];
};

/**
 * Loads the agents linked to `tenantIds` and every unlinked agent (adoption candidates), with
 * roles, teams and CABs, in one query; and the active teams.
 */
export async function loadAgentPlanState(
  db: Database,
  query: { tenantIds: readonly string[] },
): Promise<AgentPlanState> {
  const columns = sql.raw(
    Object.values(AGENT_TEXT_COLUMNS)
      .map((column) => `a.${column}`)
      .join(', '),
  );
  const agents = await queryRows<AgentRow>(
    db,
    sql`select a.id, a.tenant_id, a.entra_object_id, a.inactive, a.licence_type, a.last_sign_in_at, ${columns},
               lm.entra_object_id as linemanager, t.name as team,
               array(select r.role_id::text from agent_role_assignments r where r.agent_id = a.id order by 1) as role_ids,
               coalesce((select json_agg(json_build_object('teamId', m.team_id, 'fromMapping', m.from_mapping) order by m.team_id)
                         from agent_teams m where m.agent_id = a.id), '[]'::json) as teams,
               coalesce((select json_agg(json_build_object('cabId', c.cab_id, 'cabRoleId', c.cab_role_id) order by c.cab_id)
                         from cab_members c where c.agent_id = a.id), '[]'::json) as cabs
        from agents a
        left join agents lm on lm.id = a.line_manager_id
        left join teams t on t.id = a.default_team_id
        where a.tenant_id = any(${arrayParam(query.tenantIds, 'uuid')}) or a.tenant_id is null`,
  );
  const teams = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from teams where not inactive order by lower(name) collate "C", id`,
  );
  return { agents: agents.map(toPlanAgent), teams };
}

function toPlanAgent(row: AgentRow): PlanDeskAgent {
  const values: Record<string, string | null> = {};
  for (const [field, column] of Object.entries(AGENT_TEXT_COLUMNS))
    values[field] = row[column] as string | null;
  values.linemanager = row.linemanager;
  values.team = row.team;
  values.lastSignInAt = planTime(row.last_sign_in_at);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    entraObjectId: row.entra_object_id,
    inactive: row.inactive,
    licenceType: row.licence_type,
    values,
    roleIds: row.role_ids,
    teams: row.teams,
    cabs: row.cabs,
  };
}
