import type { EmuRequest, EmuResponse } from '../../http/types.js';
import { parseEntitySelect } from '../odata/entity-select.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { defineResourceType } from '../odata/resource.js';

export type Selection =
  { ok: true; properties: string[]; contextSuffix: string } | { ok: false; response: EmuResponse };

/**
 * `$select` for a resource type known only by its property list (the licence routes use it):
 * the query engine's {@link parseEntitySelect}, its refusal already turned into a response.
 */
export function selection(
  req: EmuRequest,
  known: ReadonlySet<string>,
  defaults: readonly string[],
  typeName: string,
): Selection {
  const type = defineResourceType({ typeName, properties: new Set(known), defaults });
  const parsed = parseEntitySelect(req, type);
  if (isQueryError(parsed)) return { ok: false, response: queryErrorResponse(req, parsed) };
  return { ok: true, properties: parsed.properties, contextSuffix: parsed.contextSuffix };
}
