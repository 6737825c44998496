import { describe, expect, it } from 'vitest';
import { hrAttributeMappingSchema } from '../../contracts/hr/source.js';
import { compileAttributeMapping } from './attribute-mapping.js';
import { desiredState } from './desired-state.js';
import { context } from './testing/context.js';
import { person, rule, SKU_E3 } from './testing/persons.js';

const rules = [
  rule({ name: 'Staff', entitlements: [{ kind: 'account' }, { kind: 'licence', skuId: SKU_E3 }] }),
  rule({ name: 'Departments', dynamicGroups: [{ template: 'Dept-{department}' }] }),
];
const ctx = context(rules, { createDaysBeforeStart: 14, enableDaysBeforeStart: 3, deleteAfterDays: 30 });
const ann = person(
  { preferredName: 'Annie', middleName: 'B' },
  { startDate: '2027-01-04', endDate: '2027-06-30', managerEmployeeId: 'M1' },
);

describe('desired state', () => {
  it('an active person has an enabled account with attributes, manager and entitlements', () => {
    const desired = desiredState(ann, ctx, '2027-02-01');
    expect(desired).toMatchObject({
      employeeId: 'E1',
      phase: 'active',
      phaseReason: 'start date 2027-01-04 minus 3 days',
      accountRules: ['Staff'],
      account: true,
      enabled: true,
      names: { first: 'Annie', last: 'Smith', middle: 'B' },
      managerEmployeeId: 'M1',
      groups: [{ name: 'Dept-Sales', rules: ['Departments'], createMissing: false }],
      licences: [{ skuId: SKU_E3, rules: ['Staff'] }],
    });
    expect(desired.attributes).toMatchObject({
      displayName: 'Annie Smith',
      givenName: 'Annie',
      jobTitle: 'Rep',
      department: 'Sales',
      employeeHireDate: '2027-01-04',
      employeeId: 'E1',
      usageLocation: 'GB',
    });
  });

  it('preboarding: the account exists, disabled, with its entitlements', () => {
    expect(desiredState(ann, ctx, '2026-12-25')).toMatchObject({
      phase: 'preboarding',
      account: true,
      enabled: false,
    });
    expect(desiredState(ann, ctx, '2026-12-25').groups).toHaveLength(1);
  });

  it('future and purge: no account', () => {
    expect(desiredState(ann, ctx, '2026-12-01')).toMatchObject({
      phase: 'future',
      account: false,
      enabled: false,
    });
    expect(desiredState(ann, ctx, '2027-08-01')).toMatchObject({ phase: 'purge', account: false });
  });

  it('a leaver keeps a disabled account without groups or licences', () => {
    expect(desiredState(ann, ctx, '2027-07-01')).toMatchObject({
      phase: 'left',
      account: true,
      enabled: false,
      groups: [],
      licences: [],
    });
    expect(desiredState(ann, ctx, '2027-03-01', '2027-03-01')).toMatchObject({
      phase: 'left',
      phaseReason: 'removed from source on 2027-03-01',
    });
  });

  it('no account rule, no account', () => {
    const none = context([rule({ name: 'Groups only', entitlements: [{ kind: 'group', name: 'G' }] })]);
    expect(desiredState(ann, none, '2027-02-01')).toMatchObject({
      accountRules: [],
      account: false,
      groups: [],
    });
  });

  it('the source’s display name wins; employeeId is always the person’s; a mapped usage location wins', () => {
    const mapping = compileAttributeMapping(
      hrAttributeMappingSchema.parse({
        displayName: '{surname}',
        employeeId: '{title}',
        usageLocation: '{custom.country}',
      }),
    );
    if (!mapping.ok) throw new Error('mapping');
    const custom = { ...ctx, attributes: mapping.mapping };
    const p = person({ displayName: 'Dr Ann Smith', custom: { country: 'IE' } }, { startDate: '2027-01-04' });
    expect(desiredState(p, custom, '2027-02-01').attributes).toEqual({
      displayName: 'Dr Ann Smith',
      employeeId: 'E1',
      usageLocation: 'IE',
    });
    expect(
      desiredState(person({}, { startDate: '2027-01-04' }), custom, '2027-02-01').attributes.usageLocation,
    ).toBe('GB');
  });

  it('an attribute mapping with a wrong template names the attribute', () => {
    const result = compileAttributeMapping(hrAttributeMappingSchema.parse({ displayName: '{fullName}' }));
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          attribute: 'displayName',
          message: expect.stringContaining('displayName: template "{fullName}": unknown field "fullName"'),
        },
      ],
    });
  });
});
