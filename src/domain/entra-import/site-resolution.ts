import type { DirectoryUser, PlanReasonCode, PlanSite, PlannedSite } from '../../contracts/entra/index.js';
import { readEntraField } from './entra-values.js';
import type { DeskValues } from './desk-values.js';
import type { UserSiteMapping } from './mapping-selection.js';
import { compareText, comparable } from './text.js';

/** Where a matched user goes, or why no site could be chosen. */
export type SiteResolution =
  { ok: true; site: PlannedSite; detail: string } | { ok: false; code: PlanReasonCode; failure: string };

/** A site the import would create (customerByField): its spellings, and the one chosen. */
interface ProposedSite {
  customerId: string;
  names: Set<string>;
  chosen: { customerId: string; name: string } | null;
}

/** First pass of customerByField: an existing site, or a site proposed for creation. */
export type CustomerSiteProposal =
  | { ok: true; name: string; siteId: string; proposed: null }
  | { ok: true; name: string; siteId: null; proposed: ProposedSite }
  | { ok: false; code: PlanReasonCode; failure: string };

/**
 * Resolves site mappings to sites. Sites a customerByField mapping would create are proposed
 * first (every proposal is known before any siteByFieldMatch lookup), so a field match sees the
 * same sites whether or not an earlier run already created them: planning again after applying
 * gives the same answer.
 */
export function createSiteResolver(sites: readonly PlanSite[]) {
  const byId = new Map(sites.map((s) => [s.id, s]));
  const byCustomerName = groupBy(sites, (s) => customerNameKey(s.customerId, s.name));
  const byName = groupBy(sites, (s) => comparable(s.name));
  const byReference = groupBy(sites, (s) => comparable(s.reference));
  const proposed = new Map<string, ProposedSite>();
  const proposedByName = new Map<string, ProposedSite[]>();

  /** A proposed site is named by the first of its spellings in ordinal order ("Leeds" before "leeds"). */
  const newSite = (site: ProposedSite) =>
    (site.chosen ??= { customerId: site.customerId, name: [...site.names].sort(compareText)[0] ?? '' });

  return {
    /** customerByField, first pass: the customer's site named by the user's field, or a proposal. */
    proposeCustomerSite(
      mapping: Extract<UserSiteMapping, { type: 'customerByField' }>,
      user: DirectoryUser,
    ): CustomerSiteProposal {
      const name = readEntraField(user, mapping.siteNameField)?.normalize('NFC').trim() ?? null;
      if (name === null) {
        return fail('excluded.blankSiteName', `${mapping.siteNameField} is blank, so there is no site name`);
      }
      const key = customerNameKey(mapping.customerId, name);
      const existing = byCustomerName.get(key) ?? [];
      if (existing.length > 1)
        return fail('excluded.noMatchingSite', `${existing.length} sites match "${name}"`);
      if (existing[0]) return { ok: true, name, siteId: existing[0].id, proposed: null };
      let site = proposed.get(key);
      if (!site) {
        site = { customerId: mapping.customerId, names: new Set<string>(), chosen: null };
        proposed.set(key, site);
        const sameName = proposedByName.get(comparable(name));
        if (sameName) sameName.push(site);
        else proposedByName.set(comparable(name), [site]);
      }
      if (!site.names.has(name)) {
        site.names.add(name);
        site.chosen = null;
      }
      return { ok: true, name, siteId: null, proposed: site };
    },

    /** customerByField, second pass: the final site once every proposal is known. */
    customerSite(proposal: Extract<CustomerSiteProposal, { ok: true }>): SiteResolution {
      if (proposal.siteId !== null)
        return { ok: true, site: { siteId: proposal.siteId }, detail: `site "${proposal.name}"` };
      const created = newSite(proposal.proposed);
      return { ok: true, site: { newSite: created }, detail: `new site "${created.name}"` };
    },

    existingSite(mapping: Extract<UserSiteMapping, { type: 'existingSite' }>): SiteResolution {
      const site = byId.get(mapping.siteId);
      if (!site)
        return fail('excluded.noMatchingSite', `the mapping's site ${mapping.siteId} no longer exists`);
      return { ok: true, site: { siteId: site.id }, detail: `site "${site.name}"` };
    },

    /** siteByFieldMatch: the one site whose name/reference equals the user's desk value. */
    fieldMatchSite(
      mapping: Extract<UserSiteMapping, { type: 'siteByFieldMatch' }>,
      values: DeskValues,
    ): SiteResolution {
      const value = comparable(values[mapping.userField]);
      const index = mapping.siteField === 'name' ? byName : byReference;
      const matches: { site: PlannedSite; name: string }[] = (value === '' ? [] : (index.get(value) ?? []))
        .filter((s) => mapping.customerId === null || s.customerId === mapping.customerId)
        .map((s) => ({ site: { siteId: s.id }, name: s.name }));
      if (mapping.siteField === 'name') {
        for (const site of proposedByName.get(value) ?? []) {
          if (mapping.customerId !== null && site.customerId !== mapping.customerId) continue;
          const created = newSite(site);
          matches.push({ site: { newSite: created }, name: created.name });
        }
      }
      const shown = values[mapping.userField] ?? '';
      if (matches.length > 1) {
        return fail(
          'excluded.noMatchingSite',
          `${matches.length} sites match ${mapping.userField} "${shown}"`,
        );
      }
      if (matches[0]) return { ok: true, site: matches[0].site, detail: `site "${matches[0].name}"` };
      const why =
        value === '' ? `${mapping.userField} is blank` : `no site's ${mapping.siteField} is "${shown}"`;
      if (mapping.noMatch === 'defaultSite' && mapping.defaultSiteId !== null) {
        const fallback = byId.get(mapping.defaultSiteId);
        if (fallback)
          return {
            ok: true,
            site: { siteId: fallback.id },
            detail: `default site "${fallback.name}" (${why})`,
          };
        return fail(
          'excluded.noMatchingSite',
          `${why}, and the default site ${mapping.defaultSiteId} no longer exists`,
        );
      }
      return fail('excluded.noMatchingSite', why);
    },
  };
}

export type SiteResolver = ReturnType<typeof createSiteResolver>;

function fail(code: PlanReasonCode, failure: string): { ok: false; code: PlanReasonCode; failure: string } {
  return { ok: false, code, failure };
}

function customerNameKey(customerId: string, name: string): string {
  return `${customerId}\u0000${comparable(name)}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === '' || k.endsWith('\u0000')) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
