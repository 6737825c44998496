import type { GraphProps } from '../../state/types.js';
import { indexById, indexByKey, sortKey } from './ordered-index.js';
import type { OrderBy } from './orderby.js';
import type { PageSource } from './paging.js';

/**
 * A page source over records held in memory (Intune devices, GDAP relationships…), keyed by
 * their Graph id and ordered by id or by `$orderby`. The index is built per request: these
 * collections are small next to a directory, and a fresh index never goes stale. Keyset cursors
 * stay valid across rebuilds, so pages neither repeat nor skip records when others come or go.
 */
export function recordSource<R>(
  records: Iterable<R>,
  view: { id: (record: R) => string; props: (record: R) => GraphProps },
  orderBy: OrderBy | null = null,
): PageSource<R> {
  const byId = new Map<string, R>();
  for (const record of records) byId.set(view.id(record), record);
  const index = orderBy
    ? indexByKey(
        [...byId].map(([id, record]) => [id, sortKey(view.props(record)[orderBy.property])] as const),
        orderBy.desc,
      )
    : indexById(byId.keys());
  return { index, resolve: (id) => byId.get(id), props: view.props };
}
