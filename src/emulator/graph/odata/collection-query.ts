import type { EmuRequest } from '../../http/types.js';
import type { GraphProps } from '../../state/types.js';
import { parseExpand, type ExpandSpec } from './expand.js';
import { buildFilter, type CompiledFilter } from './filter.js';
import { parseOrderBy, type OrderBy } from './orderby.js';
import { queryErrors, isQueryError, type QueryError } from './query-errors.js';
import { canonicalProperty, type PageLimits, type ResourceType } from './resource.js';
import { buildSearch } from './search.js';
import { selectList } from './select.js';

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
  /** Emit `@odata.count`: directory advanced queries on their first page, other services on every page. */
  count: boolean;
  /** Directory: `ConsistencyLevel: eventual` and `$count` both present. */
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
  type: ResourceType;
  /** Names `$select` accepts when not just the type's (members accept any directoryObject's). */
  selectable?: ReadonlySet<string>;
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

function parseTop(raw: string | undefined, limits: PageLimits): number | QueryError {
  if (raw === undefined) return limits.defaultTop;
  if (!/^\d+$/.test(raw.trim())) return queryErrors.invalidTop(raw);
  const top = Number(raw);
  if (limits.overMax === 'pageSize' && (top < 1 || top > limits.maxTop)) {
    return queryErrors.invalidPageSize(raw, limits.maxTop);
  }
  if (limits.overMax === 'maxTop' && top > limits.maxTop)
    return queryErrors.topLimitExceeded(limits.maxTop, top);
  return Math.min(top, limits.maxTop);
}

/**
 * Reads the OData options of a list request and applies the rules of the type's service: in the
 * directory, which options need `ConsistencyLevel: eventual` (+ `$count`); everywhere, the type's
 * page size limits and property checks.
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
  const directory = type.dialect === 'directory';
  const eventual = directory && (req.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
  const countParam = countRaw === 'true';
  const advanced = eventual && (countParam || shape.countSegment === true);
  // Outside the directory nothing is gated behind the advanced query parameters.
  const ungated = advanced || !directory;

  const top = parseTop(options.get('$top'), type.paging);
  if (isQueryError(top)) return top;

  const touched = new Set<string>();
  let select: string[] | null = null;
  const selectRaw = options.get('$select');
  if (selectRaw !== undefined && selectRaw.trim() !== '') {
    const parsed = selectList(selectRaw, type, { collection: true, selectable: shape.selectable });
    if (isQueryError(parsed)) return parsed;
    select = parsed;
    for (const p of parsed) touched.add(p);
  }

  let filter: CompiledFilter | null = null;
  const filterRaw = options.get('$filter');
  if (filterRaw !== undefined && filterRaw.trim() !== '') {
    if (shape.relation && !advanced) return queryErrors.referenceFilterNotSupported();
    const built = buildFilter(filterRaw, type, ungated);
    if (isQueryError(built)) return built;
    filter = built;
    for (const p of built.properties) touched.add(p);
  }

  let search: CollectionQuery['search'] = null;
  const searchRaw = options.get('$search');
  if (searchRaw !== undefined && searchRaw.trim() !== '') {
    if (!directory) return queryErrors.unsupportedQueryOption('$search');
    if (!eventual) return queryErrors.searchNeedsHeader();
    const built = buildSearch(searchRaw.trim(), type);
    if (isQueryError(built)) return built;
    search = built;
  }

  let orderBy: OrderBy | null = null;
  const orderRaw = options.get('$orderby');
  if (orderRaw !== undefined && orderRaw.trim() !== '') {
    const parsed = parseOrderBy(orderRaw, type, {
      advanced: ungated,
      hasFilter: directory && filter !== null,
    });
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
    count: directory ? advanced && countParam && skipToken === null : countParam,
    advanced,
    expand,
    skipToken,
    touched,
    scope: [tenantId, path, filterRaw ?? '', searchRaw ?? '', orderRaw ?? ''].join('\n'),
  };
}

/** The `$select` list as the client wrote it, for `@odata.context` (`#users(id,displayName)`). */
export function selectedForContext(req: EmuRequest, type: ResourceType): string | null {
  const raw = [...req.url.searchParams].find(([k]) => k.toLowerCase() === '$select')?.[1];
  if (!raw || raw.trim() === '') return null;
  return raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => canonicalProperty(type, p) ?? p)
    .join(',');
}
