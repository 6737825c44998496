import { describe, expect, it } from 'vitest';
import {
  EMPTY_APPLIED_STATE,
  type HrAppliedState,
  type HrDesiredState,
} from '../../contracts/hr/lifecycle.js';
import { desiredState } from './desired-state.js';
import { evaluationContext } from './evaluation-context.js';
import { planPerson } from './plan-person.js';
import { context } from './testing/context.js';
import { person, rule, SKU_E3, SKU_E5 } from './testing/persons.js';

const rules = [
  rule({ name: 'Staff', entitlements: [{ kind: 'account' }, { kind: 'licence', skuId: SKU_E3 }] }),
  rule({ name: 'Departments', dynamicGroups: [{ template: 'Dept-{department}' }] }),
];
const ctx = context(rules, { enableDaysBeforeStart: 3, deleteAfterDays: 30 });
const settings = ctx.lifecycle;
const ann = (contract: Record<string, unknown> = {}, overrides = {}) =>
  person(overrides, { startDate: '2027-01-04', endDate: '2027-06-30', managerEmployeeId: 'M1', ...contract });

/** What Rollcall recorded after applying `desired` completely. */
function appliedFrom(desired: HrDesiredState): HrAppliedState {
  return {
    objectId: 'obj-1',
    userPrincipalName: 'ann.smith@contoso.com',
    mail: 'ann.smith@contoso.com',
    enabled: desired.enabled,
    deleted: false,
    names: desired.names,
    attributes: desired.attributes,
    managerEmployeeId: desired.managerEmployeeId,
    groups: desired.groups.map((g) => g.name),
    licences: desired.licences.map((l) => l.skuId),
    writtenBack: null,
  };
}

const kinds = (actions: { kind: string }[]) => actions.map((a) => a.kind);

describe('joiner', () => {
  it('creates the account disabled, sets the manager and entitlements, and enables last when active', () => {
    const actions = planPerson(desiredState(ann(), ctx, '2027-01-02'), EMPTY_APPLIED_STATE, settings);
    expect(kinds(actions)).toEqual(['create', 'setManager', 'addGroups', 'assignLicences', 'enable']);
    expect(actions[0]).toMatchObject({
      employeeId: 'E1',
      event: 'joiner',
      enabled: false,
      names: { first: 'Ann', last: 'Smith', middle: null },
      reasons: ['Staff', 'start date 2027-01-04 minus 3 days'],
    });
    expect(actions[2]).toMatchObject({ groups: [{ name: 'Dept-Sales' }], reasons: ['Departments'] });
    expect(actions[4]).toMatchObject({
      kind: 'enable',
      event: 'joiner',
      reasons: ['start date 2027-01-04 minus 3 days'],
    });
  });

  it('in preboarding creates without enabling; enables on the enable day', () => {
    const before = desiredState(ann(), ctx, '2026-12-01');
    expect(kinds(planPerson(before, EMPTY_APPLIED_STATE, settings))).toEqual([
      'create',
      'setManager',
      'addGroups',
      'assignLicences',
    ]);
    const enableDay = planPerson(desiredState(ann(), ctx, '2027-01-01'), appliedFrom(before), settings);
    expect(enableDay).toEqual([
      { employeeId: 'E1', kind: 'enable', event: 'joiner', reasons: ['start date 2027-01-04 minus 3 days'] },
    ]);
  });

  it('creates nothing for a person without an account rule, a future person or a leaver never created', () => {
    const noAccount = context([rule({ name: 'G', entitlements: [{ kind: 'group', name: 'G' }] })]);
    expect(planPerson(desiredState(ann(), noAccount, '2027-02-01'), EMPTY_APPLIED_STATE, settings)).toEqual(
      [],
    );
    const windowed = context(rules, { createDaysBeforeStart: 5 });
    expect(planPerson(desiredState(ann(), windowed, '2026-12-01'), EMPTY_APPLIED_STATE, settings)).toEqual(
      [],
    );
    expect(planPerson(desiredState(ann(), ctx, '2027-07-02'), EMPTY_APPLIED_STATE, settings)).toEqual([]);
  });
});

