import { describe, expect, it } from 'vitest';
import { ScimError } from './scim-error.js';
import {
  SCIM_CORE_USER as CORE,
  SCIM_ENTERPRISE_USER as ENT,
  SCIM_ROLLCALL_ACCOUNT as ACCOUNT,
  SCIM_ROLLCALL_EMPLOYMENT as EMP,
} from './scim-user-schema.js';
import {
  parseScimUser,
  personToScimUser,
  scimAccountOf,
  scimManagerReferences,
  scimUserToPerson,
} from './user-mapping.js';
import { EMPTY_APPLIED_STATE } from '../../../contracts/hr/lifecycle.js';

const today = '2026-12-06';
const context = { today, previous: null, managerEmployeeIds: new Map<string, string>() };

const ada = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
  userName: 'ada@hr.example',
  externalId: 'ext-1',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace', middleName: 'King' },
  nickName: 'Addie',
  displayName: 'Ada Lovelace',
  title: 'Engineer',
  userType: 'employee',
  emails: [
    { value: 'ada@work.example', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  phoneNumbers: [{ value: '+44 20 7946 0000', type: 'mobile' }],
  [ENT]: {
    employeeNumber: 'E100',
    department: 'Research',
    costCenter: 'CC-7',
    organization: 'Analytical Engines Ltd',
    manager: { value: 'scim-of-boss' },
  },
  [EMP]: { startDate: '2027-01-04', endDate: null, location: 'London', contractId: 'C1' },
};

const fail = (run: () => unknown): ScimError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
};

