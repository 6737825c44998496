import type { EmuRequest, EmuResponse } from '../../http/types.js';
import {
  GROUP_DEFAULT_PROPERTIES,
  GROUP_PROPERTIES,
  USER_DEFAULT_PROPERTIES,
  USER_PROPERTIES,
} from '../odata/properties.js';
import { parseSelect } from '../odata/select.js';
import { graphError } from '../respond.js';

export type DeltaResource = 'users' | 'groups';

/** The query a round was started with (carried in every token of the round). */
export interface DeltaQuery {
  resource: DeltaResource;
  select: string[] | null;
  ids: string[] | null;
  expandMembers: boolean;
}

/** Relationships are sent as `<name>@delta` annotations, never as plain properties. */
const NAVIGATION_PROPERTIES = new Set(['manager', 'members', 'owners']);

/** delta-query-overview: `$filter` on delta takes at most this many ids. */
export const MAX_FILTER_IDS = 50;

const FILTER_TERM = /^id\s+eq\s+'([^']+)'$/i;

const unsupported = (req: EmuRequest, message: string): EmuResponse =>
  graphError(req, 400, 'Request_UnsupportedQuery', message);

function parseIdFilter(raw: string): string[] | 'invalid' {
  const ids: string[] = [];
  for (const term of raw.trim().split(/\s+or\s+/i)) {
    const m = FILTER_TERM.exec(
      term
        .trim()
        .replace(/^\((.*)\)$/, '$1')
        .trim(),
    );
    if (!m) return 'invalid';
    const id = m[1]!.toLowerCase();
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Reads `$select`, `$filter` and `$expand` of a request that starts a round. */
export function parseDeltaQuery(req: EmuRequest, resource: DeltaResource): DeltaQuery | EmuResponse {
  const params = req.url.searchParams;
  if (params.has('$orderby'))
    return unsupported(req, 'Unsupported query: $orderby is not supported on delta.');

  let expandMembers = false;
  const expand = params.get('$expand');
  if (expand !== null && expand.trim() !== '') {
    if (resource !== 'groups' || expand.trim().toLowerCase() !== 'members') {
      return unsupported(req, `Unsupported query: $expand=${expand} is not supported on delta.`);
    }
    expandMembers = true;
  }

  let select: string[] | null = null;
  const rawSelect = params.get('$select');
  if (rawSelect !== null && rawSelect.trim() !== '') {
    const known = resource === 'users' ? USER_PROPERTIES : GROUP_PROPERTIES;
    const defaults = resource === 'users' ? USER_DEFAULT_PROPERTIES : GROUP_DEFAULT_PROPERTIES;
    const parsed = parseSelect(rawSelect, known, defaults);
    if (!parsed.ok) {
      const type = resource === 'users' ? 'user' : 'group';
      return graphError(
        req,
        400,
        'BadRequest',
        `Could not find a property named '${parsed.property}' on type 'microsoft.graph.${type}'.`,
      );
    }
    // parseSelect appends `id`; the context URL lists only what the client named.
    const named = rawSelect.split(',').map((s) => s.trim().toLowerCase());
    select = parsed.properties.filter((p) => p !== 'id' || named.includes('id'));
  }

  let ids: string[] | null = null;
  const rawFilter = params.get('$filter');
  if (rawFilter !== null && rawFilter.trim() !== '') {
    const parsed = parseIdFilter(rawFilter);
    if (parsed === 'invalid') {
      return unsupported(req, "Unsupported query: delta supports only $filter=id eq '<id>' or id eq '<id>'.");
    }
    if (parsed.length > MAX_FILTER_IDS) {
      return unsupported(req, `Unsupported query: at most ${MAX_FILTER_IDS} ids can be filtered on delta.`);
    }
    ids = parsed;
  }
  return { resource, select, ids, expandMembers };
}

/** What a query renders: plain properties, and which relationships come as `@delta` annotations. */
export interface DeltaShape {
  properties: string[];
  /** Property names whose change surfaces an object; null = any change does. */
  watched: Set<string> | null;
  manager: boolean;
  members: boolean;
}

export function shapeOf(query: DeltaQuery): DeltaShape {
  const defaults: readonly string[] =
    query.resource === 'users' ? USER_DEFAULT_PROPERTIES : GROUP_DEFAULT_PROPERTIES;
  const chosen = query.select ? [...query.select] : [...defaults];
  if (!chosen.includes('id')) chosen.push('id');
  const selected = (name: string) => query.select?.includes(name) ?? false;
  const manager = query.resource === 'users' && selected('manager');
  const members =
    query.resource === 'groups' && (query.select === null || selected('members') || query.expandMembers);
  const watched = query.select ? new Set(chosen) : null;
  if (watched && members) watched.add('members');
  return {
    properties: chosen.filter((p) => !NAVIGATION_PROPERTIES.has(p)),
    watched,
    manager,
    members,
  };
}
