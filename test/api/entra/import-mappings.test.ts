import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntraImportConfigInput, FilterCriterion } from '../../../src/contracts/entra/index.js';
import { createCustomerRepository, createRoleRepository, schema } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, givenCustomer, type Caller } from '../access/fixtures.js';
import { entraConfig, startEntraWorld, type EntraWorld } from './fixtures.js';
import { givenScenario, type ImportScenario } from './import-scenario.js';

/**
 * Every desk-user option of the Entra import (guide 001 "Agent/User Import Configuration",
 * "Advanced Configuration", "Imports") through the API against the emulator, as an administrator
 * sees it: preview outcomes and reasons, desk users after apply, runs, reviews and the inbound log.
 * One emulator and one app; each describe reads an emulated tenant of its own.
 */

let world: EntraWorld;
let app: TestApp;
let admin: Caller;

type SiteMappingInput = EntraImportConfigInput['siteMappings'][number];
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type FieldMappingInput = EntraImportConfigInput['userFieldMappings'][number];

const mapping = (props: WithoutId<SiteMappingInput>) => ({ id: randomUUID(), ...props }) as SiteMappingInput;
const field = (entraField: string, deskField: string, overwriteWithBlank = false): FieldMappingInput => ({
  entraField,
  deskField,
  overwriteWithBlank,
});
const IDENTITY_FIELDS = [
  field('displayName', 'displayName'),
  field('mail', 'email'),
  field('userPrincipalName', 'userPrincipalName'),
];
const configOf = (
  userFieldMappings: FieldMappingInput[],
  siteMappings: SiteMappingInput[],
  more: Partial<EntraImportConfigInput> = {},
): EntraImportConfigInput => ({ userFieldMappings, agentFieldMappings: [], siteMappings, ...more });

const scenario = (label: string, options?: Parameters<typeof givenScenario>[2]) =>
  givenScenario({ world, app, admin }, label, options);
const portalRole = async (name: string) =>
  (await createRoleRepository(app.deps.db).create({ kind: 'portal', name, permissions: [] })).id;
const addSite = async (customerId: string, name: string, reference: string | null = null) => {
  const site = await createCustomerRepository(app.deps.db).addSite(customerId, name);
  if (reference !== null)
    await app.deps.db.update(schema.sites).set({ reference }).where(eq(schema.sites.id, site.id));
  return site.id;
};
const deskUsersOf = (customerId: string) =>
  app.deps.db
    .select()
    .from(schema.deskUsers)
    .where(eq(schema.deskUsers.customerId, customerId))
    .orderBy(schema.deskUsers.id);
/** Person numbers (see `ImportScenario.id`) of the items with `outcome`, sorted. */
const peopleWith = (items: Map<string, { outcome: string }>, outcome: string) =>
  [...items.entries()]
    .filter(([, item]) => item.outcome === outcome)
    .map(([entraId]) => Number(entraId.slice(24)))
    .sort((a, b) => a - b);

beforeAll(async () => {
  world = await startEntraWorld();
  app = await startTestApp({ config: entraConfig(world) });
  await givenBuiltInRoles(app.deps.db);
  admin = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
});
afterAll(async () => {
  await app?.close();
  await world?.close();
});

