import fc from 'fast-check';
import type { DirectoryUser, PlanDeskAgent, PlanDeskUser, PlanSite } from '../../../contracts/entra/index.js';

/**
 * Generators of directories and desks for the planner's properties. Pools are tiny on purpose:
 * shared emails, names that differ only in case or accents, users in several groups, so
 * collisions happen in most runs.
 */
export const TENANTS = ['tenant-a', 'tenant-b'] as const;
const IDS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
export const GROUPS = ['Loc-London', 'Loc-Leeds', 'Staff', 'Admins'];
const MAILS = [
  'ann@x.example',
  'ANN@x.example',
  'bob@x.example',
  'zoë@x.example',
  'zoe\u0308@x.example',
  null,
];
const DEPARTMENTS = ['Sales', 'sales ', 'IT', 'Leeds', '', null];
const CITIES = ['Leeds', 'York', 'york', 'Zürich', 'Zu\u0308rich', '  ', null];
export const ROLES = ['r1', 'r2', 'r3'];
/** Microsoft SKU ids (lower-case, as the reader gives them). */
export const SKUS = ['c7df2760-2c81-4ef7-b578-5b5392b571df', '05e9a617-0261-4cee-bb44-138d3ef5d965'];
/** One value of a pool. */
export const value = <T>(pool: readonly T[]) => fc.constantFrom(...pool);

export const SITES: PlanSite[] = [
  { id: 's-main', customerId: 'cust-a', name: 'Main', reference: 'HQ', isDefault: true },
  { id: 's-leeds', customerId: 'cust-a', name: 'Leeds', reference: 'LDS', isDefault: false },
  { id: 's-york', customerId: 'cust-b', name: 'York', reference: 'leeds', isDefault: false },
  { id: 's-leeds-b', customerId: 'cust-b', name: 'leeds', reference: null, isDefault: false },
];
export const TEAMS = [
  { id: 't1', name: 'Sales' },
  { id: 't2', name: 'IT' },
  { id: 't3', name: 'it' },
];

export const directoryUser: fc.Arbitrary<DirectoryUser> = fc.record({
  tenantId: value(TENANTS),
  id: value(IDS),
  displayName: value(['Ann', 'ann', 'Zoë Ångström', 'Bob']),
  userPrincipalName: value(['ann@corp.example', 'bob@corp.example', null]),
  accountEnabled: fc.constantFrom(true, true, true, true, true, false),
  userType: fc.constantFrom('Member' as const, 'Member' as const, 'Guest' as const),
  licensed: fc.boolean(),
  managerId: fc.option(value(IDS), { nil: null }),
  groups: fc.subarray(GROUPS).map((gs) => gs.map((g, i) => (i % 2 ? g.toUpperCase() : g))),
  fields: fc.record({
    mail: value(MAILS),
    department: value(DEPARTMENTS),
    city: value(CITIES),
    employeeId: value(['e1', 'e2', null]),
  }),
  lastSignInAt: fc.constant(null),
  licences: fc.option(
    fc.subarray(SKUS).map((ids) => ids.map((skuId) => ({ skuId, disabledPlans: [], viaGroup: false }))),
    { nil: undefined, freq: 5 },
  ),
});

/** Each (tenant, id) once, as the sync layer hands them over. */
export const directory = fc.uniqueArray(directoryUser, {
  maxLength: 8,
  selector: (u) => `${u.tenantId}/${u.id}`,
});

const link = fc.option(fc.record({ tenantId: value(TENANTS), entraObjectId: value(IDS) }), {
  nil: null,
  freq: 2,
});
const deskValues = fc.record({
  email: value(MAILS),
  userPrincipalName: value(['ann@corp.example', 'bob@corp.example', null]),
  department: value(DEPARTMENTS),
  employeeId: value(['e1', null]),
});

export const deskUsers = fc
  .array(
    fc.record({
      link,
      inactive: fc.boolean(),
      values: deskValues,
      roleIds: fc.subarray(ROLES),
      siteId: value(SITES.map((s) => s.id)),
    }),
    { maxLength: 6 },
  )
  .map((rows) =>
    rows.map((r, i): PlanDeskUser => {
      const siteRecord = SITES.find((s) => s.id === r.siteId)!;
      return {
        id: `d${i}`,
        customerId: siteRecord.customerId,
        siteId: r.siteId,
        tenantId: r.link?.tenantId ?? null,
        entraObjectId: r.link?.entraObjectId ?? null,
        inactive: r.inactive,
        values: r.values,
        roleIds: r.roleIds,
      };
    }),
  );

export const deskAgents = fc
  .array(
    fc.record({
      link,
      inactive: fc.boolean(),
      values: fc.record({ email: value(MAILS), team: value(['Sales', 'IT', null]) }),
      roleIds: fc.subarray(ROLES),
      licenceType: value(['named', 'concurrent'] as const),
      teams: fc.uniqueArray(fc.record({ teamId: value(['t1', 't2', 't3']), fromMapping: fc.boolean() }), {
        maxLength: 2,
        selector: (t) => t.teamId,
      }),
      cabs: fc.uniqueArray(
        fc.record({
          cabId: value(['c1', 'c2']),
          cabRoleId: fc.option(value(['chair', 'member']), { nil: null }),
        }),
        { maxLength: 2, selector: (c) => c.cabId },
      ),
    }),
    { maxLength: 6 },
  )
  .map((rows) =>
    rows.map(({ link: l, ...r }, i): PlanDeskAgent => ({
      id: `a${i}`,
      tenantId: l?.tenantId ?? null,
      entraObjectId: l?.entraObjectId ?? null,
      ...r,
    })),
  );
