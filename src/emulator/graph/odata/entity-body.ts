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

/** Whether `value` fits a property of this JSON shape; `null` always does. */
export function fits(kind: JsonKind, value: unknown): boolean {
  if (value === null || kind === 'any') return true;
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return typeof value === 'string' && isDateTimeOffset(value);
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'objects':
      return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null);
  }
}

const badRequest = (message: string): QueryError => ({ status: 400, code: 'BadRequest', message });

/** An OData Edm.DateTimeOffset: date, time and a zone (`Z` or `±hh:mm`), a real calendar day. */
const DATE_TIME_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,7})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;
const DATE_TIME_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

function isDateTimeOffset(value: string): boolean {
  const match = DATE_TIME_OFFSET.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** OData's refusal of a value that does not fit the property's type (the literal as sent, unquoted). */
export function typeMismatch(kind: JsonKind, value: unknown): QueryError {
  if (kind === 'datetime' && typeof value === 'string' && DATE_TIME_WITHOUT_ZONE.test(value)) {
    return badRequest(
      `The time zone information is missing on the DateTimeOffset value '${value}'. A DateTimeOffset value must contain the time zone information.`,
    );
  }
  const literal = typeof value === 'string' ? value : JSON.stringify(value);
  return badRequest(`Cannot convert the literal '${literal}' to the expected type '${EDM[kind]}'.`);
}

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
    if (!fits(kind, value)) return typeMismatch(kind, value);
    props[canonical] = value;
  }
  return { props, annotations };
}
