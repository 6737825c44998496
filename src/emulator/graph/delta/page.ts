import type { DeltaCursor, RoundPart } from './token.js';

/** One object a round may send; `render` gets the slice of its members that fits on this page. */
export interface DeltaItem {
  pos: string | number;
  /** The part of the round it belongs to (`main` when absent). */
  part?: RoundPart;
  /** Starts a page of its own (the first repeated entry, so repeats land on a later page). */
  pageBreak?: boolean;
  /** Member entries this object carries in `members@delta` (0 for users). */
  memberCount: number;
  render(memberFrom: number, memberTo: number): Record<string, unknown>;
}

export interface PageLimits {
  objects: number;
  members: number;
}

export interface DeltaPage {
  value: Record<string, unknown>[];
  /** Where the next page resumes; null when the round is complete. */
  next: DeltaCursor | null;
}

/**
 * Fills one page from `items` (already positioned at the cursor). A group whose members do not
 * fit is sent with a slice of them and sent again on the next page with the following slice, as
 * Graph does for large groups (delta-query-groups.md).
 */
export function buildPage(items: Iterable<DeltaItem>, cursor: DeltaCursor, limits: PageLimits): DeltaPage {
  const value: Record<string, unknown>[] = [];
  let budget = limits.members;
  const at = (item: DeltaItem, members: number): DeltaCursor =>
    item.part && item.part !== 'main'
      ? { pos: item.pos, members, part: item.part }
      : { pos: item.pos, members };
  for (const item of items) {
    const resumed = item.pos === cursor.pos && (item.part ?? 'main') === (cursor.part ?? 'main');
    const start = resumed ? Math.min(cursor.members, item.memberCount) : 0;
    const remaining = item.memberCount - start;
    const full = value.length >= limits.objects || (remaining > 0 && budget === 0);
    if (full || (item.pageBreak && value.length > 0)) return { value, next: at(item, start) };
    const take = Math.min(remaining, budget);
    value.push(item.render(start, start + take));
    budget -= take;
    if (start + take < item.memberCount) return { value, next: at(item, start + take) };
  }
  return { value, next: null };
}
