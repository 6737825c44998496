import type { EmuRequest, EmuResponse } from '../../http/types.js';
import { parseSelect } from '../odata/select.js';
import { graphError } from '../respond.js';

export type Selection =
  { ok: true; properties: string[]; contextSuffix: string } | { ok: false; response: EmuResponse };

/**
 * `$select` for a resource type: the properties to send and the `(a,b)` suffix Graph puts in
 * `@odata.context`, or Graph's 400 for a property the type does not have.
 */
export function selection(
  req: EmuRequest,
  known: ReadonlySet<string>,
  defaults: readonly string[],
  typeName: string,
): Selection {
  const raw = req.url.searchParams.get('$select');
  const parsed = parseSelect(raw, new Set(known), defaults);
  if (!parsed.ok) {
    return {
      ok: false,
      response: graphError(
        req,
        400,
        'BadRequest',
        `Could not find a property named '${parsed.property}' on type 'microsoft.graph.${typeName}'.`,
      ),
    };
  }
  return {
    ok: true,
    properties: parsed.properties,
    contextSuffix: raw?.trim() ? `(${parsed.properties.join(',')})` : '',
  };
}