describe('no change', () => {
  it('plans nothing when the account is as desired', () => {
    const desired = desiredState(ann(), ctx, '2027-02-01');
    expect(planPerson(desired, appliedFrom(desired), settings)).toEqual([]);
  });

  it('ignores case in group names and licence ids, and blank versus null attributes', () => {
    const desired = desiredState(ann(), ctx, '2027-02-01');
    const applied = appliedFrom(desired);
    const loose = {
      ...applied,
      groups: ['DEPT-SALES'],
      licences: [SKU_E3.toUpperCase()],
      attributes: { ...applied.attributes, companyName: '' },
    };
    expect(planPerson(desired, loose, settings)).toEqual([]);
  });
});

describe('mover', () => {
  const before = desiredState(ann(), ctx, '2027-02-01');
  const applied = appliedFrom(before);

  it('updates only changed attributes, moves groups and sets the new manager', () => {
    const moved = desiredState(
      ann({ department: 'Finance', title: 'Analyst', managerEmployeeId: 'M2' }),
      ctx,
      '2027-02-01',
    );
    const actions = planPerson(moved, applied, settings);
    expect(kinds(actions)).toEqual(['updateAttributes', 'setManager', 'removeGroups', 'addGroups']);
    expect(actions[0]).toMatchObject({
      event: 'mover',
      changes: [
        { attribute: 'jobTitle', from: 'Rep', to: 'Analyst' },
        { attribute: 'department', from: 'Sales', to: 'Finance' },
      ],
    });
    expect(actions[1]).toMatchObject({ managerEmployeeId: 'M2', event: 'mover' });
    expect(actions[2]).toMatchObject({ groups: ['Dept-Sales'], reasons: ['no rule grants it any more'] });
    expect(actions[3]).toMatchObject({ groups: [{ name: 'Dept-Finance' }], reasons: ['Departments'] });
  });

  it('renames on a name change when the setting is on, and not otherwise', () => {
    const renamed = desiredState(ann({}, { surname: 'Jones' }), ctx, '2027-02-01');
    const actions = planPerson(renamed, applied, settings);
    expect(actions[0]).toMatchObject({
      kind: 'rename',
      event: 'mover',
      from: { first: 'Ann', last: 'Smith' },
      to: { first: 'Ann', last: 'Jones' },
    });
    expect(kinds(actions)).toEqual(['rename', 'updateAttributes']);
    expect(kinds(planPerson(renamed, applied, { ...settings, renameOnNameChange: false }))).toEqual([
      'updateAttributes',
    ]);
  });

  it('only removes groups Rollcall granted', () => {
    const desired = desiredState(ann(), ctx, '2027-02-01');
    const extra = { ...appliedFrom(desired), groups: ['Dept-Sales', 'Old-Rule-Group'] };
    expect(planPerson(desired, extra, settings)).toMatchObject([
      { kind: 'removeGroups', groups: ['Old-Rule-Group'] },
    ]);
  });

  it('swaps licences, removal first, and labels entitlement changes as rules after a publish', () => {
    const e5 = context([
      rule({ name: 'Staff E5', entitlements: [{ kind: 'account' }, { kind: 'licence', skuId: SKU_E5 }] }),
    ]);
    const desired = desiredState(ann(), e5, '2027-02-01');
    const actions = planPerson(desired, { ...applied, groups: [] }, settings, { trigger: 'rules' });
    expect(actions).toMatchObject([
      { kind: 'removeLicences', skuIds: [SKU_E3], event: 'rules' },
      { kind: 'assignLicences', licences: [{ skuId: SKU_E5 }], event: 'rules', reasons: ['Staff E5'] },
    ]);
  });

  it('disables an enabled account whose start date moved later', () => {
    const later = desiredState(ann({ startDate: '2027-03-01' }), ctx, '2027-02-01');
    expect(planPerson(later, applied, settings)).toMatchObject([
      { kind: 'disable', event: 'mover', reasons: ['start date 2027-03-01 known; enabled from 2027-02-26'] },
      {
        kind: 'updateAttributes',
        changes: [{ attribute: 'employeeHireDate', from: '2027-01-04', to: '2027-03-01' }],
      },
    ]);
  });
});

