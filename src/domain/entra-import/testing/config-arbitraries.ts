import fc from 'fast-check';
import type { EntraImportConfig, FilterCriterion, SiteMapping } from '../../../contracts/entra/index.js';
import { MATCHING_FIELDS } from '../../../contracts/entra/index.js';
import { GROUPS, ROLES, SKUS, TENANTS, value } from './estate-arbitraries.js';

/** Generators of import configurations for the planner's properties (every mapping type and option). */

const criterion: fc.Arbitrary<FilterCriterion> = fc.record({
  entraField: value(['department', 'city', 'mail', 'userType']),
  operator: value([
    'equals',
    'notEquals',
    'startsWith',
    'endsWith',
    'contains',
    'isEmpty',
    'isNotEmpty',
  ] as const),
  value: value(['sales', 'Leeds', 'x.example', 'Guest', 'z']),
});

const common = {
  description: value(['', 'London', 'Zoë']),
  groupName: fc.option(value(GROUPS), { nil: null, freq: 2 }),
  includeExternal: value(['no', 'yes', 'licensedOnly'] as const),
  filter: fc.record({
    combinator: value(['and', 'or'] as const),
    criteria: fc.oneof(
      { arbitrary: fc.constant([] as FilterCriterion[]), weight: 2 },
      { arbitrary: fc.array(criterion, { minLength: 1, maxLength: 2 }), weight: 1 },
    ),
  }),
  tenantIds: fc.oneof(
    { arbitrary: fc.constant([] as string[]), weight: 3 },
    { arbitrary: value(TENANTS).map((t): string[] => [t]), weight: 1 },
  ),
};
const userCommon = {
  ...common,
  userRoleId: fc.option(value(ROLES), { nil: null }),
  setValues: fc.constantFrom<{ deskField: string; value: string }[]>(
    [],
    [{ deskField: 'department', value: 'Set' }],
  ),
  setValuesGroupName: fc.option(value(GROUPS), { nil: null }),
};

type Unplaced<T extends SiteMapping['type']> = Omit<Extract<SiteMapping, { type: T }>, 'id' | 'sequence'>;
type AnyUnplaced = { [T in SiteMapping['type']]: Unplaced<T> }[SiteMapping['type']];
const open = {
  groupName: null,
  includeExternal: 'yes' as const,
  filter: { combinator: 'and' as const, criteria: [] },
  tenantIds: [],
};

/** `convergent`: customerByField and siteByFieldMatch reach different customers (created sites are desk history). */
function mappingKinds(convergent: boolean) {
  const existingSite: fc.Arbitrary<Unplaced<'existingSite'>> = fc.record({
    ...userCommon,
    type: fc.constant('existingSite' as const),
    siteId: value(['s-main', 's-main', 's-leeds', 's-gone']),
  });
  const customerByField: fc.Arbitrary<Unplaced<'customerByField'>> = fc.record({
    ...userCommon,
    type: fc.constant('customerByField' as const),
    customerId: convergent ? fc.constant('cust-b') : value(['cust-a', 'cust-b']),
    siteNameField: value(['city', 'department']),
  });
  const siteByFieldMatch: fc.Arbitrary<Unplaced<'siteByFieldMatch'>> = fc.record({
    ...userCommon,
    type: fc.constant('siteByFieldMatch' as const),
    siteField: value(['name', 'reference'] as const),
    userField: value(['custom.city', 'department']),
    customerId: convergent ? fc.constant('cust-a') : fc.option(value(['cust-a', 'cust-b']), { nil: null }),
    noMatch: value(['skip', 'defaultSite'] as const),
    defaultSiteId: value(['s-main', 's-york']),
  });
  const doNotImport: fc.Arbitrary<Unplaced<'doNotImport'>> = fc.record({
    ...common,
    type: fc.constant('doNotImport' as const),
  });
  const agent: fc.Arbitrary<Unplaced<'agent'>> = fc.record({
    ...common,
    type: fc.constant('agent' as const),
    creationType: value(['any', 'any', 'Member', 'Guest'] as const),
    licenceType: value(['named', 'concurrent', 'noChange'] as const),
  });
  return { existingSite, customerByField, siteByFieldMatch, doNotImport, agent };
}

/**
 * Site and agent mappings, each with a unique sequence: mostly a random mix, sometimes catch-all
 * mappings (so matching and adoption carry the run) or a customer-by-field and a field-match
 * mapping together (so created sites meet field lookups).
 */
function siteMappings(convergent: boolean): fc.Arbitrary<[number, AnyUnplaced][]> {
  const kinds = mappingKinds(convergent);
  const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
  const any = fc.oneof(
    weighted(3, kinds.existingSite),
    weighted(2, kinds.customerByField),
    weighted(2, kinds.siteByFieldMatch),
    weighted(1, kinds.doNotImport),
    weighted(3, kinds.agent),
  );
  const mixed = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 50 }), any), {
    minLength: 1,
    maxLength: 5,
    selector: ([seq]) => seq,
  });
  const catchAll = fc.tuple(kinds.existingSite, kinds.agent).map(([site, agent]): [number, AnyUnplaced][] => [
    [10, { ...site, ...open, siteId: 's-main' }],
    [20, { ...agent, ...open, creationType: 'any' }],
  ]);
  const sitePair = fc
    .tuple(kinds.customerByField, kinds.siteByFieldMatch)
    .map(([byField, match]): [number, AnyUnplaced][] => [
      [1, byField],
      [2, { ...match, ...open, siteField: 'name' }],
    ]);
  return fc.oneof(weighted(4, mixed), weighted(1, catchAll), weighted(1, sitePair));
}

