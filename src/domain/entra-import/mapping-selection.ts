import type { DirectoryUser, PlanReasonCode, SiteMapping } from '../../contracts/entra/index.js';
import { groupMembership, type GroupMembership } from './entra-values.js';
import { evaluateFieldFilter } from './field-filter.js';
import { describeMapping, mappingInParentheses, orderMappings } from './mapping-names.js';

/** Site mappings that put desk users on a site. */
export type UserSiteMapping = Extract<
  SiteMapping,
  { type: 'existingSite' | 'customerByField' | 'siteByFieldMatch' }
>;
/** The special *agent* site mapping. */
export type AgentSiteMapping = Extract<SiteMapping, { type: 'agent' }>;

/** The outcome of running a user through the ordered site mappings. */
export type MappingSelection<M extends SiteMapping> =
  | { matched: true; mapping: M; reason: string }
  | { matched: false; code: PlanReasonCode; reason: string; mapping: SiteMapping | null };

type Check = { passed: true } | { passed: false; progress: number; code: PlanReasonCode; failure: string };

/**
 * A selector over a configuration's mappings, evaluated by sequence: the first match wins, and a
 * matching `doNotImport` mapping excludes the user. When nothing matches, the reason comes from
 * the import mapping that got furthest through its checks (ties: the lower sequence), so a guest
 * excluded by every mapping reads "guest" and a user failing only a group filter "group filter".
 */
export function createMappingSelector<M extends SiteMapping>(
  mappings: readonly SiteMapping[],
  isImportMapping: (mapping: SiteMapping) => mapping is M,
  noneMatches: string,
): (user: DirectoryUser, membership?: GroupMembership) => MappingSelection<M> {
  const ordered = orderMappings(mappings).filter((m) => isImportMapping(m) || m.type === 'doNotImport');
  const matchReasons = new Map(ordered.map((m) => [m, `matched ${describeMapping(m)}${via(m)}`]));
  return (user, membership = groupMembership(user)) => {
    let closest: { mapping: SiteMapping; check: Extract<Check, { passed: false }> } | null = null;
    for (const mapping of ordered) {
      const check = checkMapping(mapping, user, membership);
      if (check.passed) {
        if (isImportMapping(mapping)) return { matched: true, mapping, reason: matchReasons.get(mapping)! };
        return {
          matched: false,
          code: 'excluded.doNotImport',
          reason: `excluded: ${matchReasons.get(mapping)!}`,
          mapping,
        };
      }
      if (isImportMapping(mapping) && (closest === null || check.progress > closest.check.progress)) {
        closest = { mapping, check };
      }
    }
    if (closest === null)
      return { matched: false, code: 'excluded.noMatchingMapping', reason: noneMatches, mapping: null };
    const { mapping, check } = closest;
    return {
      matched: false,
      code: check.code,
      reason: `excluded: ${check.failure} ${mappingInParentheses(mapping)}`,
      mapping,
    };
  };
}

/** The checks of one mapping, broadest first; `progress` counts the checks passed before the failure. */
function checkMapping(mapping: SiteMapping, user: DirectoryUser, membership: GroupMembership): Check {
  const tenant = user.tenantId.toLowerCase();
  if (mapping.tenantIds.length > 0 && !mapping.tenantIds.some((t) => t.toLowerCase() === tenant)) {
    return fail(0, 'excluded.tenantFilter', `tenant ${user.tenantId} is not one of the mapping's tenants`);
  }
  if (user.userType === 'Guest' && mapping.includeExternal !== 'yes') {
    if (mapping.includeExternal === 'no')
      return fail(1, 'excluded.guest', 'guest user, external users not included');
    if (!user.licensed) {
      return fail(
        1,
        'excluded.guestUnlicensed',
        'guest user without a licence, only licensed external users included',
      );
    }
  }
  if (mapping.type === 'agent' && mapping.creationType !== 'any' && mapping.creationType !== user.userType) {
    return mapping.creationType === 'Member'
      ? fail(2, 'excluded.memberOnlyAgents', 'guest user, the mapping imports members only as agents')
      : fail(2, 'excluded.fieldFilter', 'member user, the mapping imports guests only as agents');
  }
  if (mapping.groupName !== null && !membership.has(mapping.groupName)) {
    return fail(3, 'excluded.groupFilter', `not a member of group "${mapping.groupName}"`);
  }
  const filter = evaluateFieldFilter(mapping.filter, user);
  if (!filter.passed) return fail(4, 'excluded.fieldFilter', filter.failure);
  return { passed: true };
}

function fail(progress: number, code: PlanReasonCode, failure: string): Check {
  return { passed: false, progress, code, failure };
}

function via(mapping: SiteMapping): string {
  const parts: string[] = [];
  if (mapping.groupName !== null) parts.push(`via group ${mapping.groupName}`);
  if (mapping.filter.criteria.length > 0) parts.push('by field filter');
  return parts.length > 0 ? ` ${parts.join(' and ')}` : '';
}

/** Type guard: mappings that import desk users. */
export function isUserSiteMapping(mapping: SiteMapping): mapping is UserSiteMapping {
  return (
    mapping.type === 'existingSite' ||
    mapping.type === 'customerByField' ||
    mapping.type === 'siteByFieldMatch'
  );
}

/** Type guard: the *agent* mappings. */
export function isAgentSiteMapping(mapping: SiteMapping): mapping is AgentSiteMapping {
  return mapping.type === 'agent';
}