describe('leaver', () => {
  const active = desiredState(ann(), ctx, '2027-06-30');
  const applied = appliedFrom(active);

  it('disables, revokes sessions and removes every granted group and licence after the end date', () => {
    const actions = planPerson(desiredState(ann(), ctx, '2027-07-01'), applied, settings);
    expect(actions).toEqual([
      { employeeId: 'E1', kind: 'disable', event: 'leaver', reasons: ['end date 2027-06-30 passed'] },
      { employeeId: 'E1', kind: 'revokeSessions', event: 'leaver', reasons: ['end date 2027-06-30 passed'] },
      {
        employeeId: 'E1',
        kind: 'removeGroups',
        groups: ['Dept-Sales'],
        event: 'leaver',
        reasons: ['end date 2027-06-30 passed'],
      },
      {
        employeeId: 'E1',
        kind: 'removeLicences',
        skuIds: [SKU_E3],
        event: 'leaver',
        reasons: ['end date 2027-06-30 passed'],
      },
    ]);
    expect(
      kinds(
        planPerson(desiredState(ann(), ctx, '2027-07-01'), applied, {
          ...settings,
          revokeSessionsOnLeave: false,
        }),
      ),
    ).toEqual(['disable', 'removeGroups', 'removeLicences']);
  });

  it('after the leaver actions, plans nothing until purge, then deletes once', () => {
    const left = desiredState(ann(), ctx, '2027-07-10');
    const afterLeave = { ...applied, enabled: false, groups: [], licences: [] };
    expect(planPerson(left, afterLeave, settings)).toEqual([]);
    const purge = desiredState(ann(), ctx, '2027-07-30');
    expect(planPerson(purge, afterLeave, settings)).toEqual([
      { employeeId: 'E1', kind: 'delete', event: 'leaver', reasons: ['end date 2027-06-30 plus 30 days'] },
    ]);
    expect(planPerson(purge, { ...afterLeave, deleted: true }, settings)).toEqual([]);
  });

  it('a person removed from the source leaves on the day of removal', () => {
    const actions = planPerson(desiredState(ann(), ctx, '2027-03-01', '2027-03-01'), applied, settings);
    expect(actions[0]).toMatchObject({
      kind: 'disable',
      event: 'leaver',
      reasons: ['removed from source on 2027-03-01'],
    });
  });

  it('an account whose start date moved past the create window is disabled and stripped as a mover event', () => {
    const windowed = context(rules, { createDaysBeforeStart: 10, enableDaysBeforeStart: 3 });
    const actions = planPerson(
      desiredState(ann({ startDate: '2027-09-01', endDate: null }), windowed, '2027-02-01'),
      applied,
      settings,
    );
    expect(kinds(actions)).toEqual(['disable', 'revokeSessions', 'removeGroups', 'removeLicences']);
    expect(actions[0]).toMatchObject({
      event: 'mover',
      reasons: ['start date 2027-09-01 minus 10 days not reached'],
    });
  });

  it('an account no rule grants any more is disabled and stripped as a rules event', () => {
    const groupsOnly = context([rule({ name: 'G', entitlements: [{ kind: 'group', name: 'G' }] })]);
    const actions = planPerson(desiredState(ann(), groupsOnly, '2027-02-01'), applied, settings);
    expect(kinds(actions)).toEqual(['disable', 'revokeSessions', 'removeGroups', 'removeLicences']);
    expect(actions[0]).toMatchObject({ event: 'rules', reasons: ['no rule grants an account any more'] });
  });
});

