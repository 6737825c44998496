import { describe, expect, it } from 'vitest';
import type { DirectoryUser, EntraImportConfig, PlanDeskUser } from '../../contracts/entra/index.js';
import { planUserImport } from './user-plan.js';
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

const everyone = mapping.existingSite({ id: 'm', sequence: 1, siteId: 's-main' });
function plan(directory: DirectoryUser[], users: PlanDeskUser[], overrides: Partial<EntraImportConfig> = {}) {
  return planUserImport({
    config: config({ siteMappings: [everyone], ...overrides }),
    directory,
    desk: { users, sites: [site('s-main', 'cust', 'Main')] },
    tenantIds: [TENANT, OTHER_TENANT],
    mode: 'full',
  });
}
const withMail = (id: string, mail: string | null, extra: Partial<DirectoryUser> = {}) =>
  dirUser(id, { fields: { mail }, ...extra });
const byEmail = (id: string, email: string, extra: Partial<PlanDeskUser> = {}) =>
  deskUser(id, { values: { email }, ...extra });

describe('matching Entra users to desk records', () => {
  it('uses the link first, even when another record has the same email', () => {
    const result = plan(
      [withMail('a', 'ann@x.example')],
      [byEmail('d2', 'ann@x.example'), byEmail('d1', 'old@x.example', linkedTo('a'))],
    );
    expect(result.users[0]).toMatchObject({ outcome: 'update', reasonCode: 'matched.linked', deskId: 'd1' });
  });

  it('adopts the one unlinked record with the same email (case-insensitive), writing the link', () => {
    const [planned] = plan([withMail('a', 'Ann@X.example')], [byEmail('d1', 'ann@x.example ')]).users;
    expect(planned).toMatchObject({ outcome: 'update', reasonCode: 'matched.adopted', deskId: 'd1' });
    expect(planned!.reason).toBe(
      'matched site mapping "existing site" (seq 1); adopted desk user d1 by email on site "Main"',
    );
    expect(planned!.changes.slice(0, 3)).toEqual([
      { field: 'tenantId', before: null, after: TENANT },
      { field: 'entraObjectId', before: null, after: 'a' },
      { field: 'displayName', before: null, after: 'User a' },
    ]);
    expect(planned!.changes).toContainEqual({
      field: 'email',
      before: 'ann@x.example ',
      after: 'Ann@X.example',
    });
  });

  it('never adopts a record linked to another Entra user: creates instead', () => {
    const result = plan(
      [withMail('b', 'ann@x.example')],
      [byEmail('d1', 'ann@x.example', linkedTo('a', OTHER_TENANT))],
    );
    expect(result.users.find((u) => u.entraId === 'b')).toMatchObject({ outcome: 'create' });
  });

  it('two candidates: review with both listed, never a guess', () => {
    const [planned] = plan(
      [withMail('a', 'ann@x.example')],
      [byEmail('d2', 'ANN@x.example'), byEmail('d1', 'ann@x.example')],
    ).users;
    expect(planned).toMatchObject({
      outcome: 'review',
      reasonCode: 'review.ambiguousMatch',
      candidates: ['d1', 'd2'],
      deskId: null,
    });
    expect(planned!.reason).toBe(
      'review: 2 desk records match by email "ann@x.example" (d1, d2); link one by hand',
    );
  });

  it('tries the matching fields in order, falling through when a field finds nothing or is blank', () => {
    const fields: EntraImportConfig['matching'] = { fields: ['email', 'userPrincipalName'] };
    const desk = [deskUser('d1', { values: { userPrincipalName: 'ann@corp.example' } })];
    const directory = [
      withMail('a', 'ann@x.example', { userPrincipalName: 'ANN@corp.example' }),
      withMail('b', null, { userPrincipalName: 'bob@corp.example' }),
    ];
    expect(
      plan(directory, desk, { matching: fields }).users.map((u) => [u.entraId, u.reasonCode, u.deskId]),
    ).toEqual([
      ['a', 'matched.adopted', 'd1'],
      ['b', 'created', null],
    ]);
  });

  it('a record that is the only candidate of two Entra users goes to review for both, in any order', () => {
    const directory = [
      withMail('a', 'shared@x.example'),
      withMail('b', 'Shared@x.example', { tenantId: OTHER_TENANT }),
    ];
    for (const dir of [directory, [...directory].reverse()]) {
      const result = plan(dir, [byEmail('d1', 'shared@x.example')]);
      expect(result.users.map((u) => [u.entraId, u.outcome, u.candidates])).toEqual([
        ['a', 'review', ['d1']],
        ['b', 'review', ['d1']],
      ]);
      expect(result.users[0]!.reason).toBe(
        'review: desk record d1 is the only match by email "shared@x.example" of 2 Entra users; link it to the right one by hand',
      );
    }
  });

  it('a record adopted in this run is no longer a candidate of anyone else (as after applying)', () => {
    const fields: EntraImportConfig['matching'] = { fields: ['email', 'userPrincipalName'] };
    const desk = [
      deskUser('d1', { values: { email: 'team@x.example', userPrincipalName: 'ann@corp.example' } }),
      byEmail('d2', 'team@x.example'),
    ];
    const directory = [
      withMail('a', null, { userPrincipalName: 'ann@corp.example' }),
      withMail('b', 'team@x.example', { userPrincipalName: null }),
    ];
    expect(
      plan(directory, desk, { matching: fields }).users.map((u) => [u.entraId, u.reasonCode, u.deskId]),
    ).toEqual([
      ['a', 'matched.adopted', 'd1'],
      ['b', 'matched.adopted', 'd2'],
    ]);
  });

  it('duplicate display names and emails in Entra create separate records when nothing matches', () => {
    const directory = [
      withMail('a', 'info@x.example', { displayName: 'Sam' }),
      withMail('b', 'info@x.example', { displayName: 'Sam' }),
    ];
    const result = plan(directory, []);
    expect(result.users.map((u) => [u.entraId, u.outcome])).toEqual([
      ['a', 'create'],
      ['b', 'create'],
    ]);
  });

  it('an Entra user linked to two desk records goes to review', () => {
    const result = plan([dirUser('a')], [deskUser('d1', linkedTo('a')), deskUser('d2', linkedTo('A'))]);
    expect(result.users).toHaveLength(1);
    expect(result.users[0]).toMatchObject({
      outcome: 'review',
      reasonCode: 'review.linkedElsewhere',
      candidates: ['d1', 'd2'],
    });
  });

  it('throws when the directory lists an Entra user twice', () => {
    expect(() => plan([dirUser('a'), dirUser('a')], [])).toThrow(
      /lists Entra user a of tenant tenant-a twice/,
    );
  });
});
