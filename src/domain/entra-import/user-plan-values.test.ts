import { describe, expect, it } from 'vitest';
import type {
  DirectoryUser,
  EntraImportConfig,
  PlanDeskUser,
  SiteMapping,
} from '../../contracts/entra/index.js';
import { planUserImport } from './user-plan.js';
import { TENANT, config, deskUser, dirUser, linkedTo, mapping, site } from './testing/fixtures.js';

const everyone = mapping.existingSite({ id: 'm', sequence: 1, siteId: 's-main', userRoleId: 'r-site' });
function plan(
  directory: DirectoryUser[],
  users: PlanDeskUser[],
  overrides: Partial<EntraImportConfig> = {},
  siteMappings: SiteMapping[] = [everyone],
) {
  return planUserImport({
    config: config({ siteMappings, ...overrides }),
    directory,
    desk: { users, sites: [site('s-main', 'cust', 'Main')] },
    tenantIds: [TENANT],
    mode: 'full',
  });
}
const linked = (values: Record<string, string | null>, extra: Partial<PlanDeskUser> = {}) =>
  deskUser('d1', { ...linkedTo('a'), values, roleIds: ['r-site'], ...extra });
const current = {
  displayName: 'User a',
  email: 'a@contoso.example',
  userPrincipalName: 'a@contoso.example',
  department: 'Sales',
};

describe('desk values from field mappings', () => {
  it('nothing changed: unchanged, with the roles and site it keeps', () => {
    const [planned] = plan(
      [dirUser('a', { fields: { mail: 'a@contoso.example', department: 'Sales' } })],
      [linked(current)],
    ).users;
    expect(planned).toMatchObject({
      outcome: 'unchanged',
      reasonCode: 'matched.linked',
      deskId: 'd1',
      changes: [],
      roleIds: ['r-site'],
      site: { siteId: 's-main' },
    });
  });

  it('a blank Entra value keeps the desk value unless the mapping overwrites with blanks', () => {
    const blank = dirUser('a', { fields: { mail: 'a@contoso.example', department: '' } });
    expect(plan([blank], [linked(current)]).users[0]!.outcome).toBe('unchanged');
    const overwrite = config().userFieldMappings.map((m) =>
      m.deskField === 'department' ? { ...m, overwriteWithBlank: true } : m,
    );
    expect(plan([blank], [linked(current)], { userFieldMappings: overwrite }).users[0]!.changes).toEqual([
      { field: 'department', before: 'Sales', after: null },
    ]);
  });

  it('changes are field level, before and after; case differences are changes', () => {
    const user = dirUser('a', {
      displayName: 'USER A',
      fields: { mail: 'a@contoso.example', department: 'Support' },
    });
    expect(plan([user], [linked(current)]).users[0]!.changes).toEqual([
      { field: 'displayName', before: 'User a', after: 'USER A' },
      { field: 'department', before: 'Sales', after: 'Support' },
    ]);
  });

  it("manager holds the manager's Entra id; chains and loops are just ids; creationType from userType", () => {
    const mappings = [
      { entraField: 'manager', deskField: 'manager', overwriteWithBlank: true },
      { entraField: 'userType', deskField: 'creationType', overwriteWithBlank: false },
      { entraField: 'extensionAttribute3', deskField: 'custom.costCentre', overwriteWithBlank: false },
    ];
    const directory = [
      dirUser('a', { managerId: 'b', fields: { extensionAttribute3: 'CC-1' } }),
      dirUser('b', { managerId: 'a', userType: 'Member' }),
      dirUser('c', { managerId: 'c' }),
    ];
    expect(plan(directory, [], { userFieldMappings: mappings }).users.map((u) => u.values)).toEqual([
      { manager: 'b', creationType: 'Member', 'custom.costCentre': 'CC-1' },
      { manager: 'a', creationType: 'Member', 'custom.costCentre': null },
      { manager: 'c', creationType: 'Member', 'custom.costCentre': null },
    ]);
  });

  it('site mapping values are set after field mappings, for everyone or only members of a group', () => {
    const setter = {
      ...everyone,
      setValues: [
        { deskField: 'department', value: 'Field staff' },
        { deskField: 'custom.vip', value: 'yes' },
      ],
    };
    const [all] = plan([dirUser('a', { fields: { department: 'Sales' } })], [], {}, [setter]).users;
    expect(all!.values).toMatchObject({ department: 'Field staff', 'custom.vip': 'yes' });
    const grouped = { ...setter, setValuesGroupName: 'VIPs' };
    const result = plan(
      [dirUser('a', { groups: ['vips'] }), dirUser('b', { fields: { department: 'Sales' } })],
      [],
      {},
      [grouped],
    );
    expect(result.users.map((u) => [u.values?.['department'], u.values?.['custom.vip']])).toEqual([
      ['Field staff', 'yes'],
      ['Sales', undefined],
    ]);
  });

  it('with "import last sign-in", keeps the last sign-in in the desk\'s form; none reported keeps the desk\'s', () => {
    const withSignIn = { import: { ...config().import, importLastSignIn: true } };
    const signedIn = dirUser('a', {
      fields: { mail: 'a@contoso.example', department: 'Sales' },
      lastSignInAt: '2026-11-30T09:15:00Z',
    });
    const [created] = plan([signedIn], [], withSignIn).users;
    expect(created?.values).toMatchObject({ lastSignInAt: '2026-11-30T09:15:00.000Z' });
    const stored = { ...current, lastSignInAt: '2026-11-30T09:15:00.000Z' };
    expect(plan([signedIn], [linked(stored)], withSignIn).users[0]?.outcome).toBe('unchanged');
    const later = { ...signedIn, lastSignInAt: '2026-12-01T08:00:00Z' };
    expect(plan([later], [linked(stored)], withSignIn).users[0]?.changes).toEqual([
      { field: 'lastSignInAt', before: '2026-11-30T09:15:00.000Z', after: '2026-12-01T08:00:00.000Z' },
    ]);
    const noneReported = { ...signedIn, lastSignInAt: null };
    expect(plan([noneReported], [linked(stored)], withSignIn).users[0]?.outcome).toBe('unchanged');
    // Off: the desk's value is neither compared nor written.
    expect(plan([later], [linked(stored)]).users[0]?.outcome).toBe('unchanged');
  });

  it('keeps accented names intact', () => {
    const [planned] = plan([dirUser('a', { displayName: 'Zoë Ångström-Núñez' })], []).users;
    expect(planned!.values!['displayName']).toBe('Zoë Ångström-Núñez');
    expect(planned!.displayName).toBe('Zoë Ångström-Núñez');
  });
});