describe('write-back', () => {
  const writeBack = { writeBack: true };
  const active = desiredState(ann(), ctx, '2027-02-01');
  const told = (applied: HrAppliedState): HrAppliedState => ({
    ...applied,
    writtenBack: { userPrincipalName: applied.userPrincipalName, mail: applied.mail },
  });

  it('a joiner writes back last, after the create and everything else', () => {
    const actions = planPerson(active, EMPTY_APPLIED_STATE, settings, writeBack);
    expect(kinds(actions)).toEqual([
      'create',
      'setManager',
      'addGroups',
      'assignLicences',
      'enable',
      'writeBack',
    ]);
    expect(actions.at(-1)).toEqual({
      employeeId: 'E1',
      kind: 'writeBack',
      event: 'joiner',
      reasons: ['the source takes the new account’s UPN and e-mail'],
    });
  });

  it('plans nothing once the source has the addresses, in any case', () => {
    const applied = told(appliedFrom(active));
    expect(planPerson(active, applied, settings, writeBack)).toEqual([]);
    const upper = {
      ...applied,
      writtenBack: { userPrincipalName: 'Ann.Smith@Contoso.com', mail: 'ANN.SMITH@contoso.com' },
    };
    expect(planPerson(active, upper, settings, writeBack)).toEqual([]);
  });

  it('an account the source was never told about (state saved before write-back) is written back alone', () => {
    expect(planPerson(active, appliedFrom(active), settings, writeBack)).toEqual([
      {
        employeeId: 'E1',
        kind: 'writeBack',
        event: 'joiner',
        reasons: ['the source was never told the UPN and e-mail'],
      },
    ]);
  });

  it('a rename writes back the new address after the rename', () => {
    const renamed = desiredState(ann({}, { surname: 'Jones' }), ctx, '2027-02-01');
    const actions = planPerson(renamed, told(appliedFrom(active)), settings, writeBack);
    expect(kinds(actions)).toEqual(['rename', 'updateAttributes', 'writeBack']);
    expect(actions.at(-1)).toMatchObject({
      event: 'mover',
      reasons: ['the rename changes the UPN and e-mail'],
    });
  });

  it('an address that differs from what the source was told is written back', () => {
    const applied = { ...told(appliedFrom(active)), mail: 'ann.jones@contoso.com' };
    expect(planPerson(active, applied, settings, writeBack)).toMatchObject([
      { kind: 'writeBack', event: 'mover', reasons: ['the source has another UPN or e-mail'] },
    ]);
  });

  it('nothing without write-back, without an account, for a deleted account or a purge', () => {
    expect(kinds(planPerson(active, EMPTY_APPLIED_STATE, settings))).not.toContain('writeBack');
    expect(planPerson(active, appliedFrom(active), settings)).toEqual([]);
    const noAccount = context([rule({ name: 'G', entitlements: [{ kind: 'group', name: 'G' }] })]);
    expect(
      planPerson(desiredState(ann(), noAccount, '2027-02-01'), EMPTY_APPLIED_STATE, settings, writeBack),
    ).toEqual([]);
    const purge = desiredState(ann(), ctx, '2027-07-30');
    const left = { ...appliedFrom(active), enabled: false, groups: [], licences: [] };
    expect(kinds(planPerson(purge, left, settings, writeBack))).toEqual(['delete']);
    expect(planPerson(purge, { ...left, deleted: true }, settings, writeBack)).toEqual([]);
  });
});

describe('write-back support', () => {
  const base = {
    lifecycle: settings,
    usageLocation: 'GB',
    attributes: { displayName: '{givenName} {surname}' },
  };
  const json = (writeBackUrl: string | null) => ({
    url: 'https://hr.example.com/people',
    itemsPath: 'value',
    nextLinkPath: '',
    contractsPath: '',
    mapping: { employeeId: 'id', givenName: 'first', surname: 'last', startDate: 'start' },
    customPaths: {},
    writeBackUrl,
  });
  const supports = (source: object) => {
    const result = evaluationContext({ ...base, ...source }, rules);
    if (!result.ok) throw new Error('does not compile');
    return result.context.writeBack;
  };

  it('only a JSON source with a write-back URL takes the addresses back', () => {
    expect(supports({ kind: 'json', json: json('https://hr.example.com/people/{employeeId}') })).toBe(true);
    expect(supports({ kind: 'json', json: json(null) })).toBe(false);
    expect(supports({ kind: 'csv', json: null })).toBe(false);
    expect(supports({ kind: 'scim', json: null })).toBe(false);
  });
});
