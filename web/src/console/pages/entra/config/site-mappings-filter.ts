import type { SiteMapping } from '../../../../../../src/contracts/entra/index.js';
import { MAPPING_TYPES } from '../labels.js';

/** Rows per page of the site mappings table: a CSP partner's generated mappings run to thousands. */
export const SITE_MAPPINGS_PAGE_SIZE = 50;

/** A mapping as the table lists it: its place in the configuration's array, and in sequence order. */
export interface SiteMappingRow {
  mapping: SiteMapping;
  index: number;
  position: number;
}

/**
 * The rows whose sequence, description, type, group, filter values or tenants (ids, or names via
 * `tenantName`) contain `search`, ignoring case; every row when it is blank.
 */
export function filterSiteMappings(
  rows: readonly SiteMappingRow[],
  search: string,
  tenantName: (tenantId: string) => string | undefined,
): SiteMappingRow[] {
  const term = search.trim().toLowerCase();
  if (!term) return [...rows];
  return rows.filter(({ mapping: m }) =>
    [
      String(m.sequence),
      m.description,
      MAPPING_TYPES[m.type].label,
      m.groupName ?? '',
      ...m.filter.criteria.map((c) => c.value),
      ...m.tenantIds.flatMap((id) => [id, tenantName(id) ?? '']),
    ].some((text) => text.toLowerCase().includes(term)),
  );
}
