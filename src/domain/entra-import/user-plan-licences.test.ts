import { describe, expect, it } from 'vitest';
import type { DirectoryUser, EntraImportConfig, PlanDeskUser } from '../../contracts/entra/index.js';
import { planUserImport } from './user-plan.js';
import { TENANT, config, deskUser, dirUser, linkedTo, mapping, site } from './testing/fixtures.js';

const E3 = 'c7df2760-2c81-4ef7-b578-5b5392b571df';
const BASIC = '3b555118-da6a-4418-894f-7df1e2096870';
const everyone = mapping.existingSite({ id: 'm', sequence: 1, siteId: 's-main', description: 'Staff' });

const holding = (id: string, skus: string[], extra: Partial<DirectoryUser> = {}) =>
  dirUser(id, {
    licences: skus.map((skuId) => ({ skuId, disabledPlans: [], viaGroup: false })),
    ...extra,
  });

function plan(directory: DirectoryUser[], overrides: Partial<EntraImportConfig>, users: PlanDeskUser[] = []) {
  return planUserImport({
    config: config({ siteMappings: [everyone], ...overrides }),
    directory,
    desk: { users, sites: [site('s-main', 'cust', 'Main')] },
    tenantIds: [TENANT],
    mode: 'full',
  });
}
const outcomes = (result: ReturnType<typeof plan>) =>
  result.users.map((u) => [u.entraId, u.outcome, u.reasonCode]);

describe('licence check', () => {
  const directory = [holding('a', [E3]), holding('b', [BASIC]), holding('c', [])];

  it('off: everyone a mapping matches is imported, whatever they hold', () => {
    expect(outcomes(plan(directory, {}))).toEqual([
      ['a', 'create', 'created'],
      ['b', 'create', 'created'],
      ['c', 'create', 'created'],
    ]);
  });

  it('include: only holders of a chosen licence are imported; the others say which check left them out', () => {
    const result = plan(directory, { licenceCheck: { type: 'include', skuIds: [E3] } });
    expect(outcomes(result)).toEqual([
      ['a', 'create', 'created'],
      ['b', 'excluded', 'excluded.licenceCheck'],
      ['c', 'excluded', 'excluded.licenceCheck'],
    ]);
    expect(result.users[1]!.reason).toBe(
      `excluded: licence check "include" imports only users holding licence ${E3}, and this user holds none`,
    );
    expect(result.users[1]!.mappingId).toBe('m');
  });

  it('exclude: holders of a chosen licence are not imported', () => {
    const result = plan(directory, { licenceCheck: { type: 'exclude', skuIds: [E3, BASIC] } });
    expect(outcomes(result)).toEqual([
      ['a', 'excluded', 'excluded.licenceCheck'],
      ['b', 'excluded', 'excluded.licenceCheck'],
      ['c', 'create', 'created'],
    ]);
    expect(result.users[0]!.reason).toContain('leaves out users holding any of the licences');
  });

  it('serviceAccount: users holding none of the chosen licences are imported as service accounts', () => {
    const result = plan(directory, { licenceCheck: { type: 'serviceAccount', skuIds: [E3] } });
    expect(outcomes(result).map(([, outcome]) => outcome)).toEqual(['create', 'create', 'create']);
    expect(result.users.map((u) => u.values?.['isServiceAccount'])).toEqual(['false', 'true', 'true']);
  });

  it('serviceAccount: a linked user who gains the licence stops being a service account', () => {
    const desk = [deskUser('d1', { ...linkedTo('b'), values: { isServiceAccount: 'true' } })];
    const result = plan(
      [holding('b', [E3])],
      { licenceCheck: { type: 'serviceAccount', skuIds: [E3] } },
      desk,
    );
    expect(result.users[0]!.changes).toContainEqual({
      field: 'isServiceAccount',
      before: 'true',
      after: 'false',
    });
  });

  it('an excluded user that was linked is made inactive, as every other exclusion does', () => {
    const desk = [deskUser('d1', { ...linkedTo('b') })];
    const result = plan([holding('b', [BASIC])], { licenceCheck: { type: 'include', skuIds: [E3] } }, desk);
    expect(result.users.map((u) => [u.outcome, u.reasonCode, u.deskId])).toEqual([
      ['deactivate', 'deactivated.notFound', 'd1'],
    ]);
    expect(result.users[0]!.reason).toMatch(/^excluded: licence check "include".*is no longer imported/);
    const kept = plan(
      [holding('b', [BASIC])],
      {
        licenceCheck: { type: 'include', skuIds: [E3] },
        import: { ...config().import, deactivateNotFound: false },
      },
      desk,
    );
    expect(outcomes(kept)).toEqual([['b', 'excluded', 'excluded.licenceCheck']]);
  });

  it('users whose licences were not read are not judged by them', () => {
    const unknown = dirUser('u');
    expect(outcomes(plan([unknown], { licenceCheck: { type: 'include', skuIds: [E3] } }))).toEqual([
      ['u', 'create', 'created'],
    ]);
  });
});

