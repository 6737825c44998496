import type {
  DeactivationGuard,
  DirectoryUser,
  EntraImportConfig,
  PlanDeskAgent,
  PlanSummary,
  PlannedUser,
  RemovedDirectoryUser,
} from '../../contracts/entra/index.js';
import { agentOutcome, createTeamLookup, type MatchedAgent } from './agent-outcome.js';
import { mappedValues } from './desk-values.js';
import { groupNameSet } from './entra-values.js';
import { createMappingSelector, isAgentSiteMapping } from './mapping-selection.js';
import { deactivationGuard, entry, summarise, whoIs } from './plan-entries.js';
import { runPlan, type PlanSteps } from './plan-pipeline.js';

/** Everything the agent import decides from. */
export interface AgentPlanInput {
  config: EntraImportConfig;
  /** Every Entra user read this run (one or more tenants), each once. */
  directory: readonly DirectoryUser[];
  desk: { agents: readonly PlanDeskAgent[]; teams: readonly { id: string; name: string }[] };
  /** Tenants this run covers: the not-found sweep and the guard count only their records. */
  tenantIds: readonly string[];
  /** `partial` (delta): only the listed users are decided; nobody is deactivated for being absent. */
  mode: 'full' | 'partial';
  /** Partial runs: users a delta round reported deleted (their records are made inactive). */
  removed?: readonly RemovedDirectoryUser[];
  /** Partial runs: active records linked to the run's tenants in the whole desk (the guard's base). */
  linkedTotal?: number;
  /** `removeFromTeamWhenNotFound` applies to scheduled runs only. */
  trigger: 'manual' | 'scheduled';
  /**
   * Group names the configuration maps that the tenant did not have this run (renamed or
   * deleted). Their members are unknown, so full role management keeps the roles they gave and
   * team removal keeps their teams; the run's warnings say which groups.
   */
  missingGroups?: readonly string[];
}

/** The agent import plan: one entry per Entra user (and per agent not found), in a stable order. */
export interface AgentPlan {
  agents: PlannedUser[];
  summary: PlanSummary;
  guard: DeactivationGuard;
}

/**
 * Plans an agent import (guide 001 "Import Agents"): which *agent* mapping each Entra user
 * matches, the agent record it creates, adopts or updates with roles, licence, teams and CABs,
 * and which agents are made inactive. Pure and independent of input order.
 */
export function planAgentImport(input: AgentPlanInput): AgentPlan {
  const { config } = input;
  const context = {
    config,
    teams: createTeamLookup(input.desk.teams),
    scheduled: input.trigger === 'scheduled',
    missingGroups: groupNameSet(input.missingGroups ?? []),
  };
  const select = createMappingSelector(
    config.siteMappings,
    isAgentSiteMapping,
    'excluded: no agent mapping matches',
  );
  const steps: PlanSteps<PlanDeskAgent, MatchedAgent, MatchedAgent> = {
    noun: 'agent',
    match(user, membership) {
      const selection = select(user, membership);
      if (!selection.matched) return { excluded: { ...selection, mappingId: selection.mapping?.id ?? null } };
      return { matched: { user, mapping: selection.mapping, membership, matchReason: selection.reason } };
    },
    place: (m) => ({ placed: m }),
    wouldBe: (m) => mappedValues(config.agentFieldMappings, m.user, null),
    review: (m, adoption) =>
      entry(whoIs(m.user), {
        outcome: 'review',
        reasonCode: 'review.ambiguousMatch',
        reason: adoption.reason,
        mappingId: m.mapping.id,
        candidates: adoption.candidates.map((c) => c.id),
      }),
    outcome: (m, record, adoptedBy) => agentOutcome(m, record, adoptedBy, context),
  };
  const { entries, records } = runPlan({ ...input, records: input.desk.agents }, steps);
  return {
    agents: entries,
    summary: summarise(entries),
    guard: deactivationGuard(
      entries,
      records,
      input.tenantIds,
      config.import.massDeactivationGuardPercent,
      input.linkedTotal,
    ),
  };
}
