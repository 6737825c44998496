import { useState } from 'react';
import { getLicenceInsight } from '../../../../../src/contracts/api/licence-insight.js';
import type { CallResult } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';
import { PAGE_SIZE, type ListControls } from '../../../lib/use-list.js';
import { useQuery, type QueryState } from '../../../lib/use-query.js';

export type Insight = CallResult<typeof getLicenceInsight>;

export interface InsightFilters {
  customerId?: string | undefined;
  inactiveDays?: number | undefined;
}

/**
 * The summary and one page of licences (the API answers both at once), with the list controls of
 * `useList`: debounced search, sort, and cursors walked back for "previous".
 */
export function useInsight(filters: InsightFilters): QueryState<Insight> & ListControls {
  const call = useApi();
  const [searchText, setSearchTextState] = useState('');
  const [sort, setSortState] = useState<string | undefined>('name');
  const [cursors, setCursors] = useState<string[]>([]);
  const search = useDebouncedValue(searchText.trim());
  const cursor = cursors.at(-1);
  const query = {
    search,
    sort: sort as 'name' | '-name' | undefined,
    cursor,
    limit: PAGE_SIZE,
    customerId: filters.customerId,
    inactiveDays: filters.inactiveDays,
  };
  const result = useQuery(`licence-insight:${JSON.stringify(query)}`, (signal) =>
    call(getLicenceInsight, { query, signal }),
  );
  const nextCursor = result.data?.skus.nextCursor;
  return {
    ...result,
    searchText,
    setSearchText: (text) => {
      setSearchTextState(text);
      setCursors([]);
    },
    sort,
    setSort: (next) => {
      setSortState(next);
      setCursors([]);
    },
    pageIndex: cursors.length,
    pageSize: PAGE_SIZE,
    hasPrevious: cursors.length > 0,
    hasNext: Boolean(nextCursor),
    next: () => {
      if (nextCursor) setCursors((c) => [...c, nextCursor]);
    },
    previous: () => setCursors((c) => c.slice(0, -1)),
  };
}
