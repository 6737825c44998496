import type { EmuRequest } from '../../http/types.js';
import { selectedForContext } from './collection-query.js';
import { isQueryError, type QueryError } from './query-errors.js';
import type { ResourceType } from './resource.js';
import { selectList } from './select.js';

export interface EntitySelection {
  /** Properties to send: the `$select` list (with `id`), or the type's default set. */
  properties: string[];
  /** `(a,b)` for `@odata.context` when `$select` was given, as the client wrote it; else ''. */
  contextSuffix: string;
}

/**
 * `$select` on a single entity, or on a small list that takes no other query option
 * (`/organization`, `/domains`): what to send, or Graph's 400 for a name the type does not have.
 */
export function parseEntitySelect(req: EmuRequest, type: ResourceType): EntitySelection | QueryError {
  const raw = [...req.url.searchParams].find(([k]) => k.toLowerCase() === '$select')?.[1];
  if (raw === undefined || raw.trim() === '') return { properties: [...type.defaults], contextSuffix: '' };
  const properties = selectList(raw, type, { collection: false });
  if (isQueryError(properties)) return properties;
  return { properties, contextSuffix: `(${selectedForContext(req, type) ?? ''})` };
}
