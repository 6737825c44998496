import type { ConfigProblem } from '../../../contracts/api/entra-import.js';
import { CUSTOM_FIELD_PREFIX, type EntraImportConfig } from '../../../contracts/entra/index.js';
import {
  createCustomFieldRepository,
  createImportLookupRepository,
  type Database,
} from '../../../store/index.js';
import { closest } from '../../config/suggest.js';

/** One reference of a configuration to a desk record: where it is, what it must be, and its id. */
interface Reference {
  field: string;
  kind: 'site' | 'customer' | 'userRole' | 'agentRole' | 'team' | 'cab' | 'cabRole';
  id: string;
}

const KIND_WORDS: Record<Reference['kind'], string> = {
  site: 'site',
  customer: 'customer',
  userRole: 'user (portal) role',
  agentRole: 'agent role',
  team: 'team',
  cab: 'CAB',
  cabRole: 'CAB role',
};

function references(config: EntraImportConfig): Reference[] {
  const out: Reference[] = [];
  const add = (field: string, kind: Reference['kind'], id: string | null | undefined) => {
    if (id) out.push({ field, kind, id });
  };
  config.siteMappings.forEach((m, i) => {
    const at = `siteMappings.${i}`;
    if (m.type === 'existingSite') add(`${at}.siteId`, 'site', m.siteId);
    if (m.type === 'customerByField') add(`${at}.customerId`, 'customer', m.customerId);
    if (m.type === 'siteByFieldMatch') {
      add(`${at}.customerId`, 'customer', m.customerId);
      add(`${at}.defaultSiteId`, 'site', m.defaultSiteId);
    }
    if ('userRoleId' in m) add(`${at}.userRoleId`, 'userRole', m.userRoleId);
  });
  const groups = config.groupMappings;
  groups.agentRoles.forEach((m, i) => add(`groupMappings.agentRoles.${i}.roleId`, 'agentRole', m.roleId));
  groups.userRoles.forEach((m, i) => add(`groupMappings.userRoles.${i}.roleId`, 'userRole', m.roleId));
  groups.teams.forEach((m, i) => add(`groupMappings.teams.${i}.teamId`, 'team', m.teamId));
  groups.cabs.forEach((m, i) => {
    add(`groupMappings.cabs.${i}.cabId`, 'cab', m.cabId);
    add(`groupMappings.cabs.${i}.cabRoleId`, 'cabRole', m.cabRoleId);
  });
  const licences = config.agents.licenceManagement;
  licences.namedLicenceRoleIds.forEach((id, i) =>
    add(`agents.licenceManagement.namedLicenceRoleIds.${i}`, 'agentRole', id),
  );
  licences.inactiveRoleIds.forEach((id, i) =>
    add(`agents.licenceManagement.inactiveRoleIds.${i}`, 'agentRole', id),
  );
  add('users.roleForUsersWithNoManagerId', 'userRole', config.users.roleForUsersWithNoManagerId);
  return out;
}

async function knownIds(
  db: Database,
  config: EntraImportConfig,
): Promise<Record<Reference['kind'], Set<string>>> {
  const lookup = createImportLookupRepository(db);
  const refs = references(config);
  const idsOf = (kind: Reference['kind']) => [
    ...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id)),
  ];
  const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const [sites, customers, userRoles, agentRoles, teams, cabs, cabRoles] = await Promise.all([
    lookup.sitesByIds(idsOf('site')),
    lookup.customersByIds(idsOf('customer')),
    lookup.roles('portal'),
    lookup.roles('agent'),
    lookup.teams(),
    lookup.cabs(),
    lookup.cabRoles(),
  ]);
  return {
    site: ids(sites),
    customer: ids(customers),
    userRole: ids(userRoles),
    agentRole: ids(agentRoles),
    team: ids(teams),
    cab: ids(cabs),
    cabRole: ids(cabRoles),
  };
}

function customFieldTargets(config: EntraImportConfig): { field: string; name: string }[] {
  const targets: { field: string; value: string }[] = [
    ...config.userFieldMappings.map((m, i) => ({
      field: `userFieldMappings.${i}.deskField`,
      value: m.deskField,
    })),
  ];
  config.siteMappings.forEach((m, i) => {
    if ('setValues' in m)
      m.setValues.forEach((v, j) =>
        targets.push({ field: `siteMappings.${i}.setValues.${j}.deskField`, value: v.deskField }),
      );
    if (m.type === 'siteByFieldMatch')
      targets.push({ field: `siteMappings.${i}.userField`, value: m.userField });
  });
  return targets
    .filter((t) => t.value.startsWith(CUSTOM_FIELD_PREFIX))
    .map((t) => ({ field: t.field, name: t.value.slice(CUSTOM_FIELD_PREFIX.length) }));
}

/**
 * Values to set the desk could not hold as typed: the manager is a link to the desk user of the
 * Entra manager (a typed value would clear it), and flags are exactly true or false.
 */