describe('site by field match', () => {
  let s: ImportScenario;
  let customer: Awaited<ReturnType<typeof givenCustomer>>;
  const sites = { london: '', leeds: '' };

  beforeAll(async () => {
    s = await scenario('fieldmatch');
    customer = await givenCustomer(app.deps.db, 'Field Match');
    sites.london = await addSite(customer.customer.id, 'London', 'LON-01');
    sites.leeds = await addSite(customer.customer.id, 'Leeds', 'LDS-02');
    await addSite((await givenCustomer(app.deps.db, 'Elsewhere')).customer.id, 'London');
    s.person(1, { displayName: 'Ada London', officeLocation: 'london', department: 'LON-01' });
    s.person(2, { displayName: 'Bea Leeds', officeLocation: ' Leeds ', department: 'lds-02' });
    s.person(3, { displayName: 'Cy Paris', officeLocation: 'Paris', department: 'PAR-09' });
    s.person(4, { displayName: 'Di Nowhere' });
  });

  const fields = [
    ...IDENTITY_FIELDS,
    field('officeLocation', 'officeLocation'),
    field('department', 'department'),
  ];
  const byField = (props: Partial<Extract<SiteMappingInput, { type: 'siteByFieldMatch' }>>) =>
    configOf(fields, [
      mapping({
        type: 'siteByFieldMatch',
        sequence: 10,
        description: 'By office',
        siteField: 'name',
        userField: 'officeLocation',
        customerId: customer.customer.id,
        ...props,
      }),
    ]);

  it('skips users whose value matches no site (matching the site reference, ignoring case)', async () => {
    await s.configure(byField({ siteField: 'reference', userField: 'department', noMatch: 'skip' }));
    const { previewId, tenant } = await s.preview();
    expect(tenant.summary).toMatchObject({ created: 2, excluded: 2 });
    const items = await s.items(previewId);
    expect(items.get(s.id(1))).toMatchObject({ outcome: 'create', site: { siteId: sites.london } });
    expect(items.get(s.id(2))).toMatchObject({ outcome: 'create', site: { siteId: sites.leeds } });
    expect(items.get(s.id(3))).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.noMatchingSite',
      reason: expect.stringContaining(`no site's reference is "PAR-09"`),
    });
    expect(items.get(s.id(4))).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.noMatchingSite',
      reason: expect.stringContaining('department is blank'),
    });
  });

  it('never guesses between two customers’ sites of the same name when no customer is chosen', async () => {
    await s.configure(byField({ customerId: null }));
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(1))).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.noMatchingSite',
      reason: expect.stringContaining('2 sites match officeLocation "london"'),
    });
    expect(items.get(s.id(2))).toMatchObject({ outcome: 'create', site: { siteId: sites.leeds } });
  });

  it('refuses "default site" without a default site, naming the field', async () => {
    const refused = await s.save(byField({ noMatch: 'defaultSite', defaultSiteId: null }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual({
      field: 'config.siteMappings.0.defaultSiteId',
      message: expect.stringContaining('choose the default site'),
    });
  });

  it('puts users that match no site on the default site, and the others on theirs', async () => {
    await s.configure(byField({ noMatch: 'defaultSite', defaultSiteId: customer.defaultSite.id }));
    const { previewId } = await s.preview();
    const items = await s.items(previewId);
    expect(items.get(s.id(3))).toMatchObject({
      outcome: 'create',
      reasonCode: 'created',
      site: { siteId: customer.defaultSite.id },
      reason: expect.stringMatching(/default site ".+" \(no site's name is "Paris"\)/),
    });
    const applied = await s.apply();
    expect(applied).toMatchObject({ status: 'succeeded', summary: { created: 4, excluded: 0 } });
    expect(await s.desk(1)).toMatchObject({ siteId: sites.london, customerId: customer.customer.id });
    expect(await s.desk(2)).toMatchObject({ siteId: sites.leeds, officeLocation: ' Leeds ' });
    expect(await s.desk(3)).toMatchObject({ siteId: customer.defaultSite.id, department: 'PAR-09' });
    expect(await s.desk(4)).toMatchObject({ siteId: customer.defaultSite.id, officeLocation: null });
    expect((await s.apply()).summary).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('chooses the site from what Entra gives, not the desk value kept when Entra blanks it', async () => {
    s.updatePerson(1, { officeLocation: null });
    const items = await s.items((await s.preview()).previewId);
    // The desk keeps "london" (blanks do not overwrite), but sites follow Entra (docs/entra-import.md).
    expect(items.get(s.id(1))).toMatchObject({
      outcome: 'update',
      changes: [{ field: 'site', before: sites.london, after: customer.defaultSite.id }],
      reason: expect.stringContaining('(officeLocation is blank)'),
    });
    await s.configure(byField({ noMatch: 'skip' }));
    expect((await s.items((await s.preview()).previewId)).get(s.id(1))).toMatchObject({
      outcome: 'deactivate',
      reasonCode: 'deactivated.notFound',
      reason: expect.stringContaining('officeLocation is blank'),
    });
    s.updatePerson(1, { officeLocation: 'london' });
  });
});

describe('site mapping options: role, nested group, sequence, values to set', () => {
  let s: ImportScenario;
  let customer: Awaited<ReturnType<typeof givenCustomer>>;
  let clinicRole: string;
  let clinicGroup: string;
  const ids = { everyone: '', clinic: '', service: '' };

  const fields = [
    ...IDENTITY_FIELDS,
    field('officeLocation', 'officeLocation'),
    field('jobTitle', 'jobTitle'),
    field('department', 'department'),
  ];
  /** Listed out of order on purpose: the sequence decides, not the list. */
  const optionsConfig = (sequences = { everyone: 20, clinic: 10, service: 5 }) =>
    configOf(fields, [
      {
        id: ids.everyone,
        type: 'existingSite',
        sequence: sequences.everyone,
        description: 'Everyone else',
        siteId: customer.defaultSite.id,
        setValues: [{ deskField: 'jobTitle', value: 'Staff' }],
      },
      {
        id: ids.clinic,
        type: 'existingSite',
        sequence: sequences.clinic,
        description: 'Clinic',
        siteId: customer.otherSite.id,
        groupName: 'Clinic Staff',
        userRoleId: clinicRole,
        setValues: [{ deskField: 'officeLocation', value: 'Ward 7' }],
        setValuesGroupName: 'Nurses',
      },
      {
        id: ids.service,
        type: 'doNotImport',
        sequence: sequences.service,
        description: 'Service accounts',
        filter: {
          combinator: 'and',
          criteria: [{ entraField: 'userPrincipalName', operator: 'startsWith', value: 'SVC-' }],
        },
      },
    ]);

  beforeAll(async () => {
    s = await scenario('options');
    customer = await givenCustomer(app.deps.db, 'Options');
    clinicRole = await portalRole(`Clinic portal ${randomUUID().slice(0, 8)}`);
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) ids[key] = randomUUID();
    s.person(1, { displayName: 'Clinic Direct', officeLocation: 'HQ', department: 'Clinic' });
    s.person(2, { displayName: 'Nurse Nested', officeLocation: 'HQ', department: 'Clinic' });
    s.person(3, { displayName: 'Office Worker', officeLocation: 'HQ', jobTitle: 'Clerk' });
    s.person(4, {
      displayName: 'svc-scanner',
      userPrincipalName: `svc-scanner@options-${s.tenantId}.example`,
    });
    const nurses = s.group('Nurses', { people: [2] });
    clinicGroup = s.group('Clinic Staff', { people: [1, 4], groups: [nurses] });
    await s.configure(optionsConfig());
  });

  it('previews the lowest matching sequence for each user, with its role, values and reason', async () => {
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(1))).toMatchObject({
      outcome: 'create',
      mappingId: ids.clinic,
      site: { siteId: customer.otherSite.id },
      roleIds: [clinicRole],
      reason: expect.stringContaining('matched site mapping "Clinic" (seq 10) via group Clinic Staff'),
      // Values to set are for members of Nurses only; Entra's office stays, and the later mapping's title is not set.
      values: expect.objectContaining({ officeLocation: 'HQ', jobTitle: null }),
    });
    expect(items.get(s.id(2))).toMatchObject({
      outcome: 'create',
      mappingId: ids.clinic,
      roleIds: [clinicRole],
      values: expect.objectContaining({ officeLocation: 'Ward 7' }),
    });
    expect(items.get(s.id(3))).toMatchObject({
      outcome: 'create',
      mappingId: ids.everyone,
      site: { siteId: customer.defaultSite.id },
      roleIds: [],
      values: expect.objectContaining({ jobTitle: 'Staff' }),
    });
    expect(items.get(s.id(4))).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.doNotImport',
      mappingId: ids.service,
      reason: 'excluded: matched do-not-import mapping "Service accounts" (seq 5) by field filter',
    });
  });

  it('applies: sites, the mapping’s user role, values to set only for the group', async () => {
    expect(await s.apply()).toMatchObject({ status: 'succeeded', summary: { created: 3, excluded: 1 } });
    const direct = (await s.desk(1))!;
    const nested = (await s.desk(2))!;
    const office = (await s.desk(3))!;
    expect(direct).toMatchObject({ siteId: customer.otherSite.id, officeLocation: 'HQ', jobTitle: null });
    expect(nested).toMatchObject({ siteId: customer.otherSite.id, officeLocation: 'Ward 7' });
    expect(office).toMatchObject({ siteId: customer.defaultSite.id, jobTitle: 'Staff' });
    expect(await s.rolesOf(direct.id)).toEqual([clinicRole]);
    expect(await s.rolesOf(nested.id)).toEqual([clinicRole]);
    expect(await s.rolesOf(office.id)).toEqual([]);
    expect(await s.desk(4)).toBeUndefined();
  });

  it('moves users when the sequence changes: the first match wins', async () => {
    await s.configure(optionsConfig({ everyone: 1, clinic: 10, service: 5 }));
    const items = await s.items((await s.preview()).previewId);
    const direct = (await s.desk(1))!;
    expect(items.get(s.id(1))).toMatchObject({
      outcome: 'update',
      mappingId: ids.everyone,
      changes: expect.arrayContaining([
        { field: 'site', before: customer.otherSite.id, after: customer.defaultSite.id },
        { field: 'jobTitle', before: null, after: 'Staff' },
      ]),
      deskId: direct.id,
    });
    // The service account now matches "Everyone else" (seq 1) before "Service accounts" (seq 5).
    expect(items.get(s.id(4))).toMatchObject({ outcome: 'create', mappingId: ids.everyone });
    await s.configure(optionsConfig());
  });

  it('follows a renamed group: a warning, a suggestion, and members no longer matched by it', async () => {
    s.renameGroup(clinicGroup, 'Clinic-Staff');
    const { previewId, tenant } = await s.preview();
    expect(tenant.warnings).toContain(`no group named "Clinic Staff" in tenant ${s.tenantId}`);
    const items = await s.items(previewId);
    // Not in the group any more: "Everyone else" takes them, onto the default site.
    expect(items.get(s.id(1))).toMatchObject({
      outcome: 'update',
      mappingId: ids.everyone,
      changes: expect.arrayContaining([
        { field: 'site', before: customer.otherSite.id, after: customer.defaultSite.id },
      ]),
    });
    const checked = await s.validate(optionsConfig());
    expect(checked.json().problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        field: 'siteMappings.1.groupName',
        message: expect.stringContaining('no group named "Clinic Staff"'),
        suggestions: ['Clinic-Staff'],
      }),
    ]);
    s.renameGroup(clinicGroup, 'Clinic Staff');
    expect((await s.preview()).tenant.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('warns about every unknown group name (values-to-set group, user role mappings) with suggestions', async () => {
    const config = optionsConfig();
    config.siteMappings[1] = { ...config.siteMappings[1]!, setValuesGroupName: 'Nurse' } as SiteMappingInput;
    config.groupMappings = { userRoles: [{ groupName: 'Clinic Staf', roleId: clinicRole }] };
    const checked = await s.validate(config);
    expect(checked.json().problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'siteMappings.1.setValuesGroupName', suggestions: ['Nurses'] }),
        expect.objectContaining({
          field: 'groupMappings.userRoles.0.groupName',
          suggestions: ['Clinic Staff'],
        }),
      ]),
    );
    const refused = await s.save(config);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual({
      field: 'config.siteMappings.1.setValuesGroupName',
      message: expect.stringContaining('did you mean Nurses?'),
    });
  });

  it('matches group names ignoring case', async () => {
    const config = optionsConfig();
    config.siteMappings[1] = { ...config.siteMappings[1]!, groupName: 'CLINIC staff' } as SiteMappingInput;
    expect((await s.validate(config)).json().problems).toEqual([]);
    await s.configure(config);
    expect((await s.preview()).tenant.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('adds the user role mapped from a group (nested members count) to the site mapping’s', async () => {
    const staffRole = await portalRole(`Clinic staff role ${randomUUID().slice(0, 8)}`);
    const both = [clinicRole, staffRole].sort();
    const config = optionsConfig();
    config.groupMappings = { userRoles: [{ groupName: 'Clinic Staff', roleId: staffRole }] };
    await s.configure(config);
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(2))).toMatchObject({
      outcome: 'update',
      roleIds: both,
      changes: [{ field: 'roleIds', before: clinicRole, after: both.join(',') }],
    });
    expect(items.get(s.id(3))).toMatchObject({ outcome: 'unchanged', roleIds: [] });
    expect(items.get(s.id(4))).toMatchObject({ outcome: 'excluded', roleIds: null });
    await s.apply();
    expect(await s.rolesOf((await s.desk(2))!.id)).toEqual(both);
    expect(await s.rolesOf((await s.desk(1))!.id)).toEqual(both);
  });

  it('matches accented group names ignoring case', async () => {
    s.group('Équipe Soins Zürich', { people: [3] });
    const careRole = await portalRole(`Soins ${randomUUID().slice(0, 8)}`);
    const config = optionsConfig();
    config.groupMappings = { userRoles: [{ groupName: 'ÉQUIPE SOINS ZÜRICH', roleId: careRole }] };
    expect((await s.validate(config)).json().problems).toEqual([]);
    await s.configure(config);
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(3))).toMatchObject({ outcome: 'update', roleIds: [careRole] });
  });

  it('refuses values to set that the desk cannot hold: a typed manager, a flag other than true/false', async () => {
    const config = optionsConfig();
    config.siteMappings[0] = {
      ...config.siteMappings[0]!,
      setValues: [
        { deskField: 'manager', value: 'Bob' },
        { deskField: 'isServiceAccount', value: 'yes' },
      ],
    } as SiteMappingInput;
    const refused = await s.save(config);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      {
        field: 'config.siteMappings.0.setValues.0.deskField',
        message: expect.stringContaining('the manager cannot be set to a value'),
      },
      {
        field: 'config.siteMappings.0.setValues.1.value',
        message: 'isServiceAccount is set to true or false, not "yes"',
      },
    ]);
  });
});

