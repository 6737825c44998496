import type { EmulatorContext } from '../../context.js';
import { indexByKey, type OrderedIndex } from './ordered-index.js';
import { createPageTokens, type PageTokens } from './page-token.js';
import type { PageSource } from './paging.js';

/**
 * How a route module's lists page: its signed `$skiptoken`s, and the `graph.listPageCap` and
 * `graph.listOrder` switches that make pages smaller than `$top` and unsorted lists come back in
 * another order, as real Graph may.
 */
export interface ListPaging {
  tokens: PageTokens;
  /** Page size for a request asking `top` (after its service's own caps). */
  pageSize(top: number): number;
  /**
   * The order an unsorted list is served in, and a tag binding page tokens to that order (a token
   * issued under one order is refused under another rather than skipping or repeating items).
   */
  unsorted<R>(source: PageSource<R>): { source: PageSource<R>; tag: string };
}

/** A 32-bit hash of the seed and id (FNV-1a, then murmur3's finaliser), as fixed-width hex. */
export function shuffleKey(seed: number, id: string): string {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The ids of `index` in the seed's pseudo-random order. Keyed like an `$orderby` index (hash, then
 * id), so keyset cursors resume by binary search and every page of one read follows one order.
 */
export function shuffledIndex(index: OrderedIndex, seed: number): OrderedIndex {
  return indexByKey(
    index.ids.map((id) => [id, shuffleKey(seed, id)] as const),
    false,
  );
}

export function createListPaging(ctx: Pick<EmulatorContext, 'clock' | 'behaviour'>): ListPaging {
  const graph = () => ctx.behaviour.graph;
  // Cached per source index (indexes are rebuilt, hence replaced, when their list changes).
  const shuffled = new WeakMap<OrderedIndex, { seed: number; index: OrderedIndex }>();
  return {
    tokens: createPageTokens(ctx.clock, () => graph().pageTokenLifetimeSeconds),
    pageSize(top) {
      const cap = graph().listPageCap;
      return cap === null ? top : Math.min(top, cap);
    },
    unsorted(source) {
      const order = graph().listOrder;
      if (order === 'stable') return { source, tag: '' };
      const { shuffleSeed: seed } = order;
      let hit = shuffled.get(source.index);
      if (hit?.seed !== seed) {
        hit = { seed, index: shuffledIndex(source.index, seed) };
        shuffled.set(source.index, hit);
      }
      return { source: { ...source, index: hit.index }, tag: `shuffle:${seed}` };
    },
  };
}
