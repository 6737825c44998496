import { describe, expect, it } from 'vitest';
import type {
  DirectoryUser,
  EntraImportConfig,
  PlanDeskUser,
  PlanSite,
  SiteMapping,
} from '../../contracts/entra/index.js';
import { planUserImport } from './user-plan.js';
import { TENANT, config, deskUser, dirUser, linkedTo, mapping, site } from './testing/fixtures.js';

const sites = [
  site('s-main', 'cust', 'Main', 'HQ'),
  site('s-leeds', 'cust', 'Leeds', 'LDS'),
  site('s-other-leeds', 'other', 'leeds '),
  site('s-paris', 'cust', 'Paris'),
];

function plan(
  siteMappings: SiteMapping[],
  directory: DirectoryUser[],
  opts: { users?: PlanDeskUser[]; sites?: PlanSite[]; config?: Partial<EntraImportConfig> } = {},
) {
  return planUserImport({
    config: config({ siteMappings, ...opts.config }),
    directory,
    desk: { users: opts.users ?? [], sites: opts.sites ?? sites },
    tenantIds: [TENANT],
    mode: 'full',
  });
}
const withCity = (id: string, city: string | null, extra: Partial<DirectoryUser> = {}) =>
  dirUser(id, { fields: { mail: `${id}@contoso.example`, city }, ...extra });

describe('existing site mappings', () => {
  it("creates users on the site with every mapped value and the mapping's role", () => {
    const m = mapping.existingSite({
      id: 'm1',
      sequence: 1,
      siteId: 's-main',
      userRoleId: 'role-portal',
      description: 'Everyone',
    });
    const result = plan(
      [m],
      [
        dirUser('ada', {
          displayName: 'Ada Lovelace',
          fields: { mail: 'ada@contoso.example', department: 'R&D' },
        }),
      ],
    );
    expect(result.users).toEqual([
      {
        tenantId: TENANT,
        entraId: 'ada',
        displayName: 'Ada Lovelace',
        outcome: 'create',
        reasonCode: 'created',
        reason: 'matched site mapping "Everyone" (seq 1); new desk user on site "Main"',
        mappingId: 'm1',
        deskId: null,
        site: { siteId: 's-main' },
        values: {
          displayName: 'Ada Lovelace',
          email: 'ada@contoso.example',
          userPrincipalName: 'ada@contoso.example',
          department: 'R&D',
        },
        changes: [],
        roleIds: ['role-portal'],
        candidates: [],
        agent: null,
      },
    ]);
    expect(result.summary).toEqual({
      created: 1,
      updated: 0,
      deactivated: 0,
      unchanged: 0,
      excluded: 0,
      review: 0,
    });
    expect(result.newSites).toEqual([]);
  });

  it('excludes users of a mapping whose site no longer exists', () => {
    const m = mapping.existingSite({ id: 'm1', sequence: 1, siteId: 's-gone' });
    expect(plan([m], [dirUser('ada')]).users[0]).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.noMatchingSite',
    });
  });
});

describe('customer by field mappings', () => {
  const byCity = mapping.customerByField({
    id: 'm1',
    sequence: 1,
    customerId: 'cust',
    siteNameField: 'city',
    description: 'Cities',
  });

  it("uses the customer's site of that name (case and spaces ignored), else proposes one new site per name", () => {
    const result = plan(
      [byCity],
      [withCity('a', ' LEEDS'), withCity('b', 'york'), withCity('c', 'York'), withCity('d', 'Zürich')],
    );
    expect(result.users.map((u) => u.site)).toEqual([
      { siteId: 's-leeds' },
      { newSite: { customerId: 'cust', name: 'York' } },
      { newSite: { customerId: 'cust', name: 'York' } },
      { newSite: { customerId: 'cust', name: 'Zürich' } },
    ]);
    expect(result.newSites).toEqual([
      { customerId: 'cust', name: 'York' },
      { customerId: 'cust', name: 'Zürich' },
    ]);
    expect(result.users[1]!.reason).toBe(
      'matched site mapping "Cities" (seq 1); new desk user on new site "York"',
    );
  });

  it('excludes users with a blank value, and names two equal sites rather than picking one', () => {
    const twins = [...sites, site('s-leeds-2', 'cust', 'leeds')];
    const result = plan([byCity], [withCity('a', '  '), withCity('b', 'Leeds')], { sites: twins });
    expect(result.users.map((u) => [u.reasonCode, u.reason])).toEqual([
      [
        'excluded.blankSiteName',
        'excluded: city is blank, so there is no site name (site mapping "Cities", seq 1)',
      ],
      ['excluded.noMatchingSite', 'excluded: 2 sites match "Leeds" (site mapping "Cities", seq 1)'],
    ]);
  });

  it('moves a linked user to the new site and lists the site change', () => {
    const user = deskUser('d1', {
      ...linkedTo('a'),
      siteId: 's-main',
      values: { email: 'a@contoso.example' },
    });
    const [planned] = plan([byCity], [withCity('a', 'Bath')], { users: [user] }).users;
    expect(planned).toMatchObject({
      outcome: 'update',
      site: { newSite: { customerId: 'cust', name: 'Bath' } },
    });
    expect(planned!.changes).toContainEqual({ field: 'site', before: 's-main', after: 'Bath' });
  });
});

