import type {
  DeactivationGuard,
  DirectoryUser,
  EntraImportConfig,
  PlanOutcome,
  PlanReasonCode,
  PlanSummary,
  PlannedUser,
  RemovedDirectoryUser,
} from '../../contracts/entra/index.js';
import { inactiveChange, pushChanges } from './changes.js';
import { isLinked, type LinkableRecord } from './record-index.js';
import { entraKey } from './text.js';

type Who = Pick<PlannedUser, 'tenantId' | 'entraId' | 'displayName'>;
type Parts = Pick<PlannedUser, 'outcome' | 'reasonCode' | 'reason'> & Partial<PlannedUser>;

/** A plan entry with every optional part empty; one object shape for every entry. */
export function entry(who: Who, parts: Parts): PlannedUser {
  return {
    tenantId: who.tenantId,
    entraId: who.entraId,
    displayName: who.displayName,
    outcome: parts.outcome,
    reasonCode: parts.reasonCode,
    reason: parts.reason,
    mappingId: parts.mappingId ?? null,
    deskId: parts.deskId ?? null,
    site: parts.site ?? null,
    values: parts.values ?? null,
    changes: parts.changes ?? [],
    roleIds: parts.roleIds ?? null,
    candidates: parts.candidates ?? [],
    agent: parts.agent ?? null,
  };
}

/** Who a directory user is, for an entry. */
export function whoIs(user: DirectoryUser): Who {
  return { tenantId: user.tenantId, entraId: user.id, displayName: user.displayName };
}

/**
 * Before any mapping: a user linked to two desk records goes to review (never pick one); a
 * disabled user makes its linked record inactive, and is not imported when it has none, unless
 * `statusFromAccountEnabled` is off (then a disabled user is imported like any other).
 */
export function earlyEntry(
  user: DirectoryUser,
  linked: readonly LinkableRecord[],
  noun: string,
  statusFromAccountEnabled = true,
): PlannedUser | null {
  if (linked.length > 1) {
    const ids = linked.map((r) => r.id);
    return entry(whoIs(user), {
      outcome: 'review',
      reasonCode: 'review.linkedElsewhere',
      reason: `review: ${ids.length} desk ${noun}s are linked to this Entra user (${ids.join(', ')}); unlink the duplicates`,
      candidates: ids,
    });
  }
  if (user.accountEnabled || !statusFromAccountEnabled) return null;
  const record = linked[0];
  if (!record) {
    return entry(whoIs(user), {
      outcome: 'excluded',
      reasonCode: 'excluded.disabled',
      reason: 'excluded: account disabled in Entra',
    });
  }
  return entry(whoIs(user), {
    outcome: record.inactive ? 'unchanged' : 'deactivate',
    reasonCode: 'deactivated.disabled',
    reason: record.inactive
      ? `account disabled in Entra; desk ${noun} ${record.id} is already inactive`
      : `account disabled in Entra; desk ${noun} ${record.id} is made inactive`,
    deskId: record.id,
    changes: pushChanges([], inactiveChange(record.inactive, true)),
  });
}

/**
 * A user the mappings do not import. Its linked active record is made inactive when the
 * configuration deactivates users not found (an excluded user is no longer imported).
 */
export function exclusionEntry(
  user: DirectoryUser,
  exclusion: { code: PlanReasonCode; reason: string; mappingId: string | null },
  linked: LinkableRecord | null,
  config: EntraImportConfig,
  noun: string,
): PlannedUser {
  const mappingId = exclusion.mappingId;
  if (linked && !linked.inactive && config.import.deactivateNotFound) {
    return entry(whoIs(user), {
      mappingId,
      outcome: 'deactivate',
      reasonCode: 'deactivated.notFound',
      reason: `${exclusion.reason}; desk ${noun} ${linked.id} is no longer imported and is made inactive`,
      deskId: linked.id,
      changes: pushChanges([], inactiveChange(false, true)),
    });
  }
  return entry(whoIs(user), {
    mappingId,
    outcome: 'excluded',
    reasonCode: exclusion.code,
    reason: exclusion.reason,
  });
}

/**
 * Full runs: active records linked to a covered tenant whose Entra user was not read are made
 * inactive. Two records linked to the same missing user go to review as one entry, as they do
 * when the user is read: a plan has at most one entry per Entra user.
 */
