import type { GraphProps } from '../../state/types.js';
import {
  GROUP_FILTER_CAPABILITIES,
  USER_FILTER_CAPABILITIES,
  type CapabilityTable,
  type Support,
} from './filter-capabilities.js';
import {
  isExtensionProperty,
  GROUP_DEFAULT_PROPERTIES,
  GROUP_PROPERTIES,
  USER_DEFAULT_PROPERTIES,
  USER_PROPERTIES,
  USER_SINGLE_ONLY_PROPERTIES,
} from './properties.js';
import { GROUP_PROPERTY_TYPES, USER_PROPERTY_TYPES, type PropertyType } from './property-types.js';

/**
 * Which rule book a service's query options follow. `directory`: Entra ID's (advanced queries
 * behind `ConsistencyLevel: eventual` + `$count=true`, `Request_UnsupportedQuery` refusals).
 * `odata`: a plain ASP.NET OData service such as Intune or GDAP (`$count=true` alone counts,
 * refusals in ODataLib's validator wording).
 */
export type QueryDialect = 'directory' | 'odata';

/** Page sizes a collection accepts, and what a larger `$top` gets. */
export interface PageLimits {
  defaultTop: number;
  maxTop: number;
  /**
   * `pageSize`: Graph directory's 400 for any `$top` outside 1…max; `maxTop`: ODataLib's MaxTop
   * 400 above max (0 allowed); `cap`: silently served at most max (0 allowed).
   */
  overMax: 'pageSize' | 'maxTop' | 'cap';
}

/** `$filter` operators beyond `and`/`eq`/ranges that a service may gate or refuse. */
export interface OperatorSupport {
  ne?: Support;
  not?: Support;
  or?: Support;
}

/**
 * What the query engine needs to know about a resource type: its names (for contexts and error
 * messages), properties, default `$select`, filter and sort capabilities, and paging limits.
 */
export interface ResourceType {
  /** `user` → `microsoft.graph.user`. */
  typeName: string;
  /** `User` in "… of resource 'User'." */
  label: string;
  dialect: QueryDialect;
  properties: Set<string>;
  defaults: readonly string[];
  /** Selectable on GET /{set}/{id} only (501 on the collection). */
  singleOnly: Set<string>;
  types: Record<string, PropertyType>;
  filters: CapabilityTable;
  operators: OperatorSupport;
  /** `$orderby` properties allowed without / only with advanced query parameters. */
  orderBy: { default: string[]; advanced: string[] };
  /** Properties `$search` tokenizes; others match as startsWith. */
  tokenizedSearch: string[];
  /** Accepts directory schema extensions (`extension_<appId>_<name>`) in `$select` and `$filter`. */
  extensions: boolean;
  paging: PageLimits;
}

/** Graph's default and maximum directory page sizes (paging.md). */
export const DIRECTORY_PAGING: PageLimits = { defaultTop: 100, maxTop: 999, overMax: 'pageSize' };

/** Directory types gate `ne` and `not` behind the advanced query parameters (aad-advanced-queries.md). */
const DIRECTORY_OPERATORS: OperatorSupport = { ne: 'advanced', not: 'advanced', or: 'default' };

/**
 * A resource type from the parts that matter to it; the rest defaults to "nothing supported"
 * (no filterable or sortable property), directory operators and paging for directory types,
 * `and`-only filters and no page cap for others.
 */
export function defineResourceType(
  spec: Pick<ResourceType, 'typeName' | 'properties' | 'defaults'> & Partial<ResourceType>,
): ResourceType {
  const dialect = spec.dialect ?? 'directory';
  return {
    label: spec.typeName.charAt(0).toUpperCase() + spec.typeName.slice(1),
    dialect,
    singleOnly: new Set(),
    types: {},
    filters: {},
    operators: dialect === 'directory' ? DIRECTORY_OPERATORS : {},
    orderBy: { default: [], advanced: [] },
    tokenizedSearch: [],
    extensions: dialect === 'directory',
    paging:
      dialect === 'directory'
        ? DIRECTORY_PAGING
        : { defaultTop: DIRECTORY_PAGING.defaultTop, maxTop: Number.MAX_SAFE_INTEGER, overMax: 'cap' },
    ...spec,
  };
}

export const USER_TYPE = defineResourceType({
  typeName: 'user',
  properties: USER_PROPERTIES,
  defaults: USER_DEFAULT_PROPERTIES,
  singleOnly: USER_SINGLE_ONLY_PROPERTIES,
  types: USER_PROPERTY_TYPES,
  filters: USER_FILTER_CAPABILITIES,
  orderBy: {
    default: ['displayName', 'userPrincipalName'],
    advanced: ['createdDateTime', 'deletedDateTime'],
  },
  tokenizedSearch: ['displayName'],
});

export const GROUP_TYPE = defineResourceType({
  typeName: 'group',
  properties: GROUP_PROPERTIES,
  defaults: GROUP_DEFAULT_PROPERTIES,
  types: GROUP_PROPERTY_TYPES,
  filters: GROUP_FILTER_CAPABILITIES,
  orderBy: { default: ['displayName'], advanced: ['deletedDateTime'] },
  tokenizedSearch: ['displayName', 'description'],
});

/** Reads a record's Graph properties; groups derive some of theirs from their kind. */
export type PropsOf<R> = (record: R) => GraphProps;

/** Canonical spelling of a property name (Graph matches names case-insensitively). */
export function canonicalProperty(type: ResourceType, name: string): string | null {
  if (type.properties.has(name)) return name;
  const lower = name.toLowerCase();
  for (const known of type.properties) if (known.toLowerCase() === lower) return known;
  return null;
}

/** A name `type` accepts although it is not in its catalogue (a directory schema extension). */
export function acceptsExtension(type: ResourceType, name: string): boolean {
  return type.extensions && isExtensionProperty(name);
}
