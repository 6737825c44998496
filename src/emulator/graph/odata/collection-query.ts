import type { EmuRequest } from '../../http/types.js';
import type { GraphProps } from '../../state/types.js';
import { parseExpand, type ExpandSpec } from './expand.js';
import { buildFilter, type CompiledFilter } from './filter.js';
import { parseOrderBy, type OrderBy } from './orderby.js';
import { isExtensionProperty } from './properties.js';
import { queryErrors, isQueryError, type QueryError } from './query-errors.js';
import { canonicalProperty, type DirectoryType } from './resource.js';
import { buildSearch } from './search.js';

/** Graph's default and maximum directory page sizes (paging.md). */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

const KNOWN_OPTIONS = new Set([
  '$select',
  '$filter',
  '$top',
  '$count',
  '$orderby',
  '$search',
  '$skiptoken',
  '$expand',
  '$skip',
]);

export interface CollectionQuery {
  /** Properties to return; null means each object type's default set. */
  select: string[] | null;
  filter: CompiledFilter | null;
  search: ((props: GraphProps) => boolean) | null;
  orderBy: OrderBy | null;
  top: number;
  /** Emit `@odata.count` (advanced query, `$count=true`, first page). */
  count: boolean;
  /** `ConsistencyLevel: eventual` and `$count` both present. */
  advanced: boolean;
  expand: ExpandSpec | null;
  skipToken: string | null;
  /** Top-level properties the query selects or filters on. */
  touched: Set<string>;
  /** Binds page tokens to this query: tenant, path, filter, search and order. */
  scope: string;
}

export interface QueryShape {
  /** Type whose filter, search and sort rules apply. */
  type: DirectoryType;
  /** Names `$select` accepts (members accept any directoryObject type's properties). */
  selectable: Set<string>;
  /** `/members`, `/memberOf`…: `$filter` needs the advanced query parameters there. */
  relation?: boolean;
  /** The `/$count` segment: counts as `$count` for advanced-query purposes. */
  countSegment?: boolean;
  expandable?: readonly string[];
}

function readOptions(req: EmuRequest): Map<string, string> | QueryError {
  const options = new Map<string, string>();
  for (const [rawName, value] of req.url.searchParams) {
    if (!rawName.startsWith('$')) continue;
    const name = rawName.toLowerCase();
    if (!KNOWN_OPTIONS.has(name)) return queryErrors.unsupportedQueryOption(rawName);
    options.set(name, value);
  }
  return options;
}

function parseSelectList(raw: string, shape: QueryShape): string[] | QueryError {
  const properties: string[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim();
    if (!name) continue;
    if (shape.type.singleOnly.has(name)) return queryErrors.singleOnlyProperty(name);
    const known = [...shape.selectable].find((k) => k.toLowerCase() === name.toLowerCase());
    if (!known && !isExtensionProperty(name)) return queryErrors.unknownProperty(name, shape.type.typeName);
    const chosen = known ?? name;
    if (!properties.includes(chosen)) properties.push(chosen);
  }
  if (!properties.includes('id')) properties.push('id');
  return properties;
}

function parseTop(raw: string | undefined): number | QueryError {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  if (!/^\d+$/.test(raw.trim())) return queryErrors.invalidTop(raw);
  const top = Number(raw);
  if (top < 1 || top > MAX_PAGE_SIZE) return queryErrors.invalidPageSize(raw);
  return top;
}

/**
 * Reads the OData options of a directory list request and applies Graph's rules: which need
 * `ConsistencyLevel: eventual` (+ `$count`), page size limits, and per-type property checks.
 */
export function parseCollectionQuery(
  req: EmuRequest,
  tenantId: string,
  shape: QueryShape,
): CollectionQuery | QueryError {
  const options = readOptions(req);
  if (isQueryError(options)) return options;
  const { type } = shape;
  if (options.has('$skip')) return queryErrors.skipNotSupported();

  const countRaw = options.get('$count');
  if (countRaw !== undefined && countRaw !== 'true' && countRaw !== 'false') {
    return queryErrors.invalidCount(countRaw);
  }
  const eventual = (req.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
  const countParam = countRaw === 'true';
  const advanced = eventual && (countParam || shape.countSegment === true);

  const top = parseTop(options.get('$top'));
  if (isQueryError(top)) return top;

  const touched = new Set<string>();
  let select: string[] | null = null;
  const selectRaw = options.get('$select');
  if (selectRaw !== undefined && selectRaw.trim() !== '') {
    const parsed = parseSelectList(selectRaw, shape);
    if (isQueryError(parsed)) return parsed;
    select = parsed;
    for (const p of parsed) touched.add(p);
  }

  let filter: CompiledFilter | null = null;
  const filterRaw = options.get('$filter');
  if (filterRaw !== undefined && filterRaw.trim() !== '') {
    if (shape.relation && !advanced) return queryErrors.referenceFilterNotSupported();
    const built = buildFilter(filterRaw, type, advanced);
    if (isQueryError(built)) return built;
    filter = built;
    for (const p of built.properties) touched.add(p);
  }

  let search: CollectionQuery['search'] = null;
  const searchRaw = options.get('$search');
  if (searchRaw !== undefined && searchRaw.trim() !== '') {
    if (!eventual) return queryErrors.searchNeedsHeader();
    const built = buildSearch(searchRaw.trim(), type);
    if (isQueryError(built)) return built;
    search = built;
  }

  let orderBy: OrderBy | null = null;
  const orderRaw = options.get('$orderby');
  if (orderRaw !== undefined && orderRaw.trim() !== '') {
    const parsed = parseOrderBy(orderRaw, type, { advanced, hasFilter: filter !== null });
    if (isQueryError(parsed)) return parsed;
    orderBy = parsed;
  }

  let expand: ExpandSpec | null = null;
  const expandRaw = options.get('$expand');
  if (expandRaw !== undefined && expandRaw.trim() !== '') {
    if (advanced) return queryErrors.expandWithAdvanced();
    const parsed = parseExpand(expandRaw, type.typeName, shape.expandable ?? []);
    if (isQueryError(parsed)) return parsed;
    expand = parsed;
  }

  const skipToken = options.get('$skiptoken') ?? null;
  const path = req.url.pathname.replace(/%24/gi, '$').toLowerCase();
  return {
    select,
    filter,
    search,
    orderBy,
    top,
    count: advanced && countParam && skipToken === null,
    advanced,
    expand,
    skipToken,
    touched,
    scope: [tenantId, path, filterRaw ?? '', searchRaw ?? '', orderRaw ?? ''].join('\n'),
  };
}

/** The `$select` list as the client wrote it, for `@odata.context` (`#users(id,displayName)`). */
export function selectedForContext(req: EmuRequest, type: DirectoryType): string | null {
  const raw = [...req.url.searchParams].find(([k]) => k.toLowerCase() === '$select')?.[1];
  if (!raw || raw.trim() === '') return null;
  return raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => canonicalProperty(type, p) ?? p)
    .join(',');
}
