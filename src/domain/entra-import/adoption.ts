import type { DeskValues } from './desk-values.js';
import type { LinkableRecord, RecordIndex } from './record-index.js';
import { comparable, compareText } from './text.js';

/** An Entra user with no linked desk record, and the desk values it would have. */
export interface AdoptionRequest {
  key: string;
  values: Readonly<DeskValues>;
}

/** How an unlinked Entra user meets the desk: adopt one record, go to review, or create one. */
export type Adoption<R> =
  | { kind: 'adopt'; record: R; field: string }
  | { kind: 'review'; candidates: R[]; reason: string }
  | { kind: 'create' };

type Proposal<R> =
  | { kind: 'sole'; record: R; field: string; value: string }
  | { kind: 'ambiguous'; candidates: R[]; field: string; value: string }
  | { kind: 'none' };

/**
 * Adopts unlinked desk records by the matching fields, tried in order: one candidate is adopted,
 * several go to review, none falls through to the next field, and no field at all means create.
 * A record that is the only candidate of two or more Entra users is adopted by none of them.
 *
 * A record adopted here counts as linked for everyone else, exactly as it will once the plan is
 * applied: the candidates of the others shrink and may leave one. Claims are made in rounds over
 * all users at once, so the answer does not depend on the order of the directory.
 */
export function resolveAdoptions<R extends LinkableRecord>(
  requests: readonly AdoptionRequest[],
  index: RecordIndex<R>,
  fields: readonly string[],
): Map<string, Adoption<R>> {
  const claimed = new Set<string>();
  const byKey = new Map(requests.map((r) => [r.key, r]));
  const proposals = new Map<string, Proposal<R>>();
  const proposers = new Map<string, Set<string>>();
  const watchers = new Map<string, Set<string>>();
  const settled = new Map<string, Adoption<R>>();
  let dirty = new Set<string>();

  const propose = (key: string) => {
    const proposal = evaluate(byKey.get(key)!.values, index, fields, claimed);
    proposals.set(key, proposal);
    if (proposal.kind === 'sole') {
      addTo(proposers, proposal.record.id, key);
      dirty.add(proposal.record.id);
    } else if (proposal.kind === 'ambiguous') for (const c of proposal.candidates) addTo(watchers, c.id, key);
  };
  const withdraw = (key: string) => {
    const proposal = proposals.get(key);
    if (proposal?.kind === 'sole') proposers.get(proposal.record.id)?.delete(key);
    if (proposal?.kind === 'ambiguous') for (const c of proposal.candidates) watchers.get(c.id)?.delete(key);
  };

  for (const request of requests) propose(request.key);
  for (;;) {
    const claims = [...dirty]
      .filter((id) => proposers.get(id)?.size === 1 && !claimed.has(id))
      .sort(compareText);
    dirty = new Set();
    if (claims.length === 0) break;
    const affected = new Set<string>();
    for (const id of claims) {
      const key = [...proposers.get(id)!][0]!;
      const proposal = proposals.get(key) as Extract<Proposal<R>, { kind: 'sole' }>;
      settled.set(key, { kind: 'adopt', record: proposal.record, field: proposal.field });
      claimed.add(id);
      for (const watcher of watchers.get(id) ?? []) affected.add(watcher);
    }
    for (const key of [...affected].sort(compareText)) {
      if (settled.has(key)) continue;
      withdraw(key);
      propose(key);
    }
  }

  const result = new Map<string, Adoption<R>>();
  for (const request of requests) {
    result.set(request.key, settled.get(request.key) ?? unsettled(proposals.get(request.key)!, proposers));
  }
  return result;
}

function evaluate<R extends LinkableRecord>(
  values: Readonly<DeskValues>,
  index: RecordIndex<R>,
  fields: readonly string[],
  claimed: ReadonlySet<string>,
): Proposal<R> {
  for (const field of fields) {
    const compared = comparable(values[field]);
    if (compared === '') continue;
    const candidates = index.unlinkedWith(field, compared).filter((r) => !claimed.has(r.id));
    const value = values[field] ?? '';
    if (candidates.length === 1) return { kind: 'sole', record: candidates[0]!, field, value };
    if (candidates.length > 1) return { kind: 'ambiguous', candidates, field, value };
  }
  return { kind: 'none' };
}

function unsettled<R extends LinkableRecord>(
  proposal: Proposal<R>,
  proposers: Map<string, Set<string>>,
): Adoption<R> {
  if (proposal.kind === 'none') return { kind: 'create' };
  if (proposal.kind === 'ambiguous') {
    const ids = proposal.candidates.map((c) => c.id);
    return {
      kind: 'review',
      candidates: proposal.candidates,
      reason: `review: ${ids.length} desk records match by ${proposal.field} "${proposal.value}" (${ids.join(', ')}); link one by hand`,
    };
  }
  const rivals = proposers.get(proposal.record.id)?.size ?? 0;
  return {
    kind: 'review',
    candidates: [proposal.record],
    reason: `review: desk record ${proposal.record.id} is the only match by ${proposal.field} "${proposal.value}" of ${rivals} Entra users; link it to the right one by hand`,
  };
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
