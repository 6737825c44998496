import type { GraphProps } from '../../state/types.js';
import { startAfter, type OrderedIndex } from './ordered-index.js';
import type { Cursor } from './page-token.js';

export interface PageSource<R> {
  index: OrderedIndex;
  /** The live object for an id, or undefined when it no longer belongs in the list (deleted). */
  resolve(id: string): R | undefined;
  props(record: R): GraphProps;
}

export interface PageResult<R> {
  items: R[];
  /** Cursor of the last item returned when more items follow, else null (no nextLink). */
  next: Cursor | null;
  /** Total matches, when asked for (first page of a `$count=true` query). */
  count?: number;
}

/**
 * One page of a directory list: a single pass from the cursor (found by binary search), testing
 * each object against the filter until the page is full, then looking ahead only as far as the
 * next match to decide whether a nextLink is due. The total count is a separate full pass.
 */
export function readPage<R>(
  source: PageSource<R>,
  options: {
    cursor: Cursor | null;
    top: number;
    test: ((props: GraphProps) => boolean) | null;
    count: boolean;
  },
): PageResult<R> {
  const { index } = source;
  const matches = (id: string): R | undefined => {
    const record = source.resolve(id);
    if (record === undefined) return undefined;
    return options.test === null || options.test(source.props(record)) ? record : undefined;
  };
  const items: R[] = [];
  let i = startAfter(index, options.cursor);
  let last = -1;
  for (; i < index.ids.length && items.length < options.top; i++) {
    const record = matches(index.ids[i]!);
    if (record !== undefined) {
      items.push(record);
      last = i;
    }
  }
  let more = false;
  for (; i < index.ids.length && !more; i++) more = matches(index.ids[i]!) !== undefined;
  const next: Cursor | null =
    more && last >= 0 ? (index.keys ? [index.keys[last]!, index.ids[last]!] : index.ids[last]!) : null;
  if (!options.count) return { items, next };
  let count = 0;
  for (const id of index.ids) if (matches(id) !== undefined) count += 1;
  return { items, next, count };
}