export function notFoundEntries(
  records: readonly LinkableRecord[],
  seen: ReadonlySet<string>,
  tenantIds: readonly string[],
  config: EntraImportConfig,
  noun: string,
  /** Partial runs: only records linked to these (deleted) users, with why. */
  deleted?: ReadonlyMap<string, RemovedDirectoryUser['reason']>,
): PlannedUser[] {
  if (!config.import.deactivateNotFound) return [];
  const covered = new Set(tenantIds.map((t) => t.toLowerCase()));
  const missing = new Map<string, (LinkableRecord & { tenantId: string; entraObjectId: string })[]>();
  for (const record of records) {
    if (!isLinked(record) || !covered.has(record.tenantId.toLowerCase())) continue;
    const key = entraKey(record.tenantId, record.entraObjectId);
    if (seen.has(key) || (deleted && !deleted.has(key))) continue;
    const group = missing.get(key);
    if (group) group.push(record);
    else missing.set(key, [record]);
  }
  const entries: PlannedUser[] = [];
  for (const group of missing.values()) {
    const record = group[0]!;
    if (group.every((r) => r.inactive)) continue;
    const why = notFoundWords(record, deleted?.get(entraKey(record.tenantId, record.entraObjectId)));
    const who = {
      tenantId: record.tenantId,
      entraId: record.entraObjectId,
      displayName: group.map((r) => r.values['displayName']).find((name) => name) ?? record.id,
    };
    if (group.length > 1) {
      const ids = group.map((r) => r.id);
      entries.push(
        entry(who, {
          outcome: 'review',
          reasonCode: 'review.linkedElsewhere',
          reason: `review: ${why}, and ${ids.length} desk ${noun}s are linked to this Entra user (${ids.join(', ')}); unlink the duplicates`,
          candidates: ids,
        }),
      );
      continue;
    }
    entries.push(
      entry(who, {
        outcome: 'deactivate',
        reasonCode: 'deactivated.notFound',
        reason: `${why}; desk ${noun} ${record.id} is made inactive`,
        deskId: record.id,
        changes: pushChanges([], inactiveChange(false, true)),
      }),
    );
  }
  return entries;
}

/** Why a linked record's Entra user is gone, in words. */
function notFoundWords(record: { tenantId: string }, deleted: RemovedDirectoryUser['reason'] | undefined) {
  if (deleted === 'changed')
    return `deleted in Entra tenant ${record.tenantId} (restorable from its deleted items for 30 days)`;
  if (deleted === 'deleted') return `permanently deleted in Entra tenant ${record.tenantId}`;
  return `not found in Entra tenant ${record.tenantId}`;
}

/** Partial runs: the entries of records whose Entra user a delta round reported deleted. */
export function removedEntries(
  records: readonly LinkableRecord[],
  seen: ReadonlySet<string>,
  removed: readonly RemovedDirectoryUser[],
  tenantIds: readonly string[],
  config: EntraImportConfig,
  noun: string,
): PlannedUser[] {
  if (removed.length === 0) return [];
  const deleted = new Map(removed.map((r) => [entraKey(r.tenantId, r.id), r.reason]));
  return notFoundEntries(records, seen, tenantIds, config, noun, deleted);
}

const SUMMARY_KEYS: Record<PlanOutcome, keyof PlanSummary> = {
  create: 'created',
  update: 'updated',
  deactivate: 'deactivated',
  unchanged: 'unchanged',
  excluded: 'excluded',
  review: 'review',
};

/** Counts of a plan by outcome. */
export function summarise(entries: readonly PlannedUser[]): PlanSummary {
  const summary: PlanSummary = {
    created: 0,
    updated: 0,
    deactivated: 0,
    unchanged: 0,
    excluded: 0,
    review: 0,
  };
  for (const e of entries) summary[SUMMARY_KEYS[e.outcome]] += 1;
  return summary;
}

/** The mass-deactivation guard: deactivations planned against active records linked to the run's tenants. */
export function deactivationGuard(
  entries: readonly PlannedUser[],
  records: readonly LinkableRecord[],
  tenantIds: readonly string[],
  limitPercent: number,
  /** Partial runs load only some records: the desk's count of active linked records instead. */
  linkedTotal?: number,
): DeactivationGuard {
  const covered = new Set(tenantIds.map((t) => t.toLowerCase()));
  const linked =
    linkedTotal ??
    records.filter((r) => isLinked(r) && !r.inactive && covered.has(r.tenantId.toLowerCase())).length;
  const wouldDeactivate = entries.filter((e) => e.outcome === 'deactivate').length;
  const percent = linked > 0 ? (100 * wouldDeactivate) / linked : wouldDeactivate > 0 ? 100 : 0;
  return {
    tripped: wouldDeactivate > 0 && percent > limitPercent,
    wouldDeactivate,
    linked,
    percent,
    limitPercent,
  };
}
