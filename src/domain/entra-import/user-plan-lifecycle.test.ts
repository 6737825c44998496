import { describe, expect, it } from 'vitest';
import type { DirectoryUser, EntraImportConfig, PlanDeskUser } from '../../contracts/entra/index.js';
import { planUserImport, type UserPlanInput } from './user-plan.js';
import {
  OTHER_TENANT,
  TENANT,
  config,
  deskUser,
  dirUser,
  linkedTo,
  mapping,
  site,
} from './testing/fixtures.js';

const londoners = mapping.existingSite({
  id: 'm',
  sequence: 1,
  siteId: 's-main',
  groupName: 'London',
  description: 'London',
});
function plan(
  directory: DirectoryUser[],
  users: PlanDeskUser[],
  opts: Partial<UserPlanInput> & { overrides?: Partial<EntraImportConfig> } = {},
) {
  return planUserImport({
    config: config({ siteMappings: [londoners], ...opts.overrides }),
    directory,
    desk: { users, sites: [site('s-main', 'cust', 'Main')] },
    tenantIds: [TENANT],
    mode: 'full',
    ...opts,
  });
}
const inLondon = (id: string, extra: Partial<DirectoryUser> = {}) =>
  dirUser(id, { groups: ['London'], ...extra });
const record = (id: string, entraId: string, extra: Partial<PlanDeskUser> = {}) =>
  deskUser(id, { ...linkedTo(entraId), ...extra });

describe('disabled accounts', () => {
  it('make the linked record inactive; without one they are not imported', () => {
    const result = plan(
      [inLondon('a', { accountEnabled: false }), inLondon('b', { accountEnabled: false })],
      [record('d1', 'a')],
    );
    expect(result.users.map((u) => [u.entraId, u.outcome, u.reasonCode, u.deskId, u.changes])).toEqual([
      [
        'a',
        'deactivate',
        'deactivated.disabled',
        'd1',
        [{ field: 'inactive', before: 'false', after: 'true' }],
      ],
      ['b', 'excluded', 'excluded.disabled', null, []],
    ]);
    expect(result.users[1]!.reason).toBe('excluded: account disabled in Entra');
  });

  it('an already inactive record is unchanged', () => {
    const [planned] = plan(
      [inLondon('a', { accountEnabled: false })],
      [record('d1', 'a', { inactive: true })],
    ).users;
    expect(planned).toMatchObject({ outcome: 'unchanged', reasonCode: 'deactivated.disabled', changes: [] });
  });

  it('a re-enabled user that matches again reactivates its record', () => {
    const [planned] = plan(
      [inLondon('a')],
      [record('d1', 'a', { inactive: true, values: { displayName: 'User a' } })],
    ).users;
    expect(planned).toMatchObject({ outcome: 'update', reasonCode: 'matched.linked' });
    expect(planned!.changes).toContainEqual({ field: 'inactive', before: 'true', after: 'false' });
    expect(planned!.reason).toMatch(/; reactivated$/);
  });
});

describe('users not found or no longer imported', () => {
  const desk = [
    record('d3', 'gone'),
    record('d2', 'left-group'),
    record('d1', 'other', { tenantId: OTHER_TENANT }),
    record('d4', 'gone-too', { inactive: true }),
  ];
  const directory = [inLondon('stays'), dirUser('left-group')];

  it('full runs make active records of covered tenants inactive, never delete, and say why', () => {
    const result = plan(directory, desk);
    expect(result.users.map((u) => [u.entraId, u.outcome, u.reasonCode, u.deskId])).toEqual([
      ['gone', 'deactivate', 'deactivated.notFound', 'd3'],
      ['left-group', 'deactivate', 'deactivated.notFound', 'd2'],
      ['stays', 'create', 'created', null],
    ]);
    expect(result.users[0]!.reason).toBe('not found in Entra tenant tenant-a; desk user d3 is made inactive');
    expect(result.users[1]!.reason).toBe(
      'excluded: not a member of group "London" (site mapping "London", seq 1); desk user d2 is no longer imported and is made inactive',
    );
  });

  it('partial runs decide only the listed users (a listed user no longer imported is still made inactive)', () => {
    const result = plan(directory, desk, { mode: 'partial' });
    expect(result.users.map((u) => [u.entraId, u.outcome])).toEqual([
      ['left-group', 'deactivate'],
      ['stays', 'create'],
    ]);
  });

  it('with deactivation of users not found off, nothing is made inactive', () => {
    const overrides = {
      import: {
        deactivateNotFound: false,
        massDeactivationGuardPercent: 20,
        importLastSignIn: false,
        statusFromAccountEnabled: true,
      },
    };
    const result = plan(directory, desk, { overrides });
    expect(result.users.map((u) => [u.entraId, u.outcome])).toEqual([
      ['left-group', 'excluded'],
      ['stays', 'create'],
    ]);
  });
});

