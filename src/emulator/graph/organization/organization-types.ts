import { defineResourceType } from '../odata/resource.js';
import { DOMAIN_PROPERTIES, ORGANIZATION_PROPERTIES } from './shapes.js';

/** `microsoft.graph.organization`: only `$select` applies (organization-get.md). */
export const ORGANIZATION_TYPE = defineResourceType({
  typeName: 'organization',
  properties: new Set<string>(ORGANIZATION_PROPERTIES),
  defaults: ORGANIZATION_PROPERTIES,
});

/** `microsoft.graph.domain`: only `$select` applies (domain-list.md). */
export const DOMAIN_TYPE = defineResourceType({
  typeName: 'domain',
  properties: new Set<string>(DOMAIN_PROPERTIES),
  defaults: DOMAIN_PROPERTIES,
});