describe('contract compliance', () => {
  const directory = [holding('a', [E3]), holding('b', [BASIC])];

  it('records covered for holders and flagged or refused for the others, per mode', () => {
    const flag = plan(directory, { compliance: { mode: 'flag', skuIds: [E3] } });
    expect(flag.users.map((u) => u.values?.['contractCoverage'])).toEqual(['covered', 'flagged']);
    const refuse = plan(directory, { compliance: { mode: 'refuse', skuIds: [E3] } });
    expect(refuse.users.map((u) => u.values?.['contractCoverage'])).toEqual(['covered', 'refused']);
  });

  it('off: nothing is recorded, and a coverage recorded earlier is cleared', () => {
    expect(plan(directory, {}).users.map((u) => u.values?.['contractCoverage'])).toEqual([
      undefined,
      undefined,
    ]);
    const desk = [deskUser('d1', { ...linkedTo('b'), values: { contractCoverage: 'refused' } })];
    const result = plan([holding('b', [BASIC])], {}, desk);
    expect(result.users[0]!.changes).toContainEqual({
      field: 'contractCoverage',
      before: 'refused',
      after: null,
    });
  });
});

describe('status from accountEnabled', () => {
  const off = { import: { ...config().import, statusFromAccountEnabled: false } };

  it('on (the default): a disabled user makes its record inactive and is not created', () => {
    const desk = [deskUser('d1', { ...linkedTo('a') })];
    const result = plan(
      [dirUser('a', { accountEnabled: false }), dirUser('b', { accountEnabled: false })],
      {},
      desk,
    );
    expect(outcomes(result)).toEqual([
      ['a', 'deactivate', 'deactivated.disabled'],
      ['b', 'excluded', 'excluded.disabled'],
    ]);
  });

  it('off: a disabled user is imported like any other and its record stays active', () => {
    const desk = [deskUser('d1', { ...linkedTo('a'), values: { displayName: 'User a' } })];
    const result = plan(
      [dirUser('a', { accountEnabled: false }), dirUser('b', { accountEnabled: false })],
      off,
      desk,
    );
    expect(outcomes(result)).toEqual([
      ['a', 'update', 'matched.linked'],
      ['b', 'create', 'created'],
    ]);
    expect(result.users[0]!.changes.some((c) => c.field === 'inactive')).toBe(false);
  });

  it('off: an enabled user does not reactivate an inactive record', () => {
    const desk = [deskUser('d1', { ...linkedTo('a'), inactive: true })];
    const result = plan([dirUser('a')], off, desk);
    expect(result.users[0]!.changes.some((c) => c.field === 'inactive')).toBe(false);
    expect(result.users[0]!.reason).toContain('stays inactive (account status is not imported)');
    expect(plan([dirUser('a')], {}, desk).users[0]!.changes).toContainEqual({
      field: 'inactive',
      before: 'true',
      after: 'false',
    });
  });

  it('off: users no longer found are still made inactive', () => {
    const desk = [deskUser('d1', { ...linkedTo('gone') })];
    expect(outcomes(plan([], off, desk))).toEqual([['gone', 'deactivate', 'deactivated.notFound']]);
  });
});
