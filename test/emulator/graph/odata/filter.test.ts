import { describe, expect, it } from 'vitest';
import { buildFilter, type CompiledFilter } from '../../../../src/emulator/graph/odata/filter.js';
import { parseFilter } from '../../../../src/emulator/graph/odata/filter-parser.js';
import { isQueryError, type QueryError } from '../../../../src/emulator/graph/odata/query-errors.js';
import { GROUP_TYPE, USER_TYPE } from '../../../../src/emulator/graph/odata/resource.js';
import type { GraphProps } from '../../../../src/emulator/state/types.js';

const SKU = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const people: GraphProps[] = [
  {
    id: 'u1',
    displayName: 'Adele Vance',
    userPrincipalName: 'AdeleV@contoso.com',
    mail: 'AdeleV@contoso.com',
    accountEnabled: true,
    jobTitle: "O'Brien's Deputy",
    createdDateTime: '2023-03-01T10:00:00Z',
    assignedLicenses: [{ skuId: SKU, disabledPlans: [] }],
    proxyAddresses: ['SMTP:AdeleV@contoso.com', 'smtp:adele@contoso.onmicrosoft.com'],
    signInActivity: { lastSignInDateTime: '2024-01-01T00:00:00Z' },
  },
  {
    id: 'u2',
    displayName: 'Megan Bowen',
    userPrincipalName: 'MeganB@contoso.com',
    mail: null,
    accountEnabled: false,
    createdDateTime: '2024-06-01T10:00:00Z',
    assignedLicenses: [],
    proxyAddresses: [],
  },
  {
    id: 'u3',
    displayName: 'alex wilber',
    userPrincipalName: 'alexw@fabrikam.com',
    mail: 'alexw@fabrikam.com',
    accountEnabled: true,
    createdDateTime: '2022-01-01T00:00:00Z',
  },
];

function compiled(filter: string, advanced = false): CompiledFilter {
  const result = buildFilter(filter, USER_TYPE, advanced);
  if (isQueryError(result)) throw new Error(`unexpected refusal: ${result.message}`);
  return result;
}

const matching = (filter: string, advanced = false) =>
  people.filter((p) => compiled(filter, advanced).test(p)).map((p) => p.id);

function refusal(filter: string, advanced = false, type = USER_TYPE): QueryError {
  const result = buildFilter(filter, type, advanced);
  if (!isQueryError(result)) throw new Error('expected a refusal');
  return result;
}

describe('$filter evaluation', () => {
  it('compares strings case-insensitively with eq, in and startswith', () => {
    expect(matching("userPrincipalName eq 'adelev@CONTOSO.com'")).toEqual(['u1']);
    expect(matching("displayName in ('MEGAN BOWEN', 'Alex Wilber')")).toEqual(['u2', 'u3']);
    expect(matching("startswith(displayName,'a')")).toEqual(['u1', 'u3']);
    expect(matching("startsWith(mail, 'ADELE')")).toEqual(['u1']);
  });

  it("reads '' inside strings as one quote", () => {
    expect(matching("jobTitle eq 'O''Brien''s Deputy'")).toEqual(['u1']);
  });

  it('combines and, or, not and parentheses with the usual precedence', () => {
    expect(
      matching("accountEnabled eq true and (startswith(displayName,'a') or displayName eq 'Megan Bowen')"),
    ).toEqual(['u1', 'u3']);
    expect(
      matching("accountEnabled eq false or startswith(displayName,'adele') and accountEnabled eq true"),
    ).toEqual(['u1', 'u2']);
    expect(matching("not startswith(displayName,'a')", true)).toEqual(['u2']);
    expect(matching('NOT (accountEnabled eq true)', true)).toEqual(['u2']);
  });

  it('handles null, ne and endswith in advanced queries', () => {
    expect(matching('mail eq null', true)).toEqual(['u2']);
    expect(matching('mail ne null', true)).toEqual(['u1', 'u3']);
    expect(matching('accountEnabled ne true', true)).toEqual(['u2']);
    expect(matching("endswith(userPrincipalName,'@fabrikam.com')", true)).toEqual(['u3']);
  });

  it('compares datetimes with ge, le, gt and lt, including date-only literals', () => {
    expect(matching('createdDateTime ge 2023-01-01T00:00:00Z')).toEqual(['u1', 'u2']);
    expect(matching('createdDateTime lt 2023-01-01')).toEqual(['u3']);
    expect(
      matching('createdDateTime gt 2023-03-01T10:00:00Z and createdDateTime le 2024-06-01T10:00:00Z'),
    ).toEqual(['u2']);
  });

  it('evaluates lambdas over complex and string collections', () => {
    expect(matching(`assignedLicenses/any(x:x/skuId eq ${SKU})`)).toEqual(['u1']);
    expect(matching(`assignedLicenses/any(u:u/skuId eq ${SKU.toUpperCase()})`)).toEqual(['u1']);
    expect(matching("proxyAddresses/any(p:startswith(p,'smtp:adele@'))")).toEqual(['u1']);
    expect(matching("proxyAddresses/any(p:p eq 'smtp:adelev@contoso.com')")).toEqual(['u1']);
    expect(matching('not(assignedLicenses/any())', true)).toEqual(['u2', 'u3']);
    expect(matching('assignedLicenses/$count eq 0', true)).toEqual(['u2', 'u3']);
  });

  it('filters groups on groupTypes and security flags', () => {
    const groups: GraphProps[] = [
      { id: 'g1', groupTypes: ['Unified'], securityEnabled: false, mailEnabled: true },
      { id: 'g2', groupTypes: [], securityEnabled: true, mailEnabled: false },
    ];
    const run = (f: string) => {
      const result = buildFilter(f, GROUP_TYPE, false);
      if (isQueryError(result)) throw new Error(result.message);
      return groups.filter(result.test).map((g) => g.id);
    };
    expect(run("groupTypes/any(c:c eq 'unified')")).toEqual(['g1']);
    expect(run('securityEnabled eq true and mailEnabled eq false')).toEqual(['g2']);
  });

  it('reports which top-level properties a filter reads', () => {
    expect([...compiled('signInActivity/lastSignInDateTime le 2024-02-01T00:00:00Z').properties]).toEqual([
      'signInActivity',
    ]);
  });
});

