import type { PlanDeskAgent, PlanDeskUser, PlanSite, PlannedUser } from '../../../contracts/entra/index.js';
import { comparable, entraKey } from '../text.js';

/** Helpers shared by the planner's property tests. */

/** A deterministic shuffle driven by a generated seed (tests must not use Math.random). */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Entries that would change the desk: a writing outcome, a change, or agent extras to apply. */
export function writes(entries: readonly PlannedUser[]): PlannedUser[] {
  return entries.filter(
    (e) =>
      e.outcome === 'create' ||
      e.outcome === 'update' ||
      e.outcome === 'deactivate' ||
      e.changes.length > 0 ||
      (e.agent !== null &&
        e.agent.addTeamIds.length + e.agent.removeTeamIds.length + e.agent.cabs.length > 0),
  );
}

/**
 * Problems with "one Entra user, one desk record": an Entra user (read or not) with two entries, a desk
 * record claimed by two entries, or more records linked to a user than before the apply.
 */
export function oneRecordPerUser(
  directoryKeys: readonly string[],
  entries: readonly PlannedUser[],
  before: readonly (PlanDeskUser | PlanDeskAgent)[],
  after: readonly (PlanDeskUser | PlanDeskAgent)[],
): string[] {
  const problems: string[] = [];
  const perUser = countBy(entries.map((e) => entraKey(e.tenantId, e.entraId)));
  for (const key of directoryKeys)
    if (perUser.get(key) !== 1) problems.push(`${key}: ${perUser.get(key) ?? 0} entries`);
  for (const [id, n] of countBy(entries.flatMap((e) => (e.deskId ? [e.deskId] : [])))) {
    if (n > 1) problems.push(`desk record ${id} claimed ${n} times`);
  }
  const linkedBefore = countBy(before.flatMap(linkKey));
  for (const [key, n] of countBy(after.flatMap(linkKey))) {
    if (n > Math.max(1, linkedBefore.get(key) ?? 0)) problems.push(`${key}: ${n} linked records`);
  }
  return problems;
}

/** Active linked records by Entra user, with what convergence compares (desk ids left out). */
export function activeLinked<R extends PlanDeskUser | PlanDeskAgent>(records: readonly R[]): Map<string, R> {
  const result = new Map<string, R>();
  for (const r of records) if (!r.inactive) for (const key of linkKey(r)) result.set(key, r);
  return result;
}

/** A site compared by customer and name, since the runs give created sites different ids. */
export function siteKey(sites: readonly PlanSite[], siteId: string): string {
  const site = sites.find((s) => s.id === siteId);
  return site ? `${site.customerId}/${comparable(site.name)}` : `missing ${siteId}`;
}

/** Fresh values that are set must be the same on the incremental record (blank ones may be history). */
export function valueDifferences(
  fresh: Readonly<Record<string, string | null>>,
  incremental: Readonly<Record<string, string | null>>,
): string[] {
  return Object.entries(fresh)
    .filter(([field, v]) => v !== null && incremental[field] !== v)
    .map(([field, v]) => `${field}: fresh ${v}, incremental ${incremental[field] ?? null}`);
}

export function missing(fresh: readonly string[], incremental: readonly string[]): string[] {
  return fresh.filter((x) => !incremental.includes(x));
}

function linkKey(record: PlanDeskUser | PlanDeskAgent): string[] {
  return record.tenantId !== null && record.entraObjectId !== null
    ? [entraKey(record.tenantId, record.entraObjectId)]
    : [];
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