describe('external users', () => {
  let s: ImportScenario;
  let customer: Awaited<ReturnType<typeof givenCustomer>>;
  const LICENCE = { skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', disabledPlans: [] };
  const withExternal = (includeExternal: 'no' | 'yes' | 'licensedOnly') =>
    configOf(
      [...IDENTITY_FIELDS, field('userType', 'creationType')],
      [
        mapping({
          type: 'existingSite',
          sequence: 10,
          description: 'Everyone',
          siteId: customer.defaultSite.id,
          includeExternal,
        }),
      ],
    );

  beforeAll(async () => {
    s = await scenario('external');
    customer = await givenCustomer(app.deps.db, 'External');
    s.person(1, { displayName: 'Member One' });
    s.person(2, {
      displayName: 'Guest Without Licence',
      userType: 'Guest',
      userPrincipalName: `guest2_partner.example#EXT#@external-${s.tenantId.slice(0, 8)}.onmicrosoft.com`,
    });
    s.person(3, { displayName: 'Guest With Licence', userType: 'Guest', assignedLicenses: [LICENCE] });
  });

  it('no: guests are excluded as guests', async () => {
    await s.configure(withExternal('no'));
    const items = await s.items((await s.preview()).previewId);
    expect(peopleWith(items, 'create')).toEqual([1]);
    for (const n of [2, 3]) expect(items.get(s.id(n))).toMatchObject({ reasonCode: 'excluded.guest' });
  });

  it('yes: guests are imported like members', async () => {
    await s.configure(withExternal('yes'));
    expect(peopleWith(await s.items((await s.preview()).previewId), 'create')).toEqual([1, 2, 3]);
  });

  it('only with an assigned licence: the licensed guest is imported, the other excluded saying why', async () => {
    await s.configure(withExternal('licensedOnly'));
    const items = await s.items((await s.preview()).previewId);
    expect(peopleWith(items, 'create')).toEqual([1, 3]);
    expect(items.get(s.id(2))).toMatchObject({
      outcome: 'excluded',
      reasonCode: 'excluded.guestUnlicensed',
      reason: expect.stringContaining('guest user without a licence'),
    });
    await s.apply();
    expect(await s.desk(3)).toMatchObject({ displayName: 'Guest With Licence', creationType: 'Guest' });
    expect(await s.desk(1)).toMatchObject({ creationType: 'Member' });
    expect(await s.desk(2)).toBeUndefined();
  });
});

describe('field filter criteria', () => {
  const GRADE = `extension_${'c2'.repeat(16)}_grade`;
  let s: ImportScenario;
  let siteId: string;

  beforeAll(async () => {
    s = await scenario('filters');
    siteId = (await givenCustomer(app.deps.db, 'Filters')).defaultSite.id;
    s.person(1, { department: 'Dental Surgery', city: 'Zürich', jobTitle: 'Dentist' });
    s.person(2, { department: '  dental surgery ', city: 'Zu\u0308rich' });
    s.person(3, {
      department: 'Orthodontics',
      city: 'Zurich',
      jobTitle: 'Orthodontist',
      onPremisesExtensionAttributes: { extensionAttribute1: 'Contractor' },
    });
    s.person(4, {});
    s.person(5, { department: 'Finance', jobTitle: 'Dental liaison', [GRADE]: 'B7' });
  });

  const c = (entraField: string, operator: FilterCriterion['operator'], value = '') => ({
    entraField,
    operator,
    value,
  });
  const cases: {
    name: string;
    combinator: 'and' | 'or';
    criteria: ReturnType<typeof c>[];
    people: number[];
  }[] = [
    {
      name: 'equals ignores case and surrounding spaces',
      combinator: 'and',
      criteria: [c('department', 'equals', 'DENTAL SURGERY')],
      people: [1, 2],
    },
    {
      name: 'not equals (blank is not equal)',
      combinator: 'and',
      criteria: [c('department', 'notEquals', 'Dental Surgery')],
      people: [3, 4, 5],
    },
    {
      name: 'starts with',
      combinator: 'and',
      criteria: [c('department', 'startsWith', 'dent')],
      people: [1, 2],
    },
    {
      name: 'ends with',
      combinator: 'and',
      criteria: [c('department', 'endsWith', 'SURGERY')],
      people: [1, 2],
    },
    { name: 'contains', combinator: 'and', criteria: [c('department', 'contains', 'ontic')], people: [3] },
    { name: 'is empty', combinator: 'and', criteria: [c('department', 'isEmpty')], people: [4] },
    {
      name: 'is not empty',
      combinator: 'and',
      criteria: [c('department', 'isNotEmpty')],
      people: [1, 2, 3, 5],
    },
    {
      name: 'accents count, composed and decomposed forms are the same letter',
      combinator: 'and',
      criteria: [c('city', 'equals', 'ZÜRICH')],
      people: [1, 2],
    },
    {
      name: 'no accent is another value',
      combinator: 'and',
      criteria: [c('city', 'equals', 'zurich')],
      people: [3],
    },
    {
      name: 'and: every criterion',
      combinator: 'and',
      criteria: [c('department', 'isNotEmpty'), c('city', 'isEmpty')],
      people: [5],
    },
    {
      name: 'or: any criterion',
      combinator: 'or',
      criteria: [c('department', 'isEmpty'), c('jobTitle', 'contains', 'LIAISON')],
      people: [4, 5],
    },
    {
      name: 'an on-premises extension attribute',
      combinator: 'and',
      criteria: [c('extensionAttribute1', 'equals', 'CONTRACTOR')],
      people: [3],
    },
    {
      name: 'a directory extension',
      combinator: 'and',
      criteria: [c(GRADE, 'startsWith', 'b')],
      people: [5],
    },
    { name: 'no criteria: everyone', combinator: 'and', criteria: [], people: [1, 2, 3, 4, 5] },
  ];

  it.each(cases)('$name', async ({ combinator, criteria, people }) => {
    await s.configure(
      configOf(IDENTITY_FIELDS, [
        mapping({
          type: 'existingSite',
          sequence: 10,
          description: 'Filtered',
          siteId,
          filter: { combinator, criteria },
        }),
      ]),
    );
    const items = await s.items((await s.preview()).previewId);
    expect(peopleWith(items, 'create')).toEqual(people);
    const excluded = [...items.values()].filter((i) => i.outcome !== 'create');
    for (const item of excluded) expect(item.reasonCode).toBe('excluded.fieldFilter');
  });

  it('says which criterion failed and with what value', async () => {
    await s.configure(
      configOf(IDENTITY_FIELDS, [
        mapping({
          type: 'existingSite',
          sequence: 10,
          description: 'Dental',
          siteId,
          filter: { combinator: 'and', criteria: [c('department', 'equals', 'Dental Surgery')] },
        }),
      ]),
    );
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(3))?.reason).toBe(
      'excluded: field filter not met: department equals "Dental Surgery", but department is "Orthodontics" (site mapping "Dental", seq 10)',
    );
    expect(items.get(s.id(4))?.reason).toContain('but department is blank');
  });
});

