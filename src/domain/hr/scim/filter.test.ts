import { describe, expect, it } from 'vitest';
import { parseScimFilter } from './filter.js';
import { ScimError } from './scim-error.js';
import { SCIM_ENTERPRISE_USER } from './scim-user-schema.js';

describe('SCIM filter', () => {
  it('reads eq on the supported attributes in any case', () => {
    expect(parseScimFilter('userName eq "Ada@HR.example"')).toEqual({
      attribute: 'userName',
      value: 'Ada@HR.example',
    });
    expect(parseScimFilter('externalid EQ "x \\"1\\""')).toEqual({ attribute: 'externalId', value: 'x "1"' });
    expect(parseScimFilter('urn:ietf:params:scim:schemas:core:2.0:User:id eq "abc"')).toEqual({
      attribute: 'id',
      value: 'abc',
    });
    expect(parseScimFilter(`${SCIM_ENTERPRISE_USER}:employeeNumber eq "E1"`)).toEqual({
      attribute: 'employeeNumber',
      value: 'E1',
    });
  });

  it.each([
    'displayName eq "Ada"',
    'userName co "a"',
    'userName eq "a" and externalId eq "b"',
    'userName eq a',
    'userName eq "\\x"',
  ])('refuses %s with 400 invalidFilter', (filter) => {
    let error: unknown;
    try {
      parseScimFilter(filter);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
  });
});