describe('duplicate links to a user not found', () => {
  it('go to review as one entry instead of two deactivations', () => {
    const result = plan(
      [],
      [
        record('d1', 'gone'),
        record('d2', 'GONE'),
        record('d3', 'old', { inactive: true }),
        record('d4', 'old'),
      ],
    );
    expect(result.users.map((u) => [u.entraId, u.outcome, u.reasonCode, u.candidates])).toEqual([
      ['gone', 'review', 'review.linkedElsewhere', ['d1', 'd2']],
      ['old', 'review', 'review.linkedElsewhere', ['d3', 'd4']],
    ]);
    expect(
      plan([], [record('d3', 'old', { inactive: true }), record('d5', 'old', { inactive: true })]).users,
    ).toEqual([]);
  });
});

describe('mass deactivation guard', () => {
  const desk = Array.from({ length: 10 }, (_, i) => record(`d${i}`, `u${i}`));
  const everyone = (n: number) => Array.from({ length: n }, (_, i) => inLondon(`u${i}`));

  it('trips when more than the limit of linked active records would be made inactive', () => {
    expect(plan(everyone(8), desk).guard).toEqual({
      tripped: false,
      wouldDeactivate: 2,
      linked: 10,
      percent: 20,
      limitPercent: 20,
    });
    expect(plan(everyone(7), desk).guard).toEqual({
      tripped: true,
      wouldDeactivate: 3,
      linked: 10,
      percent: 30,
      limitPercent: 20,
    });
  });

  it('counts disabled users too, and does not trip on an empty desk', () => {
    expect(
      plan([inLondon('u0', { accountEnabled: false }), ...everyone(10).slice(1)], desk).guard.wouldDeactivate,
    ).toBe(1);
    expect(plan(everyone(3), []).guard).toEqual({
      tripped: false,
      wouldDeactivate: 0,
      linked: 0,
      percent: 0,
      limitPercent: 20,
    });
  });
});

describe('determinism', () => {
  it('sorts entries by tenant and Entra id whatever the input order', () => {
    const directory = [inLondon('c'), inLondon('a', { tenantId: OTHER_TENANT }), inLondon('b')];
    const result = plan(directory, [], { tenantIds: [TENANT, OTHER_TENANT] });
    expect(result.users.map((u) => `${u.tenantId}/${u.entraId}`)).toEqual([
      'tenant-a/b',
      'tenant-a/c',
      'tenant-b/a',
    ]);
  });
});

describe('partial runs with users deleted in Entra', () => {
  const desk = [record('d1', 'soft'), record('d2', 'purged'), record('d3', 'untouched')];
  const removed = [
    { tenantId: TENANT, id: 'soft', reason: 'changed' as const },
    { tenantId: TENANT, id: 'purged', reason: 'deleted' as const },
  ];

  it('make the linked records inactive, saying how the user was deleted, and leave the others alone', () => {
    const result = plan([], desk, { mode: 'partial', removed, linkedTotal: 100 });
    expect(result.users.map((u) => [u.entraId, u.outcome, u.reasonCode, u.deskId])).toEqual([
      ['purged', 'deactivate', 'deactivated.notFound', 'd2'],
      ['soft', 'deactivate', 'deactivated.notFound', 'd1'],
    ]);
    expect(result.users[0]!.reason).toBe(
      `permanently deleted in Entra tenant ${TENANT}; desk user d2 is made inactive`,
    );
    expect(result.users[1]!.reason).toBe(
      `deleted in Entra tenant ${TENANT} (restorable from its deleted items for 30 days); desk user d1 is made inactive`,
    );
  });

  it('count the guard against every linked record of the tenant, not the few loaded', () => {
    const result = plan([], desk, { mode: 'partial', removed, linkedTotal: 100 });
    expect(result.guard).toMatchObject({ wouldDeactivate: 2, linked: 100, tripped: false });
    expect(plan([], desk, { mode: 'partial', removed, linkedTotal: 5 }).guard.tripped).toBe(true);
  });

  it('a deleted user that comes back in the same round is decided as found', () => {
    const result = plan([inLondon('soft')], desk, {
      mode: 'partial',
      removed: [removed[0]!],
      linkedTotal: 100,
    });
    expect(result.users.map((u) => [u.entraId, u.outcome])).toEqual([['soft', 'update']]);
  });

  it('with deactivation of users not found off, nothing is made inactive', () => {
    const overrides = {
      import: {
        deactivateNotFound: false,
        massDeactivationGuardPercent: 20,
        importLastSignIn: false,
        statusFromAccountEnabled: true,
      },
    };
    expect(plan([], desk, { mode: 'partial', removed, overrides }).users).toEqual([]);
  });
});
