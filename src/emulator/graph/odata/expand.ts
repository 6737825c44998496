import { USER_DEFAULT_PROPERTIES, USER_PROPERTIES } from './properties.js';
import { queryErrors, type QueryError } from './query-errors.js';
import { parseSelect } from './select.js';

/** `$expand=manager` or `manager($select=id,displayName)`: the only expansion the emulator serves. */
export interface ExpandSpec {
  property: 'manager';
  select: string[];
}

const EXPAND = /^\s*([A-Za-z]+)\s*(?:\((.*)\))?\s*$/;

export function parseExpand(
  raw: string,
  typeName: string,
  allowed: readonly string[],
): ExpandSpec | QueryError {
  const match = EXPAND.exec(raw);
  if (!match) return queryErrors.unknownProperty(raw.trim(), typeName);
  const [, name, options] = match;
  if (!allowed.some((a) => a.toLowerCase() === name!.toLowerCase())) {
    return queryErrors.unknownProperty(name!, typeName);
  }
  let selectRaw: string | null = null;
  for (const option of options ? options.split(';') : []) {
    const [key, value] = option.split('=');
    if (key?.trim().toLowerCase() !== '$select' || value === undefined) {
      return queryErrors.unsupportedQueryOption(key?.trim() ?? option);
    }
    selectRaw = value;
  }
  const select = parseSelect(selectRaw, USER_PROPERTIES, USER_DEFAULT_PROPERTIES);
  if (!select.ok) return queryErrors.unknownProperty(select.property, 'user');
  return { property: 'manager', select: select.properties };
}
