import { describe, expect, it } from 'vitest';
import { applyScimPatch } from './patch.js';
import { parseScimPatchPath } from './patch-path.js';
import { ScimError } from './scim-error.js';
import {
  SCIM_ENTERPRISE_USER as ENT,
  SCIM_ROLLCALL_ACCOUNT as ACCOUNT,
  scimPatchRequestSchema,
} from './scim-user-schema.js';

const user = () => ({
  id: 'id-1',
  userName: 'ada@hr.example',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@home.example', type: 'home' }],
  [ENT]: { employeeNumber: 'E100', department: 'Research' },
});

/** Operations as a client sends them, through the request schema. */
const ops = (...operations: unknown[]) =>
  scimPatchRequestSchema.parse({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: operations,
  }).Operations;

const scimTypeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error.scimType;
    throw error;
  }
  return 'no error';
};

describe('SCIM PATCH', () => {
  it('applies Entra provisioning operations: Replace with a path, extension paths, "False"', () => {
    const next = applyScimPatch(
      user(),
      ops(
        { op: 'Replace', path: 'name.givenName', value: 'Augusta' },
        { op: 'Replace', path: `${ENT}:department`, value: 'Engines' },
        { op: 'Add', path: `${ENT}:manager`, value: 'boss-id' },
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Add', path: 'emails[type eq "work"].value', value: 'ada@work.example' },
      ),
    );
    expect(next).toMatchObject({
      active: 'False',
      name: { givenName: 'Augusta', familyName: 'Lovelace' },
      emails: [
        { value: 'ada@home.example', type: 'home' },
        { type: 'work', value: 'ada@work.example' },
      ],
      [ENT]: { employeeNumber: 'E100', department: 'Engines', manager: 'boss-id' },
    });
  });

  it('applies an operation without a path member by member, dotted and qualified names included', () => {
    const next = applyScimPatch(
      user(),
      ops({
        op: 'replace',
        value: {
          active: false,
          title: 'Countess',
          'name.familyName': 'King',
          [`${ENT}:costCenter`]: 'CC-1',
          [ENT]: { department: 'Maths' },
        },
      }),
    );
    expect(next).toMatchObject({
      active: false,
      title: 'Countess',
      name: { givenName: 'Ada', familyName: 'King' },
      [ENT]: { employeeNumber: 'E100', department: 'Maths', costCenter: 'CC-1' },
    });
  });

  it('removes attributes, sub-attributes and filtered values; leaves the input untouched', () => {
    const input = user();
    const next = applyScimPatch(
      input,
      ops(
        { op: 'remove', path: `${ENT}:department` },
        { op: 'Remove', path: 'emails[type eq "HOME"]' },
        { op: 'remove', path: 'name.familyName' },
      ),
    );
    expect(next).toMatchObject({ emails: [], name: { givenName: 'Ada' }, [ENT]: { employeeNumber: 'E100' } });
    expect(next[ENT]).not.toHaveProperty('department');
    expect(input[ENT].department).toBe('Research');
  });

  it('appends to multi-valued attributes with add and replaces them with replace', () => {
    const added = applyScimPatch(
      user(),
      ops({ op: 'add', path: 'phoneNumbers', value: [{ value: '1', type: 'mobile' }] }),
    );
    expect(added.phoneNumbers).toEqual([{ value: '1', type: 'mobile' }]);
    const replaced = applyScimPatch(
      user(),
      ops({ op: 'replace', path: 'emails', value: [{ value: 'x@y.z', type: 'other' }] }),
    );
    expect(replaced.emails).toEqual([{ value: 'x@y.z', type: 'other' }]);
  });

  it('refuses read-only attributes, removes without a path and unknown schemas', () => {
    expect(scimTypeOf(() => applyScimPatch(user(), ops({ op: 'replace', path: 'id', value: 'x' })))).toBe(
      'mutability',
    );
    expect(scimTypeOf(() => applyScimPatch(user(), ops({ op: 'remove' })))).toBe('noTarget');
    expect(scimTypeOf(() => parseScimPatchPath('urn:example:other:department'))).toBe('invalidPath');
    expect(scimTypeOf(() => parseScimPatchPath('emails[type ne "work"].value'))).toBe('invalidFilter');
    expect(() => ops({ op: 'move', path: 'title' })).toThrow();
  });

  it('refuses writes to the account Rollcall made, with or without a path', () => {
    const withAccount = { ...user(), [ACCOUNT]: { userPrincipalName: 'a.lovelace@contoso.com' } };
    const replace = (operation: Record<string, unknown>) =>
      scimTypeOf(() => applyScimPatch(withAccount, ops({ op: 'replace', ...operation })));
    expect(replace({ path: `${ACCOUNT}:userPrincipalName`, value: 'x@contoso.com' })).toBe('mutability');
    expect(replace({ path: `${ACCOUNT}:mail`, value: 'x@contoso.com' })).toBe('mutability');
    expect(replace({ value: { [ACCOUNT]: { mail: 'x@contoso.com' } } })).toBe('mutability');
  });
});
