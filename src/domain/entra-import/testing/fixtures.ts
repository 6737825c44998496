import type {
  DirectoryUser,
  EntraImportConfig,
  PlanDeskAgent,
  PlanDeskUser,
  PlanSite,
  SiteMapping,
} from '../../../contracts/entra/index.js';
import type { CreateId } from '../apply-plan.js';

/** Builders for planner tests: readable ids, every option at its schema default. */

export const TENANT = 'tenant-a';
export const OTHER_TENANT = 'tenant-b';

type Of<T extends SiteMapping['type']> = Extract<SiteMapping, { type: T }>;
type Base = 'description' | 'groupName' | 'includeExternal' | 'filter' | 'tenantIds';
type UserExtras = 'userRoleId' | 'setValues' | 'setValuesGroupName';

const base = {
  description: '',
  groupName: null,
  includeExternal: 'no' as const,
  filter: { combinator: 'and' as const, criteria: [] },
  tenantIds: [],
};
const userBase = { ...base, userRoleId: null, setValues: [], setValuesGroupName: null };

/** Site mappings with defaults; pass what the test is about. */
export const mapping = {
  existingSite: (p: Omit<Of<'existingSite'>, Base | UserExtras | 'type'> & Partial<Of<'existingSite'>>) =>
    ({ ...userBase, type: 'existingSite', ...p }) as Of<'existingSite'>,
  customerByField: (
    p: Omit<Of<'customerByField'>, Base | UserExtras | 'type'> & Partial<Of<'customerByField'>>,
  ) => ({ ...userBase, type: 'customerByField', ...p }) as Of<'customerByField'>,
  siteByFieldMatch: (
    p: Pick<Of<'siteByFieldMatch'>, 'id' | 'sequence' | 'siteField' | 'userField'> &
      Partial<Of<'siteByFieldMatch'>>,
  ) =>
    ({
      ...userBase,
      type: 'siteByFieldMatch',
      customerId: null,
      noMatch: 'skip',
      defaultSiteId: null,
      ...p,
    }) as Of<'siteByFieldMatch'>,
  doNotImport: (p: Pick<Of<'doNotImport'>, 'id' | 'sequence'> & Partial<Of<'doNotImport'>>) =>
    ({ ...base, type: 'doNotImport', ...p }) as Of<'doNotImport'>,
  agent: (p: Pick<Of<'agent'>, 'id' | 'sequence'> & Partial<Of<'agent'>>) =>
    ({ ...base, type: 'agent', creationType: 'any', licenceType: 'noChange', ...p }) as Of<'agent'>,
};

/** The default field mappings of a new connection, plus `overrides`. */
export function config(overrides: Partial<EntraImportConfig> = {}): EntraImportConfig {
  return {
    userFieldMappings: [
      { entraField: 'displayName', deskField: 'displayName', overwriteWithBlank: false },
      { entraField: 'mail', deskField: 'email', overwriteWithBlank: false },
      { entraField: 'userPrincipalName', deskField: 'userPrincipalName', overwriteWithBlank: false },
      { entraField: 'department', deskField: 'department', overwriteWithBlank: false },
    ],
    agentFieldMappings: [
      { entraField: 'displayName', deskField: 'displayName', overwriteWithBlank: false },
      { entraField: 'mail', deskField: 'email', overwriteWithBlank: false },
    ],
    siteMappings: [],
    groupMappings: { agentRoles: [], userRoles: [], teams: [], cabs: [] },
    agents: {
      fullRoleManagement: false,
      removeFromTeamWhenNotFound: false,
      licenceManagement: { enabled: false, namedLicenceRoleIds: [], inactiveRoleIds: [] },
      reassignTicketsOnDeactivate: false,
    },
    users: { roleForUsersWithNoManagerId: null },
    matching: { fields: ['email'] },
    import: {
      deactivateNotFound: true,
      massDeactivationGuardPercent: 20,
      importLastSignIn: false,
      statusFromAccountEnabled: true,
    },
    delta: { enabled: false, method: 'allChanges' },
    licenceCheck: { type: 'off', skuIds: [] },
    compliance: { mode: 'off', skuIds: [] },
    ...overrides,
  };
}

/** An enabled member of TENANT with a mail address derived from the id. */
export function dirUser(id: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    tenantId: TENANT,
    id,
    displayName: `User ${id}`,
    userPrincipalName: `${id}@contoso.example`,
    accountEnabled: true,
    userType: 'Member',
    licensed: true,
    managerId: null,
    groups: [],
    fields: { mail: `${id}@contoso.example`, department: null },
    lastSignInAt: null,
    ...overrides,
  };
}

export function site(
  id: string,
  customerId: string,
  name: string,
  reference: string | null = null,
): PlanSite {
  return { id, customerId, name, reference, isDefault: false };
}

/** An active desk user on `siteId` of customer `cust`, unlinked unless `overrides` link it. */
export function deskUser(id: string, overrides: Partial<PlanDeskUser> = {}): PlanDeskUser {
  return {
    id,
    customerId: 'cust',
    siteId: 's-main',
    tenantId: null,
    entraObjectId: null,
    inactive: false,
    values: {},
    roleIds: [],
    ...overrides,
  };
}

/** A desk user or agent linked to `entraId` of TENANT. */
export function linkedTo(entraId: string, tenantId = TENANT) {
  return { tenantId, entraObjectId: entraId };
}

export function deskAgent(id: string, overrides: Partial<PlanDeskAgent> = {}): PlanDeskAgent {
  return {
    id,
    tenantId: null,
    entraObjectId: null,
    inactive: false,
    licenceType: 'concurrent',
    values: {},
    roleIds: [],
    teams: [],
    cabs: [],
    ...overrides,
  };
}

/** Ids `user-1`, `site-1`, … in creation order. */
export function counterIds(): CreateId {
  let next = 0;
  return (kind) => `${kind}-new-${++next}`;
}