describe('several tenants feeding one customer, and the configuration as JSON', () => {
  let contoso: ImportScenario;
  let northwind: ImportScenario;
  let customer: Awaited<ReturnType<typeof givenCustomer>>;
  const sites = { contoso: '', northwind: '' };

  const sharedConfig = () =>
    configOf(
      [...IDENTITY_FIELDS, field('jobTitle', 'jobTitle')],
      [
        mapping({
          type: 'existingSite',
          sequence: 10,
          description: 'Contoso people',
          siteId: sites.contoso,
          tenantIds: [contoso.tenantId],
        }),
        mapping({
          type: 'existingSite',
          sequence: 20,
          description: 'Northwind people',
          siteId: sites.northwind,
          tenantIds: [northwind.tenantId],
        }),
      ],
    );

  beforeAll(async () => {
    contoso = await scenario('contoso');
    northwind = await scenario('northwind');
    customer = await givenCustomer(app.deps.db, 'Two tenants');
    sites.contoso = await addSite(customer.customer.id, 'Contoso staff');
    sites.northwind = await addSite(customer.customer.id, 'Northwind staff');
    contoso.person(1, { displayName: 'Ann Contoso' });
    contoso.person(2, { displayName: 'Sam Same', mail: 'sam@both.example' });
    northwind.person(1, { displayName: 'Ben Northwind' });
    northwind.person(2, { displayName: 'Sam Same', mail: 'sam@both.example' });
  });

  it("excludes a tenant's users from mappings filtered to another tenant", async () => {
    await northwind.configure(configOf(IDENTITY_FIELDS, [sharedConfig().siteMappings[0]!]));
    const { previewId, tenant } = await northwind.preview();
    expect(tenant.summary).toMatchObject({ created: 0, excluded: 2 });
    expect((await northwind.items(previewId)).get(northwind.id(1))).toMatchObject({
      reasonCode: 'excluded.tenantFilter',
      reason: expect.stringContaining(`tenant ${northwind.tenantId} is not one of the mapping's tenants`),
    });
  });

  it('exports a configuration as JSON and imports it into another connection unchanged', async () => {
    await contoso.configure(sharedConfig());
    const exported = await call(
      app,
      admin,
      'GET',
      `/api/entra/connections/${contoso.connectionId}/import-config`,
    );
    const file = JSON.parse(JSON.stringify(exported.json().config)) as EntraImportConfigInput;
    const imported = await northwind.save(file);
    expect(imported.statusCode, imported.body).toBe(200);
    const reread = await call(
      app,
      admin,
      'GET',
      `/api/entra/connections/${northwind.connectionId}/import-config`,
    );
    expect(reread.json().config).toEqual(exported.json().config);
  });

  it('refuses an imported file naming a site this desk does not have, before anything is saved', async () => {
    const file = sharedConfig();
    const missing = randomUUID();
    file.siteMappings[1] = { ...file.siteMappings[1]!, siteId: missing } as SiteMappingInput;
    const refused = await northwind.save(file);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual({
      field: 'config.siteMappings.1.siteId',
      message: expect.stringContaining(`no site has id ${missing}`),
    });
  });

  it('puts each tenant’s users on its site of the one customer, never merging people of two tenants', async () => {
    expect(await contoso.apply()).toMatchObject({ status: 'succeeded', summary: { created: 2 } });
    const items = await northwind.items((await northwind.preview()).previewId);
    // Contoso's Sam is linked to Contoso: Northwind's Sam gets a record of his own.
    expect(items.get(northwind.id(2))).toMatchObject({ outcome: 'create', reasonCode: 'created' });
    expect(await northwind.apply()).toMatchObject({ status: 'succeeded', summary: { created: 2 } });
    expect(await contoso.desk(1)).toMatchObject({ siteId: sites.contoso, customerId: customer.customer.id });
    expect(await northwind.desk(1)).toMatchObject({
      siteId: sites.northwind,
      customerId: customer.customer.id,
    });
    const sams = (await deskUsersOf(customer.customer.id)).filter((u) => u.email === 'sam@both.example');
    expect(sams.map((u) => u.tenantId).sort()).toEqual([contoso.tenantId, northwind.tenantId].sort());
    for (const tenant of [contoso, northwind])
      expect((await tenant.apply()).summary).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });
});

