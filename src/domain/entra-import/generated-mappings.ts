import type { EntraImportConfig, SiteMapping } from '../../contracts/entra/mapping-config.js';

/** A customer tenant mapped to a desk customer, with the site its users go to by default. */
export interface MappedTenant {
  tenantId: string;
  tenantName: string;
  customerName: string;
  siteId: string;
  siteName: string;
}

type ExistingSiteMapping = Extract<SiteMapping, { type: 'existingSite' }>;

/**
 * Where generated mappings start. Guide 002 suggests 50 for every mapping; sequences here are
 * unique, so generated ones take 50, 60, 70, … (the free ones), leaving room for a more specific
 * mapping to go before any of them.
 */
export const GENERATED_SEQUENCE = 50;
const SEQUENCE_STEP = 10;

/**
 * Guide 002 "Generate Mappings": one site mapping per mapped tenant importing all its users to the
 * customer's main site, for every tenant no mapping names yet (a tenant someone mapped by hand,
 * with filters or several sites, is left alone). Returns the configuration with the new mappings
 * appended, and those mappings.
 */
export function withGeneratedSiteMappings(
  config: EntraImportConfig,
  tenants: readonly MappedTenant[],
  newId: () => string,
): { config: EntraImportConfig; added: ExistingSiteMapping[] } {
  const covered = new Set(
    config.siteMappings.flatMap((m) => m.tenantIds.map((tenantId) => tenantId.toLowerCase())),
  );
  const added: ExistingSiteMapping[] = [];
  const used = new Set(config.siteMappings.map((m) => m.sequence));
  let sequence = GENERATED_SEQUENCE;
  const nextSequence = () => {
    while (used.has(sequence)) sequence += SEQUENCE_STEP;
    used.add(sequence);
    return sequence;
  };
  for (const tenant of [...tenants].sort((a, b) => a.tenantName.localeCompare(b.tenantName))) {
    const key = tenant.tenantId.toLowerCase();
    if (covered.has(key)) continue;
    covered.add(key);
    added.push({
      id: newId(),
      type: 'existingSite',
      siteId: tenant.siteId,
      sequence: nextSequence(),
      description: `Generated: every user of ${tenant.tenantName} to ${tenant.customerName}/${tenant.siteName}`,
      groupName: null,
      includeExternal: 'no',
      filter: { combinator: 'and', criteria: [] },
      tenantIds: [key],
      userRoleId: null,
      setValues: [],
      setValuesGroupName: null,
    });
  }
  return { config: { ...config, siteMappings: [...config.siteMappings, ...added] }, added };
}
