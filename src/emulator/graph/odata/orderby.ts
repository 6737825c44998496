import { queryErrors, type QueryError } from './query-errors.js';
import { canonicalProperty, type DirectoryType } from './resource.js';

export interface OrderBy {
  property: string;
  desc: boolean;
}

/**
 * Parses `$orderby` for a directory collection: one property only; displayName and
 * userPrincipalName by default, a few more in advanced queries; `$filter` + `$orderby` together
 * always need the advanced query parameters (aad-advanced-queries.md).
 */
export function parseOrderBy(
  raw: string,
  type: DirectoryType,
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
  if (!withAdvanced) return queryErrors.sortingNotSupported();
  if (!state.advanced && (!byDefault || state.hasFilter)) return queryErrors.sortingNotSupported();
  return { property, desc: dir === 'desc' };
}
