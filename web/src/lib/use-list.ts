import { useState } from 'react';
import type { Endpoint } from '../../../src/contracts/api/endpoint.js';
import type { CallArgs, CallResult } from './api.js';
import { useApi } from './api-context.js';
import { useDebouncedValue } from './use-debounced-value.js';
import { useQuery, type QueryState } from './use-query.js';

/** Rows per page in console tables; the API accepts up to 200. */
export const PAGE_SIZE = 25;

/** A list endpoint: `listQuerySchema` in, `pageSchema(item)` out. */
type ListEndpoint = Endpoint;

/** What a list screen's controls (search, sort, pager) need. */
export interface ListControls {
  error: QueryState<unknown>['error'];
  loading: boolean;
  searchText: string;
  setSearchText: (text: string) => void;
  sort: string | undefined;
  setSort: (sort: string) => void;
  pageIndex: number;
  pageSize: number;
  hasPrevious: boolean;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
}

export type ListState<E extends ListEndpoint> = QueryState<CallResult<E>> & ListControls;

export interface UseListOptions<E extends ListEndpoint> {
  params?: CallArgs<E>['params'];
  /** Extra query fields of this list beyond search/cursor/limit/sort. */
  filters?: Record<string, string | undefined>;
  initialSort?: string;
}

/**
 * Server-side paging, sorting and debounced search over a list endpoint. Cursors are opaque, so
 * "previous" walks back a stack of the cursors that led to each page; a new search or sort starts
 * again from the first page.
 */
export function useList<E extends ListEndpoint>(endpoint: E, options: UseListOptions<E> = {}): ListState<E> {
  const call = useApi();
  const [searchText, setSearchTextState] = useState('');
  const [sort, setSortState] = useState(options.initialSort);
  const [cursors, setCursors] = useState<string[]>([]);
  const search = useDebouncedValue(searchText.trim());
  const cursor = cursors.at(-1);
  const query = { search, sort, cursor, limit: PAGE_SIZE, ...options.filters };
  const key = JSON.stringify([endpoint.path, options.params, query]);
  const result = useQuery(key, (signal) =>
    call(endpoint, { params: options.params, query: query as CallArgs<E>['query'], signal }),
  );
  const page = result.data as { nextCursor?: string | null } | undefined;

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
    hasNext: Boolean(page?.nextCursor),
    next: () => {
      if (page?.nextCursor) setCursors((c) => [...c, page.nextCursor as string]);
    },
    previous: () => setCursors((c) => c.slice(0, -1)),
  };
}
