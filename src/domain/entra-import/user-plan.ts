import type {
  DeactivationGuard,
  DirectoryUser,
  EntraImportConfig,
  PlanDeskUser,
  PlanSite,
  PlanSummary,
  PlannedUser,
  RemovedDirectoryUser,
} from '../../contracts/entra/index.js';
import { applySetValues, mappedValues, type DeskValues } from './desk-values.js';
import type { GroupMembership } from './entra-values.js';
import { mappingInParentheses } from './mapping-names.js';
import { createMappingSelector, isUserSiteMapping, type UserSiteMapping } from './mapping-selection.js';
import { licenceCheckExclusion } from './licence-check.js';
import { deactivationGuard, entry, summarise, whoIs } from './plan-entries.js';
import { runPlan, type PlanSteps } from './plan-pipeline.js';
import { createSiteResolver, type SiteResolution, type SiteResolver } from './site-resolution.js';
import { compareText } from './text.js';
import { userOutcome, type PlacedUser } from './user-outcome.js';

/** Everything the user import decides from: configuration, what Entra returned, the desk. */
export interface UserPlanInput {
  config: EntraImportConfig;
  /** Every Entra user read this run (one or more tenants), each once. */
  directory: readonly DirectoryUser[];
  desk: { users: readonly PlanDeskUser[]; sites: readonly PlanSite[] };
  /** Tenants this run covers: the not-found sweep and the guard count only their records. */
  tenantIds: readonly string[];
  /** `partial` (delta): only the listed users are decided; nobody is deactivated for being absent. */
  mode: 'full' | 'partial';
  /** Partial runs: users a delta round reported deleted (their records are made inactive). */
  removed?: readonly RemovedDirectoryUser[];
  /** Partial runs: active records linked to the run's tenants in the whole desk (the guard's base). */
  linkedTotal?: number;
}

/** The user import plan: one entry per Entra user (and per desk record not found), in a stable order. */
export interface UserPlan {
  users: PlannedUser[];
  summary: PlanSummary;
  guard: DeactivationGuard;
  /** Sites the apply creates first (customerByField), each once. */
  newSites: { customerId: string; name: string }[];
}

/** A matched user whose site is chosen once every user is matched. */
interface MatchedUser extends Omit<PlacedUser, 'site' | 'siteDetail'> {
  resolveSite: () => SiteResolution;
}

/**
 * Plans a desk user import (guide 001 "Import Users"): which site mapping each Entra user
 * matches, where it lands, which desk record it creates, adopts or updates, and which records
 * are made inactive. Pure: the same input always gives the same plan, whatever its order.
 */
export function planUserImport(input: UserPlanInput): UserPlan {
  const { config } = input;
  const { entries, records } = runPlan(
    { ...input, records: input.desk.users },
    userSteps(config, createSiteResolver(input.desk.sites)),
  );
  return {
    users: entries,
    summary: summarise(entries),
    guard: deactivationGuard(
      entries,
      records,
      input.tenantIds,
      config.import.massDeactivationGuardPercent,
      input.linkedTotal,
    ),
    newSites: newSitesOf(entries),
  };
}

function userSteps(
  config: EntraImportConfig,
  sites: SiteResolver,
): PlanSteps<PlanDeskUser, MatchedUser, PlacedUser> {
  const select = createMappingSelector(
    config.siteMappings,
    isUserSiteMapping,
    'excluded: no site mapping matches',
  );
  return {
    noun: 'user',
    match(user, membership) {
      const selection = select(user, membership);
      if (!selection.matched) return { excluded: { ...selection, mappingId: selection.mapping?.id ?? null } };
      const { mapping, reason } = selection;
      const licence = licenceCheckExclusion(config, user);
      if (licence) return { excluded: { ...licence, mappingId: mapping.id } };
      let values: DeskValues | null = null;
      // Computed only for users that need it (field-match sites, adoption), then kept.
      const wouldBe = () => (values ??= wouldBeValues(config, mapping, user, membership));
      const resolveSite = siteStep(sites, mapping, user, wouldBe);
      return { matched: { user, mapping, membership, matchReason: reason, resolveSite, wouldBe } };
    },
    place(m) {
      const site = m.resolveSite();
      if (site.ok) {
        const { user, mapping, membership, matchReason, wouldBe } = m;
        return {
          placed: {
            user,
            mapping,
            membership,
            matchReason,
            wouldBe,
            site: site.site,
            siteDetail: site.detail,
          },
        };
      }
      const reason = `excluded: ${site.failure} ${mappingInParentheses(m.mapping)}`;
      return { excluded: { code: site.code, reason, mappingId: m.mapping.id } };
    },
    wouldBe: (m) => m.wouldBe(),
    review: (m, adoption) =>
      entry(whoIs(m.user), {
        outcome: 'review',
        reasonCode: 'review.ambiguousMatch',
        reason: adoption.reason,
        mappingId: m.mapping.id,
        site: m.site,
        candidates: adoption.candidates.map((c) => c.id),
      }),
    outcome: (m, record, adoptedBy) => userOutcome(m, record, adoptedBy, config),
  };
}

/** The desk values from field mappings and the mapping's set values, with no desk record behind them. */
function wouldBeValues(
  config: EntraImportConfig,
  mapping: UserSiteMapping,
  user: DirectoryUser,
  membership: GroupMembership,
): DeskValues {
  const values = mappedValues(config.userFieldMappings, user, null);
  applySetValues(values, mapping, membership);
  return values;
}

/** Proposes a customerByField site now; the final site is chosen once every proposal is known. */
function siteStep(
  sites: SiteResolver,
  mapping: UserSiteMapping,
  user: DirectoryUser,
  wouldBe: () => DeskValues,
): () => SiteResolution {
  switch (mapping.type) {
    case 'existingSite':
      return () => sites.existingSite(mapping);
    case 'siteByFieldMatch':
      return () => sites.fieldMatchSite(mapping, wouldBe());
    case 'customerByField': {
      const proposal = sites.proposeCustomerSite(mapping, user);
      return () => (proposal.ok ? sites.customerSite(proposal) : proposal);
    }
  }
}

/** Sites the plan puts created or updated users on that do not exist yet, each once. */
function newSitesOf(users: readonly PlannedUser[]): { customerId: string; name: string }[] {
  const found = new Map<string, { customerId: string; name: string }>();
  for (const u of users) {
    if ((u.outcome === 'create' || u.outcome === 'update') && u.site && 'newSite' in u.site) {
      found.set(`${u.site.newSite.customerId}\u0000${u.site.newSite.name}`, u.site.newSite);
    }
  }
  return [...found.entries()].sort(([a], [b]) => compareText(a, b)).map(([, site]) => site);
}
