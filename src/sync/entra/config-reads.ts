import type { EntraImportConfig, SiteMapping } from '../../contracts/entra/index.js';
import type { DeskReach, ImportModule } from './ports.js';

/**
 * What a configuration needs from the directory: the Entra fields it maps or filters on, and the
 * groups it names. Reading only these keeps `$select` small (fewer bytes, and signInActivity's
 * 120-a-page cap only when asked for).
 */
export function fieldsRead(config: EntraImportConfig, module: ImportModule): string[] {
  const fields = new Set<string>();
  const mappings = module === 'users' ? config.userFieldMappings : config.agentFieldMappings;
  for (const mapping of mappings) fields.add(mapping.entraField);
  for (const mapping of config.siteMappings) {
    for (const criterion of mapping.filter.criteria) fields.add(criterion.entraField);
    if (mapping.type === 'customerByField') fields.add(mapping.siteNameField);
  }
  // No manager mapping for users still needs managers when a role is given to users without one.
  if (module === 'users' && config.users.roleForUsersWithNoManagerId) fields.add('manager');
  // The licence check and compliance decide by assigned licences: a delta round listening to
  // "only fields Rollcall uses" must then bring users whose licences changed.
  if (module === 'users' && usesLicences(config)) fields.add(LICENCES_FIELD);
  return [...fields].sort();
}

/** The Graph property with a user's licences. */
export const LICENCES_FIELD = 'assignedLicenses';

/** Whether the user import decides anything by assigned licences. */
export function usesLicences(config: Pick<EntraImportConfig, 'licenceCheck' | 'compliance'>): boolean {
  return config.licenceCheck.type !== 'off' || config.compliance.mode !== 'off';
}

function mappingGroups(mapping: SiteMapping): (string | null)[] {
  return 'setValuesGroupName' in mapping
    ? [mapping.groupName, mapping.setValuesGroupName]
    : [mapping.groupName];
}

/** Display names of every group the configuration filters or maps by, deduplicated ignoring case. */
export function groupsRead(config: EntraImportConfig, module: ImportModule): string[] {
  const names = config.siteMappings.flatMap(mappingGroups);
  const groups = config.groupMappings;
  if (module === 'users') names.push(...groups.userRoles.map((m) => m.groupName));
  else {
    names.push(...groups.agentRoles.map((m) => m.groupName));
    names.push(...groups.teams.map((m) => m.groupName));
    names.push(...groups.cabs.map((m) => m.groupName));
  }
  const byLower = new Map<string, string>();
  for (const name of names)
    if (name && !byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), name);
  return [...byLower.values()].sort();
}

/**
 * The desk user fields a user plan reads: the ones it writes (field mappings, values to set, last
 * sign-in), the ones it matches by, the field-match sites' user field, and the display name (for
 * records it no longer finds). The re-run loads only these.
 */
export function deskFieldsRead(config: EntraImportConfig): string[] {
  const fields = new Set<string>(['displayName', ...config.matching.fields]);
  for (const mapping of config.userFieldMappings) fields.add(mapping.deskField);
  for (const mapping of config.siteMappings) {
    if ('setValues' in mapping) for (const set of mapping.setValues) fields.add(set.deskField);
    if (mapping.type === 'siteByFieldMatch') fields.add(mapping.userField);
  }
  if (config.import.importLastSignIn) fields.add('lastSignInAt');
  if (config.licenceCheck.type === 'serviceAccount') fields.add('isServiceAccount');
  // Always: a coverage recorded while compliance was on is cleared once it is off.
  fields.add('contractCoverage');
  return [...fields].sort();
}

/** The customers and sites whose desk users an import may adopt or move users to. */
export function deskReach(config: EntraImportConfig): DeskReach {
  const customerIds = new Set<string>();
  const siteIds = new Set<string>();
  let all = false;
  for (const mapping of config.siteMappings) {
    if (mapping.type === 'existingSite') siteIds.add(mapping.siteId);
    if (mapping.type === 'customerByField') customerIds.add(mapping.customerId);
    if (mapping.type === 'siteByFieldMatch') {
      if (mapping.customerId) customerIds.add(mapping.customerId);
      else all = true;
      if (mapping.defaultSiteId) siteIds.add(mapping.defaultSiteId);
    }
  }
  return { customerIds: all ? 'all' : [...customerIds].sort(), siteIds: [...siteIds].sort() };
}
