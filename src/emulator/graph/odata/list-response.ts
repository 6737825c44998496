import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { GraphProps } from '../../state/types.js';
import { graphJson, odataContext } from '../respond.js';
import type { CollectionQuery } from './collection-query.js';
import type { ListPaging } from './list-paging.js';
import { readPage, type PageSource } from './paging.js';
import { isQueryError, queryErrorResponse } from './query-errors.js';

/** The request's own URL with `$skiptoken` replaced: Graph's nextLink keeps the original query. */
export function nextLinkFor(req: EmuRequest, token: string): string {
  const kept = req.url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !/^(\$|%24)skiptoken=/i.test(part));
  kept.push(`$skiptoken=${token}`);
  return `${req.url.origin}${req.url.pathname}?${kept.join('&')}`;
}

/** Combined `$filter` and `$search` test, or null when neither is given. */
export function queryTest(query: CollectionQuery): ((props: GraphProps) => boolean) | null {
  const { filter, search } = query;
  if (filter && search) return (p) => filter.test(p) && search(p);
  if (filter) return filter.test;
  return search;
}

/**
 * Answers a list request with one page: resumes from the `$skiptoken` (refusing
 * expired or foreign tokens), adds `@odata.count` on the first page when asked, and a nextLink
 * carrying the original query when more objects follow. The `graph.listPageCap` and
 * `graph.listOrder` switches apply here, so every paged list honours them.
 */
export function respondWithPage<R>(input: {
  req: EmuRequest;
  query: CollectionQuery;
  paging: ListPaging;
  source: PageSource<R>;
  /**
   * `users`, `users(id,displayName)`, `directoryObjects`… after Graph's `$metadata#`, or the
   * whole URL where a service's metadata lives elsewhere (GDAP customers).
   */
  context: string | { url: string };
  project: (record: R) => Record<string, unknown>;
  /** Page size after service caps (e.g. 120 with signInActivity). */
  top?: number;
}): EmuResponse {
  const { req, query, paging } = input;
  const { tokens } = paging;
  const ordered = query.orderBy ? { source: input.source, tag: '' } : paging.unsorted(input.source);
  const scope = ordered.tag ? `${query.scope}\n${ordered.tag}` : query.scope;
  const cursor = query.skipToken === null ? null : tokens.read(query.skipToken, scope);
  if (isQueryError(cursor)) return queryErrorResponse(req, cursor);
  const page = readPage(ordered.source, {
    cursor,
    top: paging.pageSize(input.top ?? query.top),
    test: queryTest(query),
    count: query.count,
  });
  const body: Record<string, unknown> = {
    '@odata.context':
      typeof input.context === 'string' ? odataContext(req, input.context) : input.context.url,
  };
  if (page.count !== undefined) body['@odata.count'] = page.count;
  if (page.next !== null) body['@odata.nextLink'] = nextLinkFor(req, tokens.issue(page.next, scope));
  body.value = page.items.map(input.project);
  return graphJson(200, body);
}

/** Counts the matches of a query (`/$count` segment): Graph answers it as text/plain. */
export function countMatches<R>(query: CollectionQuery, source: PageSource<R>): number {
  const test = queryTest(query);
  let count = 0;
  for (const id of source.index.ids) {
    const record = source.resolve(id);
    if (record !== undefined && (test === null || test(source.props(record)))) count += 1;
  }
  return count;
}