describe('$filter rules (aad-advanced-queries)', () => {
  const advancedHint =
    'is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information';

  it('needs the advanced query parameters for ne, not and endsWith', () => {
    expect(refusal("displayName ne 'x'")).toEqual({
      status: 400,
      code: 'Request_UnsupportedQuery',
      message: `Operator 'ne' ${advancedHint}`,
    });
    expect(refusal("not startswith(displayName,'a')").message).toBe(`Operator 'not' ${advancedHint}`);
    expect(refusal("endswith(mail,'@contoso.com')").message).toBe(`Operator 'endsWith' ${advancedHint}`);
  });

  it('refuses properties that are not indexed, even in advanced queries', () => {
    const createdOnGroups = refusal('createdDateTime ge 2021-11-01', true, GROUP_TYPE);
    expect(createdOnGroups).toEqual({
      status: 400,
      code: 'Request_UnsupportedQuery',
      message:
        "Unsupported or invalid query filter clause specified for property 'createdDateTime' of resource 'Group'.",
    });
    expect(refusal("endswith(displayName,'x')", true).message).toBe(
      "Unsupported or invalid query filter clause specified for property 'displayName' of resource 'User'.",
    );
    expect(refusal("startswith(accountEnabled,'t')").code).toBe('BadRequest');
  });

  it('refuses advanced-only properties and null checks without the advanced parameters', () => {
    expect(refusal("mobilePhone eq '123'").message).toBe(
      "Unsupported or invalid query filter clause specified for property 'mobilePhone' of resource 'User'.",
    );
    expect(buildFilter("mobilePhone eq '123'", USER_TYPE, true)).not.toHaveProperty('code');
    expect(refusal('displayName eq null').code).toBe('Request_UnsupportedQuery');
  });

  it('names unknown properties the OData way', () => {
    expect(refusal("shoeSize eq '42'")).toEqual({
      status: 400,
      code: 'BadRequest',
      message: "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
    });
  });

  it('refuses values of the wrong type, as Graph does for quoted booleans', () => {
    expect(refusal("accountEnabled eq 'true'").message).toBe(
      "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.Boolean' and 'Edm.String' for operator kind 'Equal'.",
    );
    expect(refusal(`assignedLicenses/any(x:x/skuId eq '${SKU}')`).code).toBe('BadRequest');
    expect(refusal("proxyAddresses eq 'smtp:a@b.c'").code).toBe('BadRequest');
  });

  it('matches property names case-insensitively', () => {
    expect(matching('AccountEnabled eq false')).toEqual(['u2']);
  });

  it('answers malformed filters with the ODataLib syntax error and position', () => {
    expect(refusal("displayName eq 'x' ,")).toEqual({
      status: 400,
      code: 'BadRequest',
      message: "Invalid filter clause: Syntax error at position 19 in 'displayName eq 'x' ,'.",
    });
    expect(refusal("displayName eq 'unterminated").code).toBe('BadRequest');
    expect(refusal('displayName eq').code).toBe('BadRequest');
  });
});

describe('$filter parser', () => {
  it('builds lambda nodes with their variable scope', () => {
    const tree = parseFilter("identities/any(id:id/issuer eq 'contoso.com' and id/issuerAssignedId eq 'x')");
    expect(tree).toMatchObject({
      kind: 'lambda',
      quantifier: 'any',
      variable: 'id',
      collection: { segments: ['identities'] },
      body: { kind: 'and', left: { left: { variable: 'id', segments: ['issuer'] } } },
    });
  });

  it('reads bare GUIDs and datetimes as typed literals', () => {
    expect(parseFilter(`x eq ${SKU}`)).toMatchObject({ right: { type: 'guid', value: SKU } });
    expect(parseFilter('x ge 2024-01-31T10:00:00Z')).toMatchObject({ right: { type: 'datetime' } });
    expect(parseFilter('x ge 2024-01-31')).toMatchObject({ right: { type: 'date' } });
  });
});