describe('user roles', () => {
  const groupRoles = {
    agentRoles: [],
    userRoles: [{ groupName: 'Approvers', roleId: 'r-approve' }],
    teams: [],
    cabs: [],
  };

  it("keeps existing roles and adds the site mapping's, the group mappings' and the no-manager role", () => {
    const overrides = { groupMappings: groupRoles, users: { roleForUsersWithNoManagerId: 'r-senior' } };
    const [planned] = plan(
      [dirUser('a', { groups: ['APPROVERS'], fields: current })],
      [linked(current, { roleIds: ['r-manual'] })],
      overrides,
    ).users;
    expect(planned!.roleIds).toEqual(['r-approve', 'r-manual', 'r-senior', 'r-site']);
    expect(planned!.changes).toEqual([
      { field: 'roleIds', before: 'r-manual', after: 'r-approve,r-manual,r-senior,r-site' },
    ]);
    const managed = dirUser('b', { managerId: 'a' });
    expect(plan([managed], [], overrides).users[0]!.roleIds).toEqual(['r-site']);
  });

  it('a role change alone makes an update', () => {
    const [planned] = plan([dirUser('a', { fields: current })], [linked(current, { roleIds: [] })]).users;
    expect(planned).toMatchObject({
      outcome: 'update',
      changes: [{ field: 'roleIds', before: '', after: 'r-site' }],
    });
  });
});

describe('managers', () => {
  const withManager = (): Partial<EntraImportConfig> => ({
    userFieldMappings: [
      ...config().userFieldMappings,
      { entraField: 'manager', deskField: 'manager', overwriteWithBlank: false },
    ],
  });
  const onlyMembers = mapping.existingSite({ id: 'm', sequence: 1, siteId: 's-main', groupName: 'Staff' });

  it('links a manager who is imported in the same run', () => {
    const boss = dirUser('boss', { groups: ['Staff'] });
    const report = dirUser('report', { managerId: 'boss', groups: ['Staff'] });
    const planned = plan([boss, report], [], withManager(), [onlyMembers]).users;
    expect(planned.find((p) => p.entraId === 'report')!.values).toMatchObject({ manager: 'boss' });
  });

  it('plans no manager when the manager will have no desk record, so a second run plans nothing', () => {
    const outsider = dirUser('boss');
    const report = dirUser('report', { managerId: 'boss', groups: ['Staff'] });
    const created = plan([outsider, report], [], withManager(), [onlyMembers]).users;
    expect(created.find((p) => p.entraId === 'report')).toMatchObject({
      outcome: 'create',
      values: { manager: null },
    });
    const stored = deskUser('d1', {
      ...linkedTo('report'),
      values: { ...created.find((p) => p.entraId === 'report')!.values },
    });
    const again = plan([outsider, report], [stored], withManager(), [onlyMembers]).users;
    expect(again.find((p) => p.entraId === 'report')).toMatchObject({ outcome: 'unchanged', changes: [] });
  });
});
