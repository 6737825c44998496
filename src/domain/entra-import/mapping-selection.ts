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
 *
 * Only the mappings that apply to a user's tenant (those naming it, and those naming none) are
 * checked: they are indexed by tenant once, so a user's cost does not grow with mappings made for
 * other tenants (a CSP partner has one per customer tenant). The outcome is the one a scan of every
 * mapping gives: a mapping of another tenant fails its first check, so it can only be the closest
 * when no import mapping applies to the tenant, and then the first of them in sequence is.
 */
export function createMappingSelector<M extends SiteMapping>(
  mappings: readonly SiteMapping[],
  isImportMapping: (mapping: SiteMapping) => mapping is M,
  noneMatches: string,
): (user: DirectoryUser, membership?: GroupMembership) => MappingSelection<M> {
  const ordered = orderMappings(mappings).filter((m) => isImportMapping(m) || m.type === 'doNotImport');
  const matchReasons = new Map(ordered.map((m) => [m, `matched ${describeMapping(m)}${via(m)}`]));
  const forTenant = tenantIndex(ordered);
  const firstImport: SiteMapping | null = ordered.find((m) => isImportMapping(m)) ?? null;
  return (user, membership = groupMembership(user)) => {
    let closest: { mapping: SiteMapping; check: Extract<Check, { passed: false }> } | null = null;
    for (const mapping of forTenant(user.tenantId)) {
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
    if (closest === null && firstImport !== null) {
      closest = { mapping: firstImport, check: tenantMismatch(user) };
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

/**
 * The mappings that apply to a tenant, in evaluation order: those without a tenant filter and
 * those naming the tenant (ids compared ignoring case). Each tenant's list is merged on first use.
 */
function tenantIndex<T extends SiteMapping>(ordered: readonly T[]): (tenantId: string) => readonly T[] {
  const everyTenant: T[] = [];
  const named = new Map<string, T[]>();
  for (const mapping of ordered) {
    if (mapping.tenantIds.length === 0) {
      everyTenant.push(mapping);
      continue;
    }
    for (const tenant of new Set(mapping.tenantIds.map((t) => t.toLowerCase()))) {
      const list = named.get(tenant);
      if (list) list.push(mapping);
      else named.set(tenant, [mapping]);
    }
  }
  const position = new Map(ordered.map((m, i) => [m, i]));
  const merged = new Map<string, readonly T[]>();
  return (tenantId) => {
    const tenant = tenantId.toLowerCase();
    const own = named.get(tenant);
    if (!own) return everyTenant;
    let list = merged.get(tenant);
    if (!list) {
      list = [...everyTenant, ...own].sort((a, b) => position.get(a)! - position.get(b)!);
      merged.set(tenant, list);
    }
    return list;
  };
}

/** The checks of one mapping, broadest first; `progress` counts the checks passed before the failure. */
function checkMapping(mapping: SiteMapping, user: DirectoryUser, membership: GroupMembership): Check {
  // The tenant filter (check 0) is the index's: only mappings that apply to the user's tenant get here.
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

/** Check 0 failed: the user's tenant is not one of the mapping's. */
function tenantMismatch(user: DirectoryUser): Extract<Check, { passed: false }> {
  return {
    passed: false,
    progress: 0,
    code: 'excluded.tenantFilter',
    failure: `tenant ${user.tenantId} is not one of the mapping's tenants`,
  };
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