describe('field mappings', () => {
  let s: ImportScenario;
  let customer: Awaited<ReturnType<typeof givenCustomer>>;
  const BADGE = `extension_${'b1'.repeat(16)}_badgeNumber`;
  const fields = [
    ...IDENTITY_FIELDS,
    field('extensionAttribute3', 'custom.costCentre'),
    field(BADGE, 'custom.badge'),
    field('jobTitle', 'jobTitle'),
    field('mobilePhone', 'mobileNumber', true),
  ];
  const fieldsConfig = (userFieldMappings: FieldMappingInput[]) =>
    configOf(userFieldMappings, [
      mapping({ type: 'existingSite', sequence: 10, siteId: customer.defaultSite.id }),
    ]);
  const createCustomField = (name: string, label: string) =>
    call(app, admin, 'POST', '/api/custom-fields', { name, label });

  beforeAll(async () => {
    s = await scenario('fields');
    customer = await givenCustomer(app.deps.db, 'Fields');
    s.person(1, {
      displayName: 'Fiona Field',
      onPremisesExtensionAttributes: { extensionAttribute3: 'CC-1001' },
      [BADGE]: 'B-77',
      jobTitle: 'Dentist',
      mobilePhone: '+44 7700 900001',
    });
    s.person(2, { displayName: 'Gil Blank' });
  });

  it('refuses a mapping to a custom field that does not exist, naming it', async () => {
    const refused = await s.save(fieldsConfig(fields));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual(
      expect.arrayContaining([
        {
          field: 'config.userFieldMappings.3.deskField',
          message: expect.stringContaining('there is no user custom field "costCentre"; create it first'),
        },
        {
          field: 'config.userFieldMappings.4.deskField',
          message: expect.stringContaining('there is no user custom field "badge"'),
        },
      ]),
    );
    expect((await createCustomField('costCentre', 'Cost centre')).statusCode).toBe(201);
    expect((await createCustomField('badge', 'Badge number')).statusCode).toBe(201);
    const misspelt = await s.save(
      fieldsConfig([...IDENTITY_FIELDS, field('extensionAttribute3', 'custom.costCenter')]),
    );
    expect(misspelt.json().errors).toContainEqual({
      field: 'config.userFieldMappings.3.deskField',
      message: expect.stringContaining('did you mean custom.costCentre?'),
    });
  });

  it('refuses a desk field used by two mappings, naming the field', async () => {
    const refused = await s.save(
      fieldsConfig([...IDENTITY_FIELDS, field('department', 'jobTitle'), field('jobTitle', 'jobTitle')]),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual({
      field: 'config.userFieldMappings.4.deskField',
      message: 'deskField "jobTitle" is already used by userFieldMappings[3]; each may be used once',
    });
  });

  it('refuses a custom field spelt in another case: each field is one desk field, written under its name', async () => {
    const twice = await s.save(
      fieldsConfig([
        ...IDENTITY_FIELDS,
        field('extensionAttribute3', 'custom.costCentre'),
        field('department', 'custom.COSTCENTRE'),
      ]),
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toContainEqual({
      field: 'config.userFieldMappings.4.deskField',
      message:
        'custom field names are spelt exactly as created, and this one is "costCentre" (did you mean custom.costCentre?)',
    });
  });

  it('writes extension attributes and directory extensions to custom fields', async () => {
    await s.configure(fieldsConfig(fields));
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(1))?.values).toMatchObject({
      'custom.costCentre': 'CC-1001',
      'custom.badge': 'B-77',
    });
    expect(await s.apply()).toMatchObject({ status: 'succeeded', summary: { created: 2 } });
    expect(await s.desk(1)).toMatchObject({
      customFields: { costCentre: 'CC-1001', badge: 'B-77' },
      jobTitle: 'Dentist',
      mobileNumber: '+44 7700 900001',
    });
    expect(await s.desk(2)).toMatchObject({ customFields: {}, jobTitle: null, mobileNumber: null });
  });

  it('keeps desk values when Entra blanks them, unless the mapping overwrites with blanks', async () => {
    s.updatePerson(1, {
      jobTitle: null,
      mobilePhone: null,
      onPremisesExtensionAttributes: { extensionAttribute3: null },
      [BADGE]: 'B-78',
    });
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(1))).toMatchObject({ outcome: 'update', reasonCode: 'matched.linked' });
    expect(items.get(s.id(1))?.changes).toEqual([
      { field: 'custom.badge', before: 'B-77', after: 'B-78' },
      { field: 'mobileNumber', before: '+44 7700 900001', after: null },
    ]);
    await s.apply();
    expect(await s.desk(1)).toMatchObject({
      customFields: { costCentre: 'CC-1001', badge: 'B-78' },
      jobTitle: 'Dentist',
      mobileNumber: null,
    });
  });
});

