import { sql } from 'drizzle-orm';
import type { PlannedUser } from '../../../contracts/entra/import-plan.js';
import { queryRows } from '../../sql-rows.js';
import type { Database } from '../../database-types.js';
import { LastAdministratorError } from '../../errors.js';
import { createAccountAdminRepository } from '../account-admin-repository.js';
import { UPSERT_CHUNK_ROWS } from '../user-upsert.js';
import type { ApplyResult } from './apply-user-plan.js';
import type { BulkColumn } from '../../bulk-rows.js';
import { DESK_AGENT_KIND } from './desk-fields.js';
import { writeAgentMemberships } from './agent-memberships.js';
import { closeSettledReviews, upsertReviews, writeInboundLog, type LogEntry } from './plan-log.js';
import { preparePlan, type PreparedRecord, type RecordPart } from './plan-records.js';
import { insertRecords, linkManagers, updateRecords, type RecordTable } from './record-writes.js';

/** A plan of agents to write, and the run it belongs to. */
export interface ApplyAgentPlanInput {
  connectionId: string;
  syncRunId: string;
  agents: readonly PlannedUser[];
  /** Guide 001: requests assigned to agents this import makes inactive go back to unassigned. */
  reassignTicketsOnDeactivate?: boolean;
}

const AGENTS: RecordTable = { name: 'agents', kind: DESK_AGENT_KIND, managerColumn: 'line_manager_id' };

/**
 * Writes a plan of agents: records (the line manager is the agent linked to the Entra manager),
 * licence type, default team, roles (`roleIds` is the final set), teams, CABs, the inbound log
 * and the review list. Creations take their `values` and `agent` extras; updates and
 * deactivations their `changes`, and the extras only for the parts those changes name. Call it
 * inside the caller's transaction; like {@link applyUserPlan}, a plan with nothing to change
 * writes no row. A plan that would leave no enabled administrator (full role management taking
 * the last one's role, or making that agent inactive) throws {@link LastAdministratorError}, so
 * the transaction writes nothing.
 */
export async function applyAgentPlan(db: Database, input: ApplyAgentPlanInput): Promise<ApplyResult> {
  const administrators = createAccountAdminRepository(db);
  const before = await administrators.countAdministrators();
  const result = await writeAgentPlan(db, input);
  if (before > 0 && (await administrators.countAdministrators()) === 0)
    throw new LastAdministratorError('This agent import');
  return result;
}

async function writeAgentPlan(db: Database, input: ApplyAgentPlanInput): Promise<ApplyResult> {
  const plan = preparePlan(DESK_AGENT_KIND, input.agents, UPSERT_CHUNK_ROWS);
  const created = await insertRecords(db, AGENTS, plan.creates, agentColumns('create'));
  const updated = await updateRecords(db, AGENTS, plan.updates, agentColumns('update'));
  const memberships = await writeAgentMemberships(db, plan.creates, plan.updates);
  const linked = await linkManagers(db, AGENTS, plan.deferredManagers);
  const target = { connectionId: input.connectionId, module: 'agents' as const };
  const reviews = await upsertReviews(db, target, plan.reviews);
  const closed = await closeSettledReviews(db, target, input.agents);

  const touched = new Set([...updated, ...Object.values(memberships).flat()]);
  const entries: LogEntry[] = [
    ...plan.creates.map((r) => ({ planned: r.planned, deskId: r.id })),
    ...plan.updates.filter((r) => touched.has(r.id)).map((r) => ({ planned: r.planned, deskId: r.id })),
    ...reviews.map((p) => ({ planned: p, deskId: null })),
  ];
  const logged = await writeInboundLog(db, { ...input, entityType: 'agent' }, entries);
  const unassigned = input.reassignTicketsOnDeactivate ? await unassignDeactivated(db, input.agents) : 0;
  return {
    rowsWritten: {
      ...(unassigned > 0 ? { tickets: unassigned } : {}),
      agents: created.length + updated.length + linked.length,
      agent_role_assignments: memberships.agent_role_assignments.length,
      agent_teams: memberships.agent_teams.length,
      cab_members: memberships.cab_members.length,
      sync_reviews: reviews.length + closed,
      inbound_log: logged,
    },
  };
}

/**
 * Licence type and default team, when the plan changes them (a creation sets both). Null keeps an
 * agent's value; a new agent without a licence type is concurrent (guide 001: "no change" makes
 * new agents concurrent).
 */
function agentColumns(mode: 'create' | 'update') {
  const changing = (r: PreparedRecord, part: RecordPart) => mode === 'create' || r.parts.has(part);
  return (part: readonly PreparedRecord[]): BulkColumn[] => [
    {
      name: 'licence_type',
      type: 'text',
      values: part.map((r) =>
        changing(r, 'licenceType')
          ? (r.planned.agent?.licenceType ?? (mode === 'create' ? 'concurrent' : null))
          : null,
      ),
    },
    {
      name: 'default_team_id',
      type: 'uuid',
      values: part.map((r) => (changing(r, 'team') ? (r.planned.agent?.defaultTeamId ?? null) : null)),
    },
  ];
}

/** The open requests of agents the plan makes inactive, unassigned; answers how many. */
async function unassignDeactivated(db: Database, agents: readonly PlannedUser[]): Promise<number> {
  const ids = agents
    .filter((a) => a.deskId && a.changes.some((c) => c.field === 'inactive' && c.after === 'true'))
    .map((a) => a.deskId!);
  if (ids.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update tickets set assigned_agent_id = null, updated_at = now()
         where assigned_agent_id = any(${sql.param(ids)}::uuid[])
           and status not in ('completed', 'rejected', 'cancelled')
        returning id`,
  );
  return rows.length;
}