function setValueProblems(config: EntraImportConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const error = (field: string, message: string) =>
    problems.push({ severity: 'error', field, message, suggestions: [] });
  config.siteMappings.forEach((m, i) => {
    if (!('setValues' in m)) return;
    m.setValues.forEach((v, j) => {
      const at = `siteMappings.${i}.setValues.${j}`;
      if (v.deskField === 'manager')
        error(
          `${at}.deskField`,
          'the manager cannot be set to a value; map the Entra field manager to manager',
        );
      if (v.deskField === 'isServiceAccount' && v.value !== 'true' && v.value !== 'false')
        error(`${at}.value`, `isServiceAccount is set to true or false, not "${v.value}"`);
    });
  });
  return problems;
}

/** One use of a group name by the configuration: where it is, the name, and the tenants it applies to. */
export interface GroupUse {
  field: string;
  name: string;
  /** A site mapping's tenant filter (a CSP connection's tenants); empty: every tenant the connection reads. */
  tenantIds: readonly string[];
}

/** Group names the configuration uses, with the path of each use. */
export function groupUses(config: EntraImportConfig): GroupUse[] {
  const uses: GroupUse[] = [];
  config.siteMappings.forEach((m, i) => {
    const tenantIds = m.tenantIds;
    if (m.groupName) uses.push({ field: `siteMappings.${i}.groupName`, name: m.groupName, tenantIds });
    if ('setValuesGroupName' in m && m.setValuesGroupName)
      uses.push({ field: `siteMappings.${i}.setValuesGroupName`, name: m.setValuesGroupName, tenantIds });
  });
  for (const list of ['agentRoles', 'userRoles', 'teams', 'cabs'] as const) {
    config.groupMappings[list].forEach((m, i) =>
      uses.push({ field: `groupMappings.${list}.${i}.groupName`, name: m.groupName, tenantIds: [] }),
    );
  }
  return uses;
}

/** What the tenant says about group names: the names it has, or why they could not be read. */
export type TenantGroups = { names: string[] } | { unavailable: string };

/**
 * Problems of a configuration the desk alone can tell: references to desk records that do not
 * exist or are of the wrong kind, values to set the desk cannot hold, and custom fields that do
 * not exist (all errors: the save is refused).
 */
export async function deskProblems(db: Database, config: EntraImportConfig): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  const known = await knownIds(db, config);
  for (const ref of references(config)) {
    if (!known[ref.kind].has(ref.id)) {
      problems.push({
        severity: 'error',
        field: ref.field,
        message: `no ${KIND_WORDS[ref.kind]} has id ${ref.id}; choose an existing ${KIND_WORDS[ref.kind]}`,
        suggestions: [],
      });
    }
  }
  problems.push(...setValueProblems(config));
  const fields = await createCustomFieldRepository(db).list();
  const fieldNames = fields.map((f) => f.name);
  for (const target of customFieldTargets(config)) {
    if (fieldNames.includes(target.name)) continue;
    // Values are stored under the name as written: another spelling would be a second, unread key.
    const spelt = fieldNames.find((n) => n.toLowerCase() === target.name.toLowerCase());
    if (spelt !== undefined) {
      problems.push({
        severity: 'error',
        field: target.field,
        message: `custom field names are spelt exactly as created, and this one is "${spelt}"`,
        suggestions: [`${CUSTOM_FIELD_PREFIX}${spelt}`],
      });
    } else {
      const near = closest(target.name, fieldNames);
      problems.push({
        severity: 'error',
        field: target.field,
        message: `there is no user custom field "${target.name}"; create it first (custom fields are not created from a mapping)`,
        suggestions: near ? [`${CUSTOM_FIELD_PREFIX}${near}`] : [],
      });
    }
  }
  return problems;
}

/** Group names one tenant does not have (warnings with the closest name as a suggestion). */
export function tenantGroupProblems(uses: readonly GroupUse[], tenantGroups: TenantGroups): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if ('unavailable' in tenantGroups) {
    if (uses.length)
      problems.push({
        severity: 'warning',
        field: 'groupMappings',
        message: `group names could not be checked against the tenant: ${tenantGroups.unavailable}`,
        suggestions: [],
      });
    return problems;
  }
  const have = new Set(tenantGroups.names.map((n) => n.toLowerCase()));
  for (const use of uses) {
    if (have.has(use.name.toLowerCase())) continue;
    const near = closest(use.name, tenantGroups.names);
    problems.push({
      severity: 'warning',
      field: use.field,
      message: `the tenant has no group named "${use.name}"; nobody will match until one exists`,
      suggestions: near ? [near] : [],
    });
  }
  return problems;
}

/**
 * Problems of a one-tenant (Entra) configuration beyond its shape: {@link deskProblems}, and group
 * names the tenant does not have (warnings).
 */
export async function configProblems(
  db: Database,
  config: EntraImportConfig,
  tenantGroups: TenantGroups,
): Promise<ConfigProblem[]> {
  return [...(await deskProblems(db, config)), ...tenantGroupProblems(groupUses(config), tenantGroups)];
}