describe('matching existing desk users', () => {
  let s: ImportScenario;
  let customer: Awaited<ReturnType<typeof givenCustomer>>;
  const desk = { byUpn: '', byUpnRival: '', byEmployeeId: '', byEmail: '' };

  const insertUnlinked = async (
    values: Partial<typeof schema.deskUsers.$inferInsert> & { displayName: string },
  ) => {
    const [row] = await app.deps.db
      .insert(schema.deskUsers)
      .values({ customerId: customer.customer.id, siteId: customer.defaultSite.id, ...values })
      .returning({ id: schema.deskUsers.id });
    return row!.id;
  };

  beforeAll(async () => {
    s = await scenario('matching');
    customer = await givenCustomer(app.deps.db, 'Matching');
    s.person(1, { displayName: 'Amy', employeeId: 'E-1001' });
    s.person(2, { displayName: 'Bob', employeeId: 'E-2002', mail: 'bob.new@matching.example' });
    s.person(3, { displayName: 'Cat' });
    s.person(4, { displayName: 'Dan' });
    desk.byUpn = await insertUnlinked({
      displayName: 'Amy (old)',
      userPrincipalName: `p1@matching-${s.tenantId.slice(0, 8)}.onmicrosoft.com`.toUpperCase(),
      email: 'amy.old@legacy.example',
    });
    desk.byUpnRival = await insertUnlinked({ displayName: 'Amy by email', email: 'p1@matching.example' });
    desk.byEmployeeId = await insertUnlinked({ displayName: 'Bob (old)', employeeId: 'e-2002' });
    desk.byEmail = await insertUnlinked({ displayName: 'Cat (old)', email: 'P3@Matching.example' });
    await s.configure(
      configOf(
        [...IDENTITY_FIELDS, field('employeeId', 'employeeId')],
        [mapping({ type: 'existingSite', sequence: 10, siteId: customer.defaultSite.id })],
        { matching: { fields: ['userPrincipalName', 'employeeId', 'email'] } },
      ),
    );
  });

  it('adopts unlinked desk users by the matching fields in order', async () => {
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(1))).toMatchObject({
      outcome: 'update',
      reasonCode: 'matched.adopted',
      deskId: desk.byUpn,
      reason: expect.stringContaining(`adopted desk user ${desk.byUpn} by userPrincipalName`),
    });
    expect(items.get(s.id(2))).toMatchObject({
      reasonCode: 'matched.adopted',
      deskId: desk.byEmployeeId,
      reason: expect.stringContaining('by employeeId'),
    });
    expect(items.get(s.id(3))).toMatchObject({
      reasonCode: 'matched.adopted',
      deskId: desk.byEmail,
      reason: expect.stringContaining('by email'),
    });
    expect(items.get(s.id(4))).toMatchObject({ outcome: 'create', reasonCode: 'created' });
    expect(await s.apply()).toMatchObject({ status: 'succeeded', summary: { created: 1, updated: 3 } });
    expect((await s.desk(1))?.id).toBe(desk.byUpn);
    expect(await s.desk(2)).toMatchObject({ id: desk.byEmployeeId, email: 'bob.new@matching.example' });
    expect((await s.desk(3))?.id).toBe(desk.byEmail);
    const rows = await deskUsersOf(customer.customer.id);
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.id === desk.byUpnRival)).toMatchObject({ tenantId: null, entraObjectId: null });
  });

  it('finds linked users by tenant and object id after their email changes, never adopting another', async () => {
    s.updatePerson(3, { mail: 'cat.renamed@matching.example' });
    const lookalike = await insertUnlinked({
      displayName: 'Cat (lookalike)',
      email: 'cat.renamed@matching.example',
    });
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(3))).toMatchObject({
      outcome: 'update',
      reasonCode: 'matched.linked',
      deskId: desk.byEmail,
      // The adoption wrote Entra's spelling of the email.
      changes: [{ field: 'email', before: 'p3@matching.example', after: 'cat.renamed@matching.example' }],
    });
    await s.apply();
    expect(await s.desk(3)).toMatchObject({ id: desk.byEmail, email: 'cat.renamed@matching.example' });
    const rows = await deskUsersOf(customer.customer.id);
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.id === lookalike)).toMatchObject({ tenantId: null });
    expect((await s.apply()).summary).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });
});

describe('managers and the role for users with no manager', () => {
  let s: ImportScenario;
  let seniorRole: string;
  let siteId: string;
  const managersConfig = (overwriteWithBlank: boolean) =>
    configOf(
      [...IDENTITY_FIELDS, field('manager', 'manager', overwriteWithBlank)],
      [mapping({ type: 'existingSite', sequence: 10, siteId })],
      { users: { roleForUsersWithNoManagerId: seniorRole } },
    );

  beforeAll(async () => {
    s = await scenario('managers');
    siteId = (await givenCustomer(app.deps.db, 'Managers')).defaultSite.id;
    seniorRole = await portalRole(`Senior staff ${randomUUID().slice(0, 8)}`);
    s.person(1, { displayName: 'Chief' });
    s.person(2, { displayName: 'Head' });
    s.person(3, { displayName: 'Clerk' });
    s.person(4, { displayName: 'Loop A' });
    s.person(5, { displayName: 'Loop B' });
    s.person(6, { displayName: 'Orphan' });
    s.person(7, { displayName: 'Disabled Boss', accountEnabled: false });
    s.setManager(2, 1);
    s.setManager(3, 2);
    s.setManager(4, 5);
    s.setManager(5, 4);
    s.setManager(6, 7);
    await s.configure(managersConfig(false));
  });

  it('links a manager chain and a manager loop, and gives the no-manager role only to users without one', async () => {
    const { previewId, tenant } = await s.preview();
    expect(tenant.summary).toMatchObject({ created: 6, excluded: 1 });
    const items = await s.items(previewId);
    expect(items.get(s.id(1))?.roleIds).toEqual([seniorRole]);
    for (const n of [2, 3, 4, 5, 6]) expect(items.get(s.id(n))?.roleIds).toEqual([]);
    // The manager of Orphan is not imported: no desk manager, yet Entra names one, so no role either.
    expect(items.get(s.id(6))?.values).toMatchObject({ manager: null });

    expect(await s.apply()).toMatchObject({ status: 'succeeded', error: null });
    const d = Object.fromEntries(
      await Promise.all([1, 2, 3, 4, 5, 6].map(async (n) => [n, (await s.desk(n))!])),
    );
    expect(d[1].managerId).toBeNull();
    expect(d[2].managerId).toBe(d[1].id);
    expect(d[3].managerId).toBe(d[2].id);
    expect(d[4].managerId).toBe(d[5].id);
    expect(d[5].managerId).toBe(d[4].id);
    expect(d[6].managerId).toBeNull();
    expect(await s.rolesOf(d[1].id)).toEqual([seniorRole]);
    expect(await s.rolesOf(d[3].id)).toEqual([]);
    expect((await s.apply()).summary).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
  });

  it('removing a manager in Entra gives the role; the desk keeps the manager unless blanks overwrite', async () => {
    s.setManager(3, null);
    expect((await s.apply()).summary).toMatchObject({ updated: 1, unchanged: 5 });
    const head = (await s.desk(2))!;
    const clerk = (await s.desk(3))!;
    expect(clerk.managerId).toBe(head.id);
    expect(await s.rolesOf(clerk.id)).toEqual([seniorRole]);

    await s.configure(managersConfig(true));
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(3))).toMatchObject({
      outcome: 'update',
      changes: [{ field: 'manager', before: s.id(2), after: null }],
    });
    await s.apply();
    expect((await s.desk(3))!.managerId).toBeNull();
  });

  it('reads managers for the role even when no field mapping reads the manager', async () => {
    s.person(8, { displayName: 'New Starter' });
    await s.configure(
      configOf(IDENTITY_FIELDS, [mapping({ type: 'existingSite', sequence: 10, siteId })], {
        users: { roleForUsersWithNoManagerId: seniorRole },
      }),
    );
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(8))).toMatchObject({ outcome: 'create', roleIds: [seniorRole] });
    expect(items.get(s.id(2))).toMatchObject({ outcome: 'unchanged', roleIds: [] });
  });
});

