import type { GraphProps } from '../../state/types.js';
import {
  GROUP_FILTER_CAPABILITIES,
  USER_FILTER_CAPABILITIES,
  type CapabilityTable,
} from './filter-capabilities.js';
import {
  GROUP_DEFAULT_PROPERTIES,
  GROUP_PROPERTIES,
  USER_DEFAULT_PROPERTIES,
  USER_PROPERTIES,
  USER_SINGLE_ONLY_PROPERTIES,
} from './properties.js';
import { GROUP_PROPERTY_TYPES, USER_PROPERTY_TYPES, type PropertyType } from './property-types.js';

/**
 * What the query engine needs to know about a directory type: its names (for contexts and error
 * messages), properties, default `$select`, filter and sort capabilities.
 */
export interface DirectoryType {
  /** `user` → `microsoft.graph.user`. */
  typeName: 'user' | 'group';
  /** `User` in "… of resource 'User'." */
  label: string;
  entitySet: 'users' | 'groups';
  properties: Set<string>;
  defaults: readonly string[];
  /** Selectable on GET /{set}/{id} only (501 on the collection). */
  singleOnly: Set<string>;
  types: Record<string, PropertyType>;
  filters: CapabilityTable;
  /** `$orderby` properties allowed without / only with advanced query parameters. */
  orderBy: { default: string[]; advanced: string[] };
  /** Properties `$search` tokenizes; others match as startsWith. */
  tokenizedSearch: string[];
}

export const USER_TYPE: DirectoryType = {
  typeName: 'user',
  label: 'User',
  entitySet: 'users',
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
};

export const GROUP_TYPE: DirectoryType = {
  typeName: 'group',
  label: 'Group',
  entitySet: 'groups',
  properties: GROUP_PROPERTIES,
  defaults: GROUP_DEFAULT_PROPERTIES,
  singleOnly: new Set(),
  types: GROUP_PROPERTY_TYPES,
  filters: GROUP_FILTER_CAPABILITIES,
  orderBy: { default: ['displayName'], advanced: ['deletedDateTime'] },
  tokenizedSearch: ['displayName', 'description'],
};

/** Reads a record's Graph properties; groups derive some of theirs from their kind. */
export type PropsOf<R> = (record: R) => GraphProps;

/** Canonical spelling of a property name (Graph matches names case-insensitively). */
export function canonicalProperty(type: DirectoryType, name: string): string | null {
  if (type.properties.has(name)) return name;
  const lower = name.toLowerCase();
  for (const known of type.properties) if (known.toLowerCase() === lower) return known;
  return null;
}