describe('SCIM User ↔ HR person', () => {
  it('maps core, enterprise and employment attributes to the person and its contract', () => {
    const user = parseScimUser(ada);
    expect(scimManagerReferences(user)).toEqual(['scim-of-boss']);
    const write = scimUserToPerson(user, {
      ...context,
      managerEmployeeIds: new Map([['scim-of-boss', 'E001']]),
    });
    expect(write).toMatchObject({ userName: 'ada@hr.example', externalId: 'ext-1', active: true });
    expect(write.person).toEqual({
      employeeId: 'E100',
      givenName: 'Ada',
      surname: 'Lovelace',
      middleName: 'King',
      preferredName: 'Addie',
      displayName: 'Ada Lovelace',
      personalEmail: 'ada@home.example',
      mobilePhone: '+44 20 7946 0000',
      custom: {},
      contracts: [
        {
          id: 'C1',
          title: 'Engineer',
          department: 'Research',
          costCentre: 'CC-7',
          company: 'Analytical Engines Ltd',
          location: 'London',
          employeeType: 'employee',
          managerEmployeeId: 'E001',
          startDate: '2027-01-04',
          endDate: null,
        },
      ],
    });
  });

  it('falls back to externalId, contract "1" and the day of the push; reads "False" as inactive', () => {
    const write = scimUserToPerson(
      parseScimUser({
        userName: 'b',
        externalId: 'X9',
        active: 'False',
        name: { givenName: 'B', familyName: 'C' },
      }),
      context,
    );
    expect(write.active).toBe(false);
    expect(write.person.employeeId).toBe('X9');
    expect(write.person.contracts).toMatchObject([{ id: '1', startDate: today, managerEmployeeId: null }]);
  });

  it('keeps the stored start date and contract id when a replace leaves them out', () => {
    const first = scimUserToPerson(parseScimUser(ada), context).person;
    const { [EMP]: _dropped, ...withoutDates } = ada;
    const again = scimUserToPerson(parseScimUser(withoutDates), {
      ...context,
      today: '2027-03-01',
      previous: first,
    });
    expect(again.person.contracts[0]).toMatchObject({ id: 'C1', startDate: '2027-01-04' });
  });

  it('refuses a user without an employee id, names or userName with 400 invalidValue', () => {
    const noId = fail(() =>
      scimUserToPerson(parseScimUser({ userName: 'x', name: { givenName: 'A', familyName: 'B' } }), context),
    );
    expect([noId.status, noId.scimType]).toEqual([400, 'invalidValue']);
    expect(noId.message).toContain('employeeNumber');
    const noSurname = fail(() =>
      scimUserToPerson(parseScimUser({ userName: 'x', externalId: '1', name: { givenName: 'A' } }), context),
    );
    expect(noSurname.message).toContain('surname is required');
    expect(fail(() => parseScimUser({ externalId: '1' })).message).toContain('userName is required');
    expect(fail(() => parseScimUser([])).scimType).toBe('invalidSyntax');
  });

  it('maps several employments through the contracts array', () => {
    const write = scimUserToPerson(
      parseScimUser({
        ...ada,
        [EMP]: {
          contracts: [
            {
              contractId: 'A',
              title: 'Analyst',
              department: 'Maths',
              startDate: '2020-01-01',
              endDate: '2026-12-31',
            },
            {
              contractId: 'B',
              title: 'Lead',
              department: 'Research',
              manager: 'scim-of-boss',
              startDate: '2027-01-01',
            },
          ],
        },
      }),
      { ...context, managerEmployeeIds: new Map([['scim-of-boss', 'E001']]) },
    );
    expect(write.person.contracts.map((c) => [c.id, c.title, c.managerEmployeeId])).toEqual([
      ['A', 'Analyst', null],
      ['B', 'Lead', 'E001'],
    ]);
  });

  it('renders the stored person as a User that maps back to the same person', () => {
    const person = scimUserToPerson(parseScimUser(ada), {
      ...context,
      managerEmployeeIds: new Map([['scim-of-boss', 'E001']]),
    }).person;
    const created = new Date('2026-12-06T10:00:00Z');
    const user = personToScimUser(
      {
        scimId: 'id-1',
        person,
        userName: 'ada@hr.example',
        externalId: 'ext-1',
        active: true,
        created,
        lastModified: created,
      },
      {
        location: 'https://rc.example/scim/v2/hr/s/Users/id-1',
        today,
        managerScimIds: new Map([['E001', 'scim-of-boss']]),
      },
    );
    expect(user).toMatchObject({
      id: 'id-1',
      userName: 'ada@hr.example',
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada King Lovelace' },
      emails: [{ value: 'ada@home.example', type: 'home' }],
      [ENT]: { employeeNumber: 'E100', department: 'Research', manager: { value: 'scim-of-boss' } },
      [EMP]: { contractId: 'C1', startDate: '2027-01-04', location: 'London' },
      meta: {
        resourceType: 'User',
        created: '2026-12-06T10:00:00.000Z',
        location: 'https://rc.example/scim/v2/hr/s/Users/id-1',
      },
    });
    expect(user).not.toHaveProperty(`${EMP}.contracts`);
    const back = scimUserToPerson(parseScimUser(user), {
      ...context,
      managerEmployeeIds: new Map([['scim-of-boss', 'E001']]),
    });
    expect(back.person).toEqual(person);
    expect(user.schemas).toEqual([CORE, ENT, EMP]);
    expect(user).not.toHaveProperty([ACCOUNT]);
  });

  it('shows the account Rollcall made in its own extension, beside the HR’s attributes', () => {
    const person = scimUserToPerson(parseScimUser(ada), context).person;
    const upn = 'ada.lovelace@contoso.com';
    const applied = { ...EMPTY_APPLIED_STATE, objectId: 'obj-1', userPrincipalName: upn, mail: upn };
    const record = {
      scimId: 'id-1',
      person,
      userName: 'ada@hr.example',
      externalId: null,
      active: true,
      created: new Date(),
      lastModified: new Date(),
    };
    const scimContext = { location: 'https://rc.example/Users/id-1', today, managerScimIds: new Map() };
    const user = personToScimUser({ ...record, account: scimAccountOf(applied) }, scimContext);
    expect(user.schemas).toEqual([CORE, ENT, EMP, ACCOUNT]);
    expect(user).toMatchObject({
      userName: 'ada@hr.example',
      emails: [{ value: 'ada@home.example', type: 'home' }],
      [ACCOUNT]: { userPrincipalName: upn, mail: upn, objectId: 'obj-1' },
    });
    // Sent back as a PUT, the extension changes nothing the person is made of.
    expect(scimUserToPerson(parseScimUser(user), context).person).toEqual(person);
    expect(scimAccountOf(EMPTY_APPLIED_STATE)).toBeNull();
    expect(scimAccountOf({ ...applied, deleted: true })).toBeNull();
  });
});
