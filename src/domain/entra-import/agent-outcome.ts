import type {
  DirectoryUser,
  EntraImportConfig,
  FieldChange,
  PlanDeskAgent,
  PlannedAgentExtras,
  PlannedUser,
} from '../../contracts/entra/index.js';
import { agentAccess, type AccessContext } from './agent-access.js';
import {
  CHANGE_FIELDS,
  addValueChanges,
  inactiveChange,
  linkChanges,
  listChange,
  pushChanges,
} from './changes.js';
import { applyLastSignIn, mappedValues } from './desk-values.js';
import { readEntraField, type GroupMembership } from './entra-values.js';
import { mappingInParentheses } from './mapping-names.js';
import type { AgentSiteMapping } from './mapping-selection.js';
import { entry, whoIs } from './plan-entries.js';
import { comparable } from './text.js';

/** A user an agent mapping imports. */
export interface MatchedAgent {
  user: DirectoryUser;
  mapping: AgentSiteMapping;
  membership: GroupMembership;
  /** "matched agent mapping …" */
  matchReason: string;
}

/** Desk teams by name, for the `team` field mapping (a name two teams share names neither). */
export function createTeamLookup(teams: readonly { id: string; name: string }[]) {
  const byName = new Map<string, { id: string; name: string }[]>();
  for (const team of teams) {
    const key = comparable(team.name);
    byName.set(key, [...(byName.get(key) ?? []), team]);
  }
  return (name: string | null) => {
    const found = byName.get(comparable(name)) ?? [];
    return found.length === 1 ? found[0]! : null;
  };
}
export type TeamLookup = ReturnType<typeof createTeamLookup>;

/**
 * What one imported agent does to the desk: create an agent, or bring `record` up to date
 * (values, roles, licence, teams, CABs, active state, and the link when adopted by `adoptedBy`).
 */
export function agentOutcome(
  matched: MatchedAgent,
  record: PlanDeskAgent | null,
  adoptedBy: string | null,
  context: { config: EntraImportConfig; teams: TeamLookup } & AccessContext,
): PlannedUser {
  const { user, mapping, membership } = matched;
  const { config } = context;
  const values = mappedValues(
    config.agentFieldMappings.filter((m) => m.deskField !== 'team'),
    user,
    record?.values ?? null,
  );
  const teamMapping = config.agentFieldMappings.find((m) => m.deskField === 'team');
  const team = teamMapping ? context.teams(readEntraField(user, teamMapping.entraField)) : null;
  if (team) values['team'] = team.name;
  else if (teamMapping && record === null) values['team'] = null;
  applyLastSignIn(values, config, user, record?.values ?? null);

  const access = agentAccess(config, mapping, membership, record, context);
  const agent: PlannedAgentExtras = {
    licenceType: access.licenceType,
    addTeamIds: access.addTeamIds,
    removeTeamIds: access.removeTeamIds,
    defaultTeamId: team?.id ?? null,
    cabs: access.cabs,
  };
  // Fields written out, not spread: spreading them into every entry cost a third of the plan's time.
  const mappingId = mapping.id;
  const roleIds = access.roleIds;
  if (record === null) {
    if (access.inactive) {
      const code =
        access.inactive.code === 'deactivated.noRole' ? 'excluded.noRole' : 'excluded.inactiveRole';
      const reason = `excluded: ${access.inactive.why} ${mappingInParentheses(mapping)}`;
      return entry(whoIs(user), { mappingId: mapping.id, outcome: 'excluded', reasonCode: code, reason });
    }
    const reason = `${matched.matchReason}; new agent`;
    return entry(whoIs(user), {
      mappingId,
      roleIds,
      agent,
      outcome: 'create',
      reasonCode: 'created',
      reason,
      values,
    });
  }

  const changes: FieldChange[] = adoptedBy === null ? [] : linkChanges(user.tenantId, user.id);
  addValueChanges(changes, record.values, values);
  pushChanges(changes, inactiveChange(record.inactive, access.inactive !== null));
  addExtrasChanges(changes, record, access.roleIds, agent);
  const found =
    adoptedBy === null ? `linked agent ${record.id}` : `adopted agent ${record.id} by ${adoptedBy}`;
  const deactivating = !record.inactive && access.inactive !== null;
  const state = access.inactive
    ? `; ${access.inactive.why}, so the agent ${deactivating ? 'is made' : 'stays'} inactive`
    : record.inactive
      ? '; reactivated'
      : '';
  return entry(whoIs(user), {
    mappingId,
    roleIds,
    agent,
    outcome: deactivating ? 'deactivate' : changes.length > 0 ? 'update' : 'unchanged',
    reasonCode: access.inactive?.code ?? (adoptedBy === null ? 'matched.linked' : 'matched.adopted'),
    reason: `${matched.matchReason}; ${found}${state}`,
    deskId: record.id,
    changes,
  });
}

function addExtrasChanges(
  changes: FieldChange[],
  record: PlanDeskAgent,
  roleIds: readonly string[],
  agent: PlannedAgentExtras,
): void {
  const teamsBefore = record.teams.map((t) => t.teamId);
  const removed = new Set(agent.removeTeamIds);
  const teamsAfter = [...teamsBefore.filter((id) => !removed.has(id)), ...agent.addTeamIds];
  const cabsAfter = new Map(record.cabs.map((c) => [c.cabId, c.cabRoleId]));
  for (const cab of agent.cabs) cabsAfter.set(cab.cabId, cab.cabRoleId);
  const cabText = (cabs: Iterable<[string, string | null]>) =>
    [...cabs].map(([id, role]) => `${id}:${role ?? ''}`);
  const licence =
    agent.licenceType !== null && agent.licenceType !== record.licenceType
      ? { field: CHANGE_FIELDS.licenceType, before: record.licenceType, after: agent.licenceType }
      : null;
  pushChanges(
    changes,
    listChange(CHANGE_FIELDS.roleIds, record.roleIds, roleIds),
    licence,
    listChange(CHANGE_FIELDS.teams, teamsBefore, teamsAfter),
    listChange(
      CHANGE_FIELDS.cabs,
      cabText(record.cabs.map((c) => [c.cabId, c.cabRoleId])),
      cabText(cabsAfter),
    ),
  );
}
