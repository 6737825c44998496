import { capabilityTable } from '../odata/filter-capabilities.js';
import { BOOLEAN, DATETIME, INT } from '../odata/property-types.js';
import { defineResourceType } from '../odata/resource.js';
import { FILTERABLE_DEVICE_PROPERTIES, MANAGED_DEVICE_PROPERTIES } from './properties.js';

/** Intune pages hold at most 1,000 devices (often quoted, unverified); a larger `$top` is capped. */
const DEVICE_PAGE_SIZE = 1000;

/** What `$filter` may do with a filterable device property: compare, ranges, `in`, null. */
const DEVICE_FILTER = 'eq range null';

/**
 * `microsoft.graph.managedDevice` for the query engine. Intune is a plain OData service: no
 * default subset (every property without `$select`), `$count=true` counts, filters join
 * comparisons with `and` only (`or`/`not` refused rather than half-understood), and sorting is
 * allowed on the filterable properties (unverified).
 */
export const MANAGED_DEVICE_TYPE = defineResourceType({
  typeName: 'managedDevice',
  dialect: 'odata',
  properties: new Set<string>(MANAGED_DEVICE_PROPERTIES),
  defaults: MANAGED_DEVICE_PROPERTIES,
  types: {
    enrolledDateTime: DATETIME,
    lastSyncDateTime: DATETIME,
    easActivationDateTime: DATETIME,
    exchangeLastSuccessfulSyncDateTime: DATETIME,
    complianceGracePeriodExpirationDateTime: DATETIME,
    easActivated: BOOLEAN,
    azureADRegistered: BOOLEAN,
    isSupervised: BOOLEAN,
    isEncrypted: BOOLEAN,
    totalStorageSpaceInBytes: INT,
    freeStorageSpaceInBytes: INT,
  },
  filters: capabilityTable(Object.fromEntries(FILTERABLE_DEVICE_PROPERTIES.map((p) => [p, DEVICE_FILTER]))),
  operators: { ne: 'default' },
  orderBy: { default: [...FILTERABLE_DEVICE_PROPERTIES], advanced: [] },
  paging: { defaultTop: DEVICE_PAGE_SIZE, maxTop: DEVICE_PAGE_SIZE, overMax: 'cap' },
});
