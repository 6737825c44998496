import { queryErrors, type QueryError } from './query-errors.js';
import { canonicalProperty, type ResourceType } from './resource.js';

export interface OrderBy {
  property: string;
  desc: boolean;
}

/**
 * Parses `$orderby`: one property only, among those the type sorts on. In the directory,
 * displayName and userPrincipalName by default, a few more in advanced queries, and `$filter` +
 * `$orderby` together always need the advanced query parameters (aad-advanced-queries.md).
 */
export function parseOrderBy(
  raw: string,
  type: ResourceType,
  state: { advanced: boolean; hasFilter: boolean },
): OrderBy | QueryError {
  const clauses = raw
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (clauses.length !== 1) return queryErrors.sortingNotSupported();
  const [name, direction, ...extra] = clauses[0]!.split(/\s+/);
  const dir = direction?.toLowerCase();
  if (extra.length || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
    return queryErrors.sortingNotSupported();
  }
  const property = canonicalProperty(type, name!);
  if (!property) return queryErrors.unknownProperty(name!, type.typeName);
  const byDefault = type.orderBy.default.includes(property);
  const withAdvanced = byDefault || type.orderBy.advanced.includes(property);
  if (!withAdvanced && type.dialect === 'odata') return queryErrors.orderByNotAllowed(property);
  if (!withAdvanced) return queryErrors.sortingNotSupported();
  if (!state.advanced && (!byDefault || state.hasFilter)) return queryErrors.sortingNotSupported();
  return { property, desc: dir === 'desc' };
}
