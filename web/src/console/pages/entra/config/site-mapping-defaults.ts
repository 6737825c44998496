import type { SiteMapping, SiteMappingType } from '../../../../../../src/contracts/entra/index.js';
import { newId } from '../../../../lib/new-id.js';

/** A new mapping of `type` with the schema's defaults; the chooser's fields (site, customer) start empty. */
export function newSiteMapping(type: SiteMappingType, sequence: number): SiteMapping {
  const base = {
    id: newId(),
    sequence,
    description: '',
    groupName: null,
    includeExternal: 'no' as const,
    filter: { combinator: 'and' as const, criteria: [] },
    tenantIds: [],
  };
  const user = { ...base, userRoleId: null, setValues: [], setValuesGroupName: null };
  switch (type) {
    case 'existingSite':
      return { ...user, type, siteId: '' };
    case 'customerByField':
      return { ...user, type, customerId: '', siteNameField: 'officeLocation' };
    case 'siteByFieldMatch':
      return {
        ...user,
        type,
        siteField: 'name',
        userField: 'officeLocation',
        customerId: null,
        noMatch: 'skip',
        defaultSiteId: null,
      };
    case 'doNotImport':
      return { ...base, type };
    case 'agent':
      return { ...base, type, creationType: 'any', licenceType: 'noChange' };
  }
}

/** The next free sequence: ten after the highest, so mappings can be slotted in between later. */
export function nextSequence(mappings: readonly SiteMapping[]): number {
  return mappings.reduce((max, m) => Math.max(max, m.sequence), 0) + 10;
}

/** The mapping-type chooser's order: guide 001's three site types, then "do not import", then agents. */
export const SITE_MAPPING_TYPES_ORDER: SiteMappingType[] = [
  'existingSite',
  'customerByField',
  'siteByFieldMatch',
  'doNotImport',
  'agent',
];
