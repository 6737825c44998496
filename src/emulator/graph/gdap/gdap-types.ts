import { capabilityTable } from '../odata/filter-capabilities.js';
import { complex, DATETIME, STRING } from '../odata/property-types.js';
import { defineResourceType, type PageLimits } from '../odata/resource.js';
import { CUSTOMER_PROPERTIES, RELATIONSHIP_PROPERTIES } from './shapes.js';

/** `$top` may not exceed 300 (tenantrelationship-list-*.md); the default page size is unverified. */
const GDAP_PAGING: PageLimits = { defaultTop: 100, maxTop: 300, overMax: 'maxTop' };

/** What `$filter` may do with a filterable GDAP property: compare, ranges, `in`, null. */
const GDAP_FILTER = 'eq range null';

const filterable = (properties: readonly string[]) =>
  capabilityTable(Object.fromEntries(properties.map((p) => [p, GDAP_FILTER])));

const RELATIONSHIP_FILTERABLE = [
  'status',
  'displayName',
  'customer/tenantId',
  'customer/displayName',
  'endDateTime',
  'createdDateTime',
  'autoExtendDuration',
];

/**
 * `microsoft.graph.delegatedAdminRelationship` for the query engine (an ASP.NET OData service):
 * filters join comparisons with `and` only, as the emulator has always served them (Microsoft's
 * exact operator set is unverified); `status` and `endDateTime` are the effective ones.
 */
export const RELATIONSHIP_TYPE = defineResourceType({
  typeName: 'delegatedAdminRelationship',
  dialect: 'odata',
  properties: new Set<string>(RELATIONSHIP_PROPERTIES),
  defaults: RELATIONSHIP_PROPERTIES,
  types: {
    customer: complex({ tenantId: STRING, displayName: STRING }),
    createdDateTime: DATETIME,
    lastModifiedDateTime: DATETIME,
    activatedDateTime: DATETIME,
    endDateTime: DATETIME,
  },
  filters: filterable(RELATIONSHIP_FILTERABLE),
  operators: { ne: 'default' },
  orderBy: { default: RELATIONSHIP_FILTERABLE.filter((p) => !p.includes('/')), advanced: [] },
  paging: GDAP_PAGING,
});

/** `microsoft.graph.delegatedAdminCustomer`: every property filterable and sortable. */
export const CUSTOMER_TYPE = defineResourceType({
  typeName: 'delegatedAdminCustomer',
  dialect: 'odata',
  properties: new Set<string>(CUSTOMER_PROPERTIES),
  defaults: CUSTOMER_PROPERTIES,
  filters: filterable(CUSTOMER_PROPERTIES),
  operators: { ne: 'default' },
  orderBy: { default: [...CUSTOMER_PROPERTIES], advanced: [] },
  paging: GDAP_PAGING,
});
