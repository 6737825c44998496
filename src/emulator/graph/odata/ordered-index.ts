import type { Cursor } from './page-token.js';

/**
 * Object ids in a stable order, so a page can resume from a keyset cursor with a binary search
 * instead of a scan: by id, or by a property (`keys` aligned with `ids`, ties broken by id).
 */
export interface OrderedIndex {
  ids: string[];
  keys: string[] | null;
  desc: boolean;
}

/** Nulls sort after every string. */
const NULL_KEY = '\uffff';

export function sortKey(value: unknown): string {
  if (value === null || value === undefined) return NULL_KEY;
  return String(value).toLowerCase();
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function indexById(ids: Iterable<string>): OrderedIndex {
  return { ids: [...ids].sort(compareStrings), keys: null, desc: false };
}

export function indexByKey(entries: Iterable<readonly [string, string]>, desc: boolean): OrderedIndex {
  const sorted = [...entries].sort((a, b) => compareStrings(a[1], b[1]) || compareStrings(a[0], b[0]));
  if (desc) sorted.reverse();
  return { ids: sorted.map((e) => e[0]), keys: sorted.map((e) => e[1]), desc };
}

/** Position of the first entry strictly after `cursor` in the index's order. */
export function startAfter(index: OrderedIndex, cursor: Cursor | null): number {
  if (cursor === null) return 0;
  const [key, id] = typeof cursor === 'string' ? [null, cursor] : cursor;
  const sign = index.desc ? -1 : 1;
  const compareAt = (i: number) => {
    const byKey = index.keys && key !== null ? compareStrings(index.keys[i]!, key) : 0;
    return sign * (byKey || compareStrings(index.ids[i]!, id));
  };
  let lo = 0;
  let hi = index.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareAt(mid) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Caches indexes per owner object (a tenant's user map, a group's member map) and variant. */
export interface IndexCache {
  get(owner: object, variant: string, stamp: string, build: () => OrderedIndex): OrderedIndex;
}

export function createIndexCache(): IndexCache {
  const cache = new WeakMap<object, Map<string, { stamp: string; index: OrderedIndex }>>();
  return {
    get(owner, variant, stamp, build) {
      let byVariant = cache.get(owner);
      if (!byVariant) {
        byVariant = new Map();
        cache.set(owner, byVariant);
      }
      const hit = byVariant.get(variant);
      if (hit && hit.stamp === stamp) return hit.index;
      const index = build();
      byVariant.set(variant, { stamp, index });
      return index;
    },
  };
}
