import { badRequest } from './scim-error.js';
import { SCIM_CORE_USER, SCIM_USER_SCHEMAS } from './scim-user-schema.js';

/**
 * A PATCH path (RFC 7644 §3.5.2, `attrPath [valFilter] [.subAttr]`) as far as Rollcall supports
 * it: an attribute, optionally in an extension (`urn:…:enterprise:2.0:User:department`), with one
 * `eq` value filter (`emails[type eq "work"]`) and one sub-attribute (`name.givenName`).
 */
export interface ScimPatchPath {
  /** The extension holding the attribute; null for the core schema. */
  extension: string | null;
  attribute: string;
  filter: { attribute: string; value: string | number | boolean } | null;
  subAttribute: string | null;
}

const NAME = '[A-Za-z][A-Za-z0-9_$-]*';
const PATH = new RegExp(`^(${NAME})(?:\\[(.+)\\])?(?:\\.(${NAME}))?$`);
const VALUE_FILTER = new RegExp(`^\\s*(${NAME})\\s+eq\\s+(.+?)\\s*$`, 'i');

function splitSchema(path: string): { extension: string | null; rest: string } {
  if (!path.toLowerCase().startsWith('urn:')) return { extension: null, rest: path };
  const schema = SCIM_USER_SCHEMAS.find((urn) => path.toLowerCase().startsWith(`${urn.toLowerCase()}:`));
  if (!schema) throw badRequest('invalidPath', `Unknown schema in path "${path}".`);
  return { extension: schema === SCIM_CORE_USER ? null : schema, rest: path.slice(schema.length + 1) };
}

function filterValue(text: string, path: string): string | number | boolean {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  } catch {
    // Falls through to the error below.
  }
  throw badRequest(
    'invalidFilter',
    `The value in "${path}" must be a quoted string, a number, true or false.`,
  );
}

/** Parses a PATCH path; 400 invalidPath (or invalidFilter for its value filter) otherwise. */
export function parseScimPatchPath(path: string): ScimPatchPath {
  const { extension, rest } = splitSchema(path.trim());
  const match = PATH.exec(rest);
  if (!match) throw badRequest('invalidPath', `Unsupported path "${path}".`);
  const [, attribute, filterText, subAttribute] = match;
  let filter: ScimPatchPath['filter'] = null;
  if (filterText !== undefined) {
    const parsed = VALUE_FILTER.exec(filterText);
    if (!parsed)
      throw badRequest(
        'invalidFilter',
        `Only "attribute eq value" filters are supported in paths ("${path}").`,
      );
    filter = { attribute: parsed[1]!, value: filterValue(parsed[2]!, path) };
  }
  return { extension, attribute: attribute!, filter, subAttribute: subAttribute ?? null };
}