describe('import settings: not found, disabled, the mass-deactivation guard', () => {
  let s: ImportScenario;
  let customer: Awaited<ReturnType<typeof givenCustomer>>;
  const settingsConfig = (deactivateNotFound: boolean) =>
    configOf(
      IDENTITY_FIELDS,
      [mapping({ type: 'existingSite', sequence: 10, siteId: customer.defaultSite.id })],
      { import: { deactivateNotFound, massDeactivationGuardPercent: 20 } },
    );
  const runsOf = async () =>
    (await call(app, admin, 'GET', `/api/entra/connections/${s.connectionId}/runs?module=users`)).json()
      .items;
  const inboundOf = async (runId: string) =>
    (
      await call(app, admin, 'GET', `/api/entra/connections/${s.connectionId}/inbound?syncRunId=${runId}`)
    ).json().items;

  beforeAll(async () => {
    s = await scenario('settings');
    customer = await givenCustomer(app.deps.db, 'Settings');
    for (const n of [1, 2, 3, 4, 5, 6]) s.person(n, { displayName: `Staff ${n}` });
    await s.configure(settingsConfig(false));
    expect(await s.apply()).toMatchObject({ status: 'succeeded', summary: { created: 6 } });
  });

  it('off: a user deleted from the directory stays active', async () => {
    s.deletePerson(6);
    const { previewId, tenant } = await s.preview();
    expect(tenant.summary).toMatchObject({ deactivated: 0, unchanged: 5 });
    expect((await s.items(previewId)).has(s.id(6))).toBe(false);
    await s.apply();
    expect(await s.desk(6)).toMatchObject({ inactive: false });
  });

  it('on: the deleted user is made inactive (never deleted), saying why', async () => {
    await s.configure(settingsConfig(true));
    const { previewId, tenant } = await s.preview();
    expect(tenant.guard).toMatchObject({ tripped: false, wouldDeactivate: 1, linked: 6, limitPercent: 20 });
    expect((await s.items(previewId)).get(s.id(6))).toMatchObject({
      outcome: 'deactivate',
      reasonCode: 'deactivated.notFound',
      reason: expect.stringContaining(`not found in Entra tenant ${s.tenantId}`),
    });
    const applied = await s.apply();
    expect(applied.summary).toMatchObject({ deactivated: 1 });
    expect(await s.desk(6)).toMatchObject({ inactive: true });
    expect(await inboundOf(applied.runId)).toEqual([
      expect.objectContaining({
        action: 'deactivate',
        reasonCode: 'deactivated.notFound',
        externalId: s.id(6),
      }),
    ]);
  });

  it('makes a disabled account inactive, and reactivates it when enabled again', async () => {
    s.updatePerson(5, { accountEnabled: false });
    // 1 of 5 linked active users is 20%: at the limit, not over it.
    const disabled = await s.apply();
    expect(disabled).toMatchObject({ status: 'succeeded', summary: { deactivated: 1 } });
    expect(await s.desk(5)).toMatchObject({ inactive: true });
    s.updatePerson(5, { accountEnabled: true });
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(5))).toMatchObject({
      outcome: 'update',
      reasonCode: 'matched.linked',
      reason: expect.stringContaining('reactivated'),
      changes: [{ field: 'inactive', before: 'true', after: 'false' }],
    });
    await s.apply();
    expect(await s.desk(5)).toMatchObject({ inactive: false });
  });

  it('stops a run that would deactivate more than the limit, writing nothing, until confirmed', async () => {
    s.deletePerson(1);
    s.deletePerson(2);
    const { tenant } = await s.preview();
    expect(tenant.guard).toEqual({
      tripped: true,
      wouldDeactivate: 2,
      linked: 5,
      percent: 40,
      limitPercent: 20,
    });
    expect((await runsOf())[0]).toMatchObject({
      id: tenant.runId,
      dryRun: true,
      status: 'succeeded',
      counts: { deactivated: 2 },
    });
    const stopped = await s.apply();
    expect(stopped).toMatchObject({
      status: 'stopped',
      error: {
        code: 'mass_deactivation_guard',
        message: expect.stringContaining('deactivate 2 of 5 linked records'),
      },
    });
    expect(await s.desk(1)).toMatchObject({ inactive: false });
    expect(await s.desk(2)).toMatchObject({ inactive: false });
    expect(await inboundOf(stopped.runId)).toEqual([]);
    expect((await runsOf())[0]).toMatchObject({
      id: stopped.runId,
      status: 'stopped',
      dryRun: false,
      error: { code: 'mass_deactivation_guard' },
    });

    const confirmed = await s.apply({ confirmMassDeactivation: true });
    expect(confirmed).toMatchObject({ status: 'succeeded', summary: { deactivated: 2 } });
    expect(await s.desk(1)).toMatchObject({ inactive: true });
    expect(await inboundOf(confirmed.runId)).toHaveLength(2);
    expect((await runsOf())[0]).toMatchObject({
      id: confirmed.runId,
      status: 'succeeded',
      counts: { deactivated: 2 },
    });
    expect(await deskUsersOf(customer.customer.id)).toHaveLength(6);
  });

  it('reactivates a user restored in Entra', async () => {
    s.restorePerson(1);
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(1))).toMatchObject({
      outcome: 'update',
      reasonCode: 'matched.linked',
      reason: expect.stringContaining('reactivated'),
    });
    await s.apply();
    expect(await s.desk(1)).toMatchObject({ inactive: false });
    expect(await s.desk(2)).toMatchObject({ inactive: true });
  });
});

describe('importing the last sign-in', () => {
  let s: ImportScenario;
  let siteId: string;
  const signIn = (at: string) => ({
    signInActivity: {
      lastSignInDateTime: at,
      lastNonInteractiveSignInDateTime: null,
      lastSuccessfulSignInDateTime: at,
    },
  });

  beforeAll(async () => {
    s = await scenario('signin', {
      premium: true,
      graphRoles: ['User.Read.All', 'Group.Read.All', 'AuditLog.Read.All'],
    });
    siteId = (await givenCustomer(app.deps.db, 'Sign-in')).defaultSite.id;
    s.person(1, { displayName: 'Signed In', ...signIn('2026-11-30T08:15:00Z') });
    s.person(2, { displayName: 'Never Signed In', signInActivity: null });
  });

  it('writes the last sign-in when asked, and a re-run with no new sign-in changes nothing', async () => {
    const config = (importLastSignIn: boolean) =>
      configOf(IDENTITY_FIELDS, [mapping({ type: 'existingSite', sequence: 10, siteId })], {
        import: { importLastSignIn },
      });
    await s.configure(config(false));
    await s.apply();
    expect(await s.desk(1)).toMatchObject({ lastSignInAt: null });

    await s.configure(config(true));
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(1))).toMatchObject({
      outcome: 'update',
      changes: [{ field: 'lastSignInAt', before: null, after: '2026-11-30T08:15:00.000Z' }],
    });
    expect(items.get(s.id(2))).toMatchObject({ outcome: 'unchanged' });
    await s.apply();
    expect((await s.desk(1))?.lastSignInAt?.toISOString()).toBe('2026-11-30T08:15:00.000Z');
    expect(await s.desk(2)).toMatchObject({ lastSignInAt: null });
    expect((await s.apply()).summary).toMatchObject({ updated: 0, unchanged: 2 });

    s.updatePerson(1, signIn('2026-12-04T17:45:30Z'));
    expect((await s.apply()).summary).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await s.desk(1))?.lastSignInAt?.toISOString()).toBe('2026-12-04T17:45:30.000Z');
  });
});