const overwrite = fc.boolean();
const groupMapping = <K extends string>(key: K, ids: readonly string[]) =>
  fc.array(
    fc.record({ groupName: value(GROUPS), [key]: value(ids) } as Record<
      'groupName' | K,
      fc.Arbitrary<string>
    >),
    { maxLength: 3 },
  );

/** A parsed import configuration; `convergent` keeps to configurations whose desk state is history-free enough to compare. */
export function importConfig(convergent = false): fc.Arbitrary<EntraImportConfig> {
  return fc
    .record({
      overwrites: fc.array(overwrite, { minLength: 6, maxLength: 6 }),
      mappings: siteMappings(convergent),
      agentRoles: groupMapping('roleId', ROLES),
      userRoles: groupMapping('roleId', ROLES),
      teams: groupMapping('teamId', ['t1', 't2']),
      cabs: fc.array(
        fc.record({
          groupName: value(GROUPS),
          cabId: value(['c1', 'c2']),
          cabRoleId: fc.option(value(['chair', 'member']), { nil: null }),
        }),
        { maxLength: 2 },
      ),
      fullRoleManagement: fc.boolean(),
      removeFromTeamWhenNotFound: fc.boolean(),
      licence: fc.record({
        enabled: fc.boolean(),
        namedLicenceRoleIds: fc.subarray(ROLES),
        inactiveRoleIds: fc.subarray(ROLES),
      }),
      noManagerRole: fc.option(value(ROLES), { nil: null }),
      matching: fc.oneof(
        fc.constantFrom<(typeof MATCHING_FIELDS)[number][]>(
          ['email'],
          ['email', 'userPrincipalName'],
          ['userPrincipalName', 'email'],
        ),
        fc.shuffledSubarray([...MATCHING_FIELDS]),
      ),
      deactivateNotFound: convergent ? fc.constant(true) : fc.boolean(),
      // Off, a record's status is desk history (nothing reactivates it): not for convergence runs.
      statusFromAccountEnabled: convergent ? fc.constant(true) : fc.boolean(),
      licenceCheck: fc.record({
        type: value(['off', 'off', 'include', 'exclude', 'serviceAccount'] as const),
        skuIds: fc.subarray(SKUS, { minLength: 1 }),
      }),
      compliance: fc.record({
        mode: value(['off', 'flag', 'refuse'] as const),
        skuIds: fc.subarray(SKUS, { minLength: 1 }),
      }),
    })
    .map((g) => {
      const [o0, o1, o2, o3, o4, o5] = g.overwrites as [boolean, boolean, boolean, boolean, boolean, boolean];
      const fullRoleManagement = g.fullRoleManagement;
      return {
        userFieldMappings: [
          { entraField: 'displayName', deskField: 'displayName', overwriteWithBlank: o0 },
          { entraField: 'mail', deskField: 'email', overwriteWithBlank: o1 },
          { entraField: 'userPrincipalName', deskField: 'userPrincipalName', overwriteWithBlank: o2 },
          { entraField: 'department', deskField: 'department', overwriteWithBlank: o3 },
          { entraField: 'city', deskField: 'custom.city', overwriteWithBlank: o4 },
          { entraField: 'employeeId', deskField: 'employeeId', overwriteWithBlank: o5 },
          { entraField: 'manager', deskField: 'manager', overwriteWithBlank: true },
        ],
        agentFieldMappings: [
          { entraField: 'displayName', deskField: 'displayName', overwriteWithBlank: o0 },
          { entraField: 'mail', deskField: 'email', overwriteWithBlank: o1 },
          { entraField: 'manager', deskField: 'linemanager', overwriteWithBlank: o2 },
          { entraField: 'department', deskField: 'team', overwriteWithBlank: o3 },
        ],
        siteMappings: g.mappings.map(([sequence, m], i) => ({ ...m, id: `m${i}`, sequence }) as SiteMapping),
        groupMappings: { agentRoles: g.agentRoles, userRoles: g.userRoles, teams: g.teams, cabs: g.cabs },
        agents: {
          fullRoleManagement,
          removeFromTeamWhenNotFound: g.removeFromTeamWhenNotFound,
          // With roles only ever added, a role that deactivates is desk history; keep it out of convergence runs.
          licenceManagement:
            convergent && !fullRoleManagement ? { ...g.licence, inactiveRoleIds: [] } : g.licence,
          reassignTicketsOnDeactivate: false,
        },
        users: { roleForUsersWithNoManagerId: g.noManagerRole },
        matching: { fields: g.matching },
        import: {
          deactivateNotFound: g.deactivateNotFound,
          massDeactivationGuardPercent: 20,
          importLastSignIn: false,
          statusFromAccountEnabled: g.statusFromAccountEnabled,
        },
        licenceCheck: g.licenceCheck,
        compliance: g.compliance,
      } as EntraImportConfig;
    });
}
