import type { EntraImportConfig, PlanDeskAgent, PlanReasonCode } from '../../contracts/entra/index.js';
import type { GroupMembership } from './entra-values.js';
import type { AgentSiteMapping } from './mapping-selection.js';
import { sortedUnique } from './text.js';

/** Roles, licence, teams and CABs an agent gets from group mappings and licence management. */
export interface AgentAccess {
  roleIds: string[];
  /** Why the agent must be inactive; null: active. */
  inactive: { code: Extract<PlanReasonCode, `deactivated.${string}`>; why: string } | null;
  /** null: leave the licence type as it is. */
  licenceType: 'named' | 'concurrent' | null;
  addTeamIds: string[];
  removeTeamIds: string[];
  /** CAB memberships to set (missing, or held with another CAB role). */
  cabs: { cabId: string; cabRoleId: string | null }[];
}

/** How an agent's access is planned this run. */
export interface AccessContext {
  /** The run was started by the scheduler, not by a person. */
  scheduled: boolean;
  /**
   * Mapped groups the tenant did not have this run (renamed or deleted): who is in them is
   * unknown, so nothing they give is taken away.
   */
  missingGroups: GroupMembership;
}

/**
 * Applies group mappings, full role management and licence management to one agent (`existing`
 * null for a new one).
 */
export function agentAccess(
  config: EntraImportConfig,
  mapping: AgentSiteMapping,
  membership: GroupMembership,
  existing: PlanDeskAgent | null,
  context: AccessContext,
): AgentAccess {
  const { groupMappings, agents } = config;
  const unknown = (m: { groupName: string }) => context.missingGroups.has(m.groupName);
  const mappedRoles = groupMappings.agentRoles
    .filter((m) => membership.has(m.groupName))
    .map((m) => m.roleId);
  // Full role management keeps the roles a missing group gave: a renamed group must not strip them.
  const unknownRoles = new Set(groupMappings.agentRoles.filter(unknown).map((m) => m.roleId));
  const keptRoles = agents.fullRoleManagement
    ? (existing?.roleIds.filter((id) => unknownRoles.has(id)) ?? [])
    : (existing?.roleIds ?? []);
  const roleIds = sortedUnique([...keptRoles, ...mappedRoles]);

  const licence = agents.licenceManagement;
  let inactive: AgentAccess['inactive'] = null;
  if (agents.fullRoleManagement && roleIds.length === 0) {
    inactive = { code: 'deactivated.noRole', why: 'no group gives this agent a role (full role management)' };
  } else if (licence.enabled) {
    const role = roleIds.find((id) => licence.inactiveRoleIds.includes(id));
    if (role !== undefined)
      inactive = { code: 'deactivated.inactiveRole', why: `role ${role} makes agents inactive` };
  }

  let licenceType: AgentAccess['licenceType'];
  if (licence.enabled)
    licenceType = roleIds.some((id) => licence.namedLicenceRoleIds.includes(id)) ? 'named' : 'concurrent';
  else if (mapping.licenceType !== 'noChange') licenceType = mapping.licenceType;
  else licenceType = existing === null ? 'concurrent' : null;

  const inTeams = new Set(existing?.teams.map((t) => t.teamId) ?? []);
  const mappedTeams = new Set(
    groupMappings.teams.filter((m) => membership.has(m.groupName)).map((m) => m.teamId),
  );
  const allMapped = new Set(groupMappings.teams.map((m) => m.teamId));
  for (const m of groupMappings.teams.filter(unknown)) allMapped.delete(m.teamId);
  const removing = agents.removeFromTeamWhenNotFound && context.scheduled;
  const removeTeamIds = removing
    ? sortedUnique(
        existing?.teams
          .filter((t) => t.fromMapping && allMapped.has(t.teamId) && !mappedTeams.has(t.teamId))
          .map((t) => t.teamId) ?? [],
      )
    : [];

  return {
    roleIds,
    inactive,
    licenceType,
    addTeamIds: sortedUnique([...mappedTeams].filter((id) => !inTeams.has(id))),
    removeTeamIds,
    cabs: desiredCabs(config, membership, existing),
  };
}

/** One role per CAB: the first CAB mapping (in configuration order) whose group the agent is in. */
function desiredCabs(
  config: EntraImportConfig,
  membership: GroupMembership,
  existing: PlanDeskAgent | null,
): AgentAccess['cabs'] {
  const wanted = new Map<string, string | null>();
  for (const m of config.groupMappings.cabs) {
    if (membership.has(m.groupName) && !wanted.has(m.cabId)) wanted.set(m.cabId, m.cabRoleId);
  }
  const held = new Map(existing?.cabs.map((c) => [c.cabId, c.cabRoleId]) ?? []);
  return [...wanted]
    .filter(([cabId, cabRoleId]) => !held.has(cabId) || held.get(cabId) !== cabRoleId)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([cabId, cabRoleId]) => ({ cabId, cabRoleId }));
}