describe('a nasty directory', () => {
  let s: ImportScenario;
  let customer: Awaited<ReturnType<typeof givenCustomer>>;
  let sharedRecord: string;

  beforeAll(async () => {
    s = await scenario('nasty');
    customer = await givenCustomer(app.deps.db, 'Nasty');
    const [row] = await app.deps.db
      .insert(schema.deskUsers)
      .values({
        customerId: customer.customer.id,
        siteId: customer.defaultSite.id,
        displayName: 'Shared mailbox owner',
        email: 'shared@nasty.example',
      })
      .returning({ id: schema.deskUsers.id });
    sharedRecord = row!.id;
    s.person(1, { displayName: 'Zoë Ångström', officeLocation: 'Zürich' });
    s.person(2, { displayName: 'Zoe\u0308 A\u030angstro\u0308m', officeLocation: 'Zu\u0308rich' });
    s.person(3, { displayName: 'Ann Smith', officeLocation: 'London' });
    s.person(4, { displayName: 'Ann Smith', officeLocation: 'london' });
    s.person(5, { displayName: '木村 拓也', officeLocation: '東京' });
    s.person(6, { displayName: 'Søren Ødegård', mail: 'shared@nasty.example', officeLocation: 'London' });
    s.person(7, { displayName: 'Łukasz Nowak', mail: 'SHARED@nasty.example', officeLocation: 'London' });
    s.person(8, { displayName: 'Gäst Guest', userType: 'Guest', officeLocation: 'London' });
    s.person(9, { displayName: 'Dörte Disabled', accountEnabled: false, officeLocation: 'London' });
    s.person(10, { displayName: 'svc-backup', userPrincipalName: `svc-backup@nasty-${s.tenantId}.example` });
    s.person(11, { displayName: 'Twin', mail: 'twins@nasty.example', officeLocation: 'London' });
    s.person(12, { displayName: 'Twin', mail: 'twins@nasty.example', officeLocation: 'London' });
    s.person(13, { displayName: '=HYPERLINK("http://evil.example","click")', officeLocation: 'London' });
    s.setManager(5, 1);
    await s.configure(
      configOf(
        [...IDENTITY_FIELDS, field('manager', 'manager')],
        [
          mapping({
            type: 'existingSite',
            sequence: 5,
            description: 'Service accounts',
            siteId: customer.otherSite.id,
            filter: {
              combinator: 'and',
              criteria: [{ entraField: 'userPrincipalName', operator: 'startsWith', value: 'svc-' }],
            },
            setValues: [{ deskField: 'isServiceAccount', value: 'true' }],
          }),
          mapping({
            type: 'customerByField',
            sequence: 10,
            description: 'By office',
            customerId: customer.customer.id,
            siteNameField: 'officeLocation',
          }),
        ],
      ),
    );
  });

  it('imports everyone it should once, sends two people sharing one record’s email to review, and a second run changes nothing', async () => {
    const { previewId, tenant } = await s.preview();
    expect(tenant.summary).toEqual({
      created: 9,
      updated: 0,
      deactivated: 0,
      unchanged: 0,
      excluded: 2,
      review: 2,
    });
    const items = await s.items(previewId);
    expect(items.get(s.id(8))).toMatchObject({ reasonCode: 'excluded.guest' });
    expect(items.get(s.id(9))).toMatchObject({ reasonCode: 'excluded.disabled' });
    for (const n of [6, 7])
      expect(items.get(s.id(n))).toMatchObject({
        outcome: 'review',
        reasonCode: 'review.ambiguousMatch',
        candidates: [sharedRecord],
        reason: expect.stringContaining('of 2 Entra users'),
      });
    // Two spellings of one office are one new site, named once.
    expect(items.get(s.id(2))?.site).toEqual({
      newSite: { customerId: customer.customer.id, name: 'Zürich' },
    });

    const csv = await call(app, admin, 'GET', `/api/entra/previews/${previewId}/items.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain(`${s.id(5)},木村 拓也,create,created,`);
    // A name a spreadsheet would run as a formula is quoted and neutralised.
    expect(csv.body).toContain(`${s.id(13)},"'=HYPERLINK(""http://evil.example"",""click"")",create,`);
    const reviewCsv = await call(
      app,
      admin,
      'GET',
      `/api/entra/previews/${previewId}/items.csv?outcome=review`,
    );
    expect(reviewCsv.body.split('\r\n').filter(Boolean)).toHaveLength(1 + 2);

    const applied = await s.apply();
    expect(applied).toMatchObject({ status: 'succeeded', summary: tenant.summary });
    const desk = async (n: number) => (await s.desk(n))!;
    const siteNames = new Map(
      (
        await app.deps.db.select().from(schema.sites).where(eq(schema.sites.customerId, customer.customer.id))
      ).map((site) => [site.id, site.name]),
    );
    siteNames.delete(customer.defaultSite.id);
    expect([...siteNames.values()].sort()).toEqual(['Branch office', 'London', 'Zürich', '東京']);
    expect(siteNames.get((await desk(1)).siteId)).toBe('Zürich');
    expect((await desk(2)).siteId).toBe((await desk(1)).siteId);
    expect((await desk(2)).displayName).toBe('Zoe\u0308 A\u030angstro\u0308m');
    expect((await desk(3)).id).not.toBe((await desk(4)).id);
    expect((await desk(4)).siteId).toBe((await desk(3)).siteId);
    expect(await desk(5)).toMatchObject({ displayName: '木村 拓也', managerId: (await desk(1)).id });
    expect(await desk(10)).toMatchObject({ isServiceAccount: true, siteId: customer.otherSite.id });
    expect((await desk(11)).id).not.toBe((await desk(12)).id);
    for (const n of [6, 7, 8, 9]) expect(await s.desk(n)).toBeUndefined();

    const reviews = await call(app, admin, 'GET', `/api/entra/connections/${s.connectionId}/reviews`);
    expect(
      reviews
        .json()
        .items.map((r: { entraId: string }) => r.entraId)
        .sort(),
    ).toEqual([s.id(6), s.id(7)].sort());
    for (const review of reviews.json().items) expect(review.candidates).toEqual([sharedRecord]);

    const before = await deskUsersOf(customer.customer.id);
    expect(before.find((u) => u.id === sharedRecord)).toMatchObject({ tenantId: null, entraObjectId: null });
    const again = await s.apply();
    expect(again.summary).toEqual({
      created: 0,
      updated: 0,
      deactivated: 0,
      unchanged: 9,
      excluded: 2,
      review: 2,
    });
    expect(await deskUsersOf(customer.customer.id)).toEqual(before);
    expect(
      (await call(app, admin, 'GET', `/api/entra/connections/${s.connectionId}/reviews`)).json().items,
    ).toHaveLength(2);
  });

  it('settles the review once the directory tells the two apart', async () => {
    s.updatePerson(7, { mail: 'lukasz@nasty.example' });
    const items = await s.items((await s.preview()).previewId);
    expect(items.get(s.id(6))).toMatchObject({
      outcome: 'update',
      reasonCode: 'matched.adopted',
      deskId: sharedRecord,
    });
    expect(items.get(s.id(7))).toMatchObject({ outcome: 'create' });
    expect(await s.apply()).toMatchObject({ summary: { created: 1, updated: 1, review: 0 } });
    expect((await s.desk(6))?.id).toBe(sharedRecord);
    const reviews = await call(app, admin, 'GET', `/api/entra/connections/${s.connectionId}/reviews`);
    expect(reviews.json().items).toEqual([]);
  });
});