describe('site by field match mappings', () => {
  const cityField = { entraField: 'city', deskField: 'custom.city', overwriteWithBlank: false };
  const fieldConfig = { userFieldMappings: [...config().userFieldMappings, cityField] };
  const match = (p: Partial<Extract<SiteMapping, { type: 'siteByFieldMatch' }>> = {}) =>
    mapping.siteByFieldMatch({ id: 'm1', sequence: 1, siteField: 'name', userField: 'custom.city', ...p });

  it('finds the site whose name or reference equals the mapped desk value', () => {
    expect(
      plan([match({ customerId: 'cust' })], [withCity('a', 'leeds')], { config: fieldConfig }).users[0]!.site,
    ).toEqual({ siteId: 's-leeds' });
    expect(
      plan([match({ siteField: 'reference' })], [withCity('a', 'hq')], { config: fieldConfig }).users[0]!
        .site,
    ).toEqual({ siteId: 's-main' });
  });

  it('two sites matching equally: none is picked', () => {
    expect(plan([match()], [withCity('a', 'Leeds')], { config: fieldConfig }).users[0]).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.noMatchingSite',
      reason: 'excluded: 2 sites match custom.city "Leeds" (site mapping "site by field match", seq 1)',
    });
  });

  it('no match: skipped, or put on the default site', () => {
    const users = [withCity('a', 'Oslo'), withCity('b', null)];
    expect(plan([match()], users, { config: fieldConfig }).users.map((u) => u.reason)).toEqual([
      'excluded: no site\'s name is "Oslo" (site mapping "site by field match", seq 1)',
      'excluded: custom.city is blank (site mapping "site by field match", seq 1)',
    ]);
    const fallback = plan([match({ noMatch: 'defaultSite', defaultSiteId: 's-paris' })], users, {
      config: fieldConfig,
    });
    expect(fallback.users.map((u) => [u.outcome, u.site])).toEqual([
      ['create', { siteId: 's-paris' }],
      ['create', { siteId: 's-paris' }],
    ]);
    expect(fallback.users[0]!.reason).toContain('default site "Paris" (no site\'s name is "Oslo")');
  });

  it('uses the value a site mapping sets, and sees sites a customer-by-field mapping creates in the same run', () => {
    const byDept = mapping.customerByField({
      id: 'm0',
      sequence: 0,
      customerId: 'cust',
      siteNameField: 'city',
      groupName: 'Creators',
    });
    const setter = match({
      sequence: 5,
      customerId: 'cust',
      setValues: [{ deskField: 'custom.city', value: 'Bath' }],
    });
    const result = plan(
      [byDept, setter],
      [withCity('a', 'Bath', { groups: ['Creators'] }), withCity('b', 'Oslo')],
      { config: fieldConfig },
    );
    expect(result.users.map((u) => u.site)).toEqual([
      { newSite: { customerId: 'cust', name: 'Bath' } },
      { newSite: { customerId: 'cust', name: 'Bath' } },
    ]);
    expect(result.newSites).toEqual([{ customerId: 'cust', name: 'Bath' }]);
  });
});

describe('do not import', () => {
  it('excludes users it matches before any import mapping', () => {
    const skip = mapping.doNotImport({
      id: 'skip',
      sequence: 1,
      filter: {
        combinator: 'and',
        criteria: [{ entraField: 'department', operator: 'equals', value: 'Contractors' }],
      },
    });
    const all = mapping.existingSite({ id: 'all', sequence: 2, siteId: 's-main' });
    const contractor = dirUser('c', { fields: { department: 'contractors' } });
    expect(plan([skip, all], [contractor, dirUser('e')]).users.map((u) => u.reasonCode)).toEqual([
      'excluded.doNotImport',
      'created',
    ]);
  });
});
