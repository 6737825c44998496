import { isExtensionProperty } from './properties.js';
import type { QueryError } from './query-errors.js';

/** JSON shape a writable property accepts; `null` is always accepted (clears the value). */
export type JsonKind = 'string' | 'boolean' | 'strings' | 'object' | 'objects' | 'datetime' | 'any';

export interface EntityBody {
  /** Writable properties, canonically spelled. */
  props: Record<string, unknown>;
  /** Instance annotations such as `members@odata.bind`, keyed as sent. */
  annotations: Record<string, unknown>;
}

const EDM: Record<JsonKind, string> = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  strings: 'Collection(Edm.String)',
  object: 'microsoft.graph.complexType',
  objects: 'Collection(microsoft.graph.complexType)',
  datetime: 'Edm.DateTimeOffset',
  any: 'Edm.Untyped',
};

function fits(kind: JsonKind, value: unknown): boolean {
  if (value === null || kind === 'any') return true;
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'objects':
      return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null);
  }
}

const badRequest = (message: string): QueryError => ({ status: 400, code: 'BadRequest', message });

/**
 * Reads a POST/PATCH body for a directory type the way Graph's OData layer does: unknown
 * properties and wrongly typed values are refused, read-only ones too, names match
 * case-insensitively, `@odata.*` annotations are set aside.
 */
export function readEntityBody(
  body: unknown,
  writable: Record<string, JsonKind>,
  known: Set<string>,
  typeName: string,
): EntityBody | QueryError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return badRequest('Empty Payload. JSON content expected.');
  }
  const props: Record<string, unknown> = {};
  const annotations: Record<string, unknown> = {};
  const writableNames = Object.keys(writable);
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name.includes('@')) {
      annotations[name] = value;
      continue;
    }
    if (isExtensionProperty(name)) {
      props[name] = value;
      continue;
    }
    const canonical = writableNames.find((w) => w.toLowerCase() === name.toLowerCase());
    if (!canonical) {
      const isKnown = [...known].some((k) => k.toLowerCase() === name.toLowerCase());
      if (isKnown) {
        return {
          status: 400,
          code: 'Request_BadRequest',
          message: `Property '${name}' is read-only and cannot be set.`,
        };
      }
      return badRequest(
        `The property '${name}' does not exist on type 'microsoft.graph.${typeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    const kind = writable[canonical]!;
    if (!fits(kind, value)) {
      return badRequest(
        `Cannot convert the literal '${JSON.stringify(value)}' to the expected type '${EDM[kind]}'.`,
      );
    }
    props[canonical] = value;
  }
  return { props, annotations };
}
