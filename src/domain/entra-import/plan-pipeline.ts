import type {
  DirectoryUser,
  EntraImportConfig,
  PlanReasonCode,
  PlannedUser,
  RemovedDirectoryUser,
} from '../../contracts/entra/index.js';
import { resolveAdoptions, type Adoption } from './adoption.js';
import type { DeskValues } from './desk-values.js';
import { groupMembership, type GroupMembership } from './entra-values.js';
import { earlyEntry, exclusionEntry, notFoundEntries, removedEntries } from './plan-entries.js';
import { MANAGER_FIELD, settleManagers } from './manager-links.js';
import { createRecordIndex, type LinkableRecord } from './record-index.js';
import { compareText, entraKey } from './text.js';

/** Why a matched user is not imported after all (no site, …), with the mapping to name. */
export interface Exclusion {
  code: PlanReasonCode;
  reason: string;
  mappingId: string | null;
}

/**
 * The steps that differ between the user and the agent plan; the pipeline does the rest. `M` is
 * a user a mapping matched, `P` the same user placed (for desk users: on a site).
 */
export interface PlanSteps<R extends LinkableRecord, M, P> {
  noun: 'user' | 'agent';
  /** Runs a directory user through the mappings. */
  match(user: DirectoryUser, membership: GroupMembership): { matched: M } | { excluded: Exclusion };
  /** Second pass, once every user is matched (so sites one user proposes are seen by all). */
  place(matched: M): { placed: P } | { excluded: Exclusion };
  /** The desk values a user would have, for adopting unlinked records by the matching fields. */
  wouldBe(placed: P): Readonly<DeskValues>;
  /** The entry of a placed user whose adoption is ambiguous. */
  review(placed: P, adoption: Extract<Adoption<R>, { kind: 'review' }>): PlannedUser;
  /** The entry of a placed user with its record (`adoptedBy`: the matching field when adopted). */
  outcome(placed: P, record: R | null, adoptedBy: string | null): PlannedUser;
}

interface Pending<R, T> {
  position: number;
  user: DirectoryUser;
  linked: R | null;
  value: T;
}

/**
 * The shared flow of both plans: sort the directory; settle duplicates and disabled accounts;
 * match mappings; place; adopt unlinked records; decide each outcome; sweep records not found
 * (full runs). Entries come out in (tenant, Entra id, desk id) order whatever the input order.
 */
export function runPlan<R extends LinkableRecord, M, P>(
  input: {
    config: EntraImportConfig;
    directory: readonly DirectoryUser[];
    records: readonly R[];
    tenantIds: readonly string[];
    mode: 'full' | 'partial';
    /** Partial runs: users deleted in Entra, whose records are made inactive. */
    removed?: readonly RemovedDirectoryUser[];
  },
  steps: PlanSteps<R, M, P>,
): { entries: PlannedUser[]; records: readonly R[] } {
  const { config, mode } = input;
  const index = createRecordIndex(input.records, config.matching.fields);
  const { users, keys } = sortedDirectory(input.directory);
  const results: PlannedUser[] = new Array<PlannedUser>(users.length);
  const matched: Pending<R, M>[] = [];

  users.forEach((user, position) => {
    const linked = index.linkedToKey(keys[position]!);
    // The option is the user import's: agents' status keeps following the account.
    const statusFromAccount = steps.noun === 'agent' || config.import.statusFromAccountEnabled;
    const early = earlyEntry(user, linked, steps.noun, statusFromAccount);
    if (early) return void (results[position] = early);
    const step = steps.match(user, groupMembership(user));
    if ('excluded' in step)
      results[position] = exclusionEntry(user, step.excluded, linked[0] ?? null, config, steps.noun);
    else matched.push({ position, user, linked: linked[0] ?? null, value: step.matched });
  });

  const placed: Pending<R, P>[] = [];
  for (const m of matched) {
    const step = steps.place(m.value);
    if ('placed' in step)
      placed.push({ position: m.position, user: m.user, linked: m.linked, value: step.placed });
    else results[m.position] = exclusionEntry(m.user, step.excluded, m.linked, config, steps.noun);
  }

  const requests = placed
    .filter((p) => p.linked === null)
    .map((p) => ({ key: keys[p.position]!, values: steps.wouldBe(p.value) }));
  const adoptions = resolveAdoptions(requests, index, config.matching.fields);
  for (const p of placed) {
    const adoption = p.linked === null ? adoptions.get(keys[p.position]!) : undefined;
    if (adoption?.kind === 'review') results[p.position] = steps.review(p.value, adoption);
    else {
      const adopted = adoption?.kind === 'adopt' ? adoption : null;
      const record = p.linked ?? adopted?.record ?? null;
      results[p.position] = steps.outcome(p.value, record, adopted?.field ?? null);
    }
  }

  settleManagers(results, index.all, MANAGER_FIELD[steps.noun]);
  const seen = new Set(keys);
  const missing =
    mode === 'full'
      ? notFoundEntries(index.all, seen, input.tenantIds, config, steps.noun)
      : removedEntries(index.all, seen, input.removed ?? [], input.tenantIds, config, steps.noun);
  return { entries: mergeByKey(results, keys, missing), records: index.all };
}

/** Directory users in (tenant, id) order with their keys; the sync layer must hand over each user once. */
function sortedDirectory(directory: readonly DirectoryUser[]): { users: DirectoryUser[]; keys: string[] } {
  const keyed = directory.map((user) => ({ key: entraKey(user.tenantId, user.id), user }));
  keyed.sort((a, b) => compareText(a.key, b.key));
  const users = keyed.map((k) => k.user);
  const keys = keyed.map((k) => k.key);
  keys.forEach((key, i) => {
    if (i > 0 && keys[i - 1] === key) {
      throw new Error(`the directory lists Entra user ${users[i]!.id} of tenant ${users[i]!.tenantId} twice`);
    }
  });
  return { users, keys };
}

/** Merges the directory's entries (in key order) with not-found entries (sorted here) into one ordered list. */
function mergeByKey(
  entries: readonly PlannedUser[],
  keys: readonly string[],
  missing: PlannedUser[],
): PlannedUser[] {
  if (missing.length === 0) return [...entries];
  const missingKeys = new Map(
    missing.map((e) => [e, `${entraKey(e.tenantId, e.entraId)}\u0000${e.deskId ?? ''}`]),
  );
  missing.sort((a, b) => compareText(missingKeys.get(a)!, missingKeys.get(b)!));
  const merged: PlannedUser[] = [];
  let m = 0;
  entries.forEach((entry, i) => {
    while (m < missing.length && compareText(missingKeys.get(missing[m]!)!, keys[i]!) < 0)
      merged.push(missing[m++]!);
    merged.push(entry);
  });
  while (m < missing.length) merged.push(missing[m++]!);
  return merged;
}
