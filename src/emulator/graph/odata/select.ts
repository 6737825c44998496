import type { GraphProps } from '../../state/types.js';
import { COLLECTION_PROPERTIES, isExtensionProperty } from './properties.js';
import { queryErrors, type QueryError } from './query-errors.js';
import { acceptsExtension, type ResourceType } from './resource.js';

export type SelectResult = { ok: true; properties: string[] } | { ok: false; property: string };

/**
 * Parses `$select` against the properties a type knows; Graph answers an unknown name with 400
 * "Could not find a property named '<p>' on type 'microsoft.graph.<type>'." `id` is always returned.
 */
export function parseSelect(
  raw: string | null,
  known: Set<string>,
  defaults: readonly string[],
): SelectResult {
  if (raw === null || raw.trim() === '') return { ok: true, properties: [...defaults] };
  const properties: string[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim();
    if (!name) continue;
    const canonical = [...known].find((k) => k.toLowerCase() === name.toLowerCase());
    if (!canonical && !isExtensionProperty(name)) return { ok: false, property: name };
    const chosen = canonical ?? name;
    if (!properties.includes(chosen)) properties.push(chosen);
  }
  if (!properties.includes('id')) properties.push('id');
  return { ok: true, properties };
}

/**
 * A `$select` list for `type`, canonically spelled, with `id` always added. Unknown names are
 * refused; on a collection so are the type's single-GET-only properties (501).
 */
export function selectList(
  raw: string,
  type: ResourceType,
  options: { collection: boolean; selectable?: ReadonlySet<string> },
): string[] | QueryError {
  const selectable = options.selectable ?? type.properties;
  const properties: string[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim();
    if (!name) continue;
    if (options.collection && type.singleOnly.has(name)) return queryErrors.singleOnlyProperty(name);
    const known = [...selectable].find((k) => k.toLowerCase() === name.toLowerCase());
    if (!known && !acceptsExtension(type, name)) return queryErrors.unknownProperty(name, type.typeName);
    const chosen = known ?? name;
    if (!properties.includes(chosen)) properties.push(chosen);
  }
  if (!properties.includes('id')) properties.push('id');
  return properties;
}

/** The object as Graph sends it: selected properties only, unset ones as `null` (collections `[]`). */
export function project(props: GraphProps, properties: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of properties) {
    const v = props[p];
    out[p] = v === undefined ? (COLLECTION_PROPERTIES.has(p) ? [] : null) : v;
  }
  return out;
}
