import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PlannedUser } from '../../../contracts/entra/import-plan.js';
import { InvalidPlanError } from '../../errors.js';
import { DESK_USER_KIND } from './desk-fields.js';
import { managersFirst, preparePlan } from './plan-records.js';

const tenantId = randomUUID();

function create(entraId: string, manager: string | null): PlannedUser {
  return {
    tenantId,
    entraId,
    displayName: entraId,
    outcome: 'create',
    reasonCode: 'created',
    reason: '',
    mappingId: null,
    deskId: null,
    site: { siteId: randomUUID() },
    values: { displayName: entraId, manager },
    changes: [],
    roleIds: null,
    candidates: [],
    agent: null,
  };
}

describe('managersFirst', () => {
  const order = (pairs: [string, string | undefined][]) =>
    managersFirst(
      pairs,
      ([key]) => key,
      ([, manager]) => manager,
    ).map(([key]) => key);

  it('puts every manager before the people they manage', () => {
    expect(
      order([
        ['a', 'b'],
        ['b', 'c'],
        ['c', undefined],
        ['d', 'b'],
      ]),
    ).toEqual(['c', 'b', 'a', 'd']);
  });

  it('keeps everyone of a loop exactly once', () => {
    expect(
      order([
        ['x', 'y'],
        ['y', 'z'],
        ['z', 'x'],
      ]),
    ).toEqual(['z', 'y', 'x']);
  });
});

describe('preparePlan', () => {
  const ids = Array.from({ length: 3 }, () => randomUUID());
  const [a, b, c] = ids as [string, string, string];

  it('resolves managers created by the same or an earlier chunk, and defers the rest', () => {
    // A loop a → b → c → a cannot be ordered: c comes first, so its manager a is two chunks later.
    const plan = preparePlan(DESK_USER_KIND, [create(a, b), create(b, c), create(c, a)], 1);
    const idOf = new Map(plan.creates.map((r) => [r.planned.entraId, r.id]));

    expect(plan.creates.map((r) => r.planned.entraId)).toEqual([c, b, a]);
    expect(plan.creates.map((r) => r.managerId)).toEqual([null, idOf.get(c), idOf.get(b)]);
    expect(plan.deferredManagers).toEqual([{ id: idOf.get(c), managerId: idOf.get(a) }]);
  });

  it('looks up a manager the plan does not know among linked desk records', () => {
    const outsider = randomUUID();
    const [record] = preparePlan(DESK_USER_KIND, [create(a, outsider.toUpperCase())], 10).creates;
    expect(record).toMatchObject({ managerId: null, managerLookup: outsider });
  });

  it('writes an update from its changes, and a deactivation always deactivates', () => {
    const deskId = randomUUID();
    const update: PlannedUser = {
      ...create(a, null),
      outcome: 'update',
      deskId,
      values: null,
      roleIds: ['r1'],
      changes: [
        { field: 'tenantId', before: null, after: tenantId },
        { field: 'entraObjectId', before: null, after: a },
        { field: 'jobTitle', before: 'Intern', after: 'Engineer' },
        { field: 'site', before: 'x', after: 'y' },
        { field: 'roleIds', before: '', after: 'r1' },
        { field: 'inactive', before: 'true', after: 'false' },
      ],
    };
    const leaver: PlannedUser = {
      ...create(b, null),
      outcome: 'deactivate',
      deskId: randomUUID(),
      values: null,
    };
    const [updated, deactivated] = preparePlan(DESK_USER_KIND, [update, leaver], 10).updates;

    expect(updated).toMatchObject({
      id: deskId,
      setManager: false,
      split: { text: { job_title: 'Engineer' }, inactive: false },
    });
    expect([...updated!.parts].sort()).toEqual(['roleIds', 'site']);
    expect(deactivated).toMatchObject({ split: { text: {}, inactive: true } });
    expect(deactivated!.parts.size).toBe(0);
  });

  it('refuses a plan naming an Entra user twice or writing an unknown field', () => {
    expect(() => preparePlan(DESK_USER_KIND, [create(a, null), create(a.toUpperCase(), null)], 10)).toThrow(
      InvalidPlanError,
    );
    const odd = { ...create(a, null), values: { shoeSize: '9' } };
    expect(() => preparePlan(DESK_USER_KIND, [odd], 10)).toThrow(/unknown desk field "shoeSize"/);
  });
});
