import { describe, expect, it } from 'vitest';
import { capabilityTable } from '../../../../src/emulator/graph/odata/filter-capabilities.js';
import { buildFilter } from '../../../../src/emulator/graph/odata/filter.js';
import { DATETIME, INT } from '../../../../src/emulator/graph/odata/property-types.js';
import { isQueryError, type QueryError } from '../../../../src/emulator/graph/odata/query-errors.js';
import { defineResourceType } from '../../../../src/emulator/graph/odata/resource.js';

// A plain OData service's type (as Intune and GDAP are): `and`-only filters, `ne` allowed.
const FILTERABLE = ['name', 'operatingSystem', 'at', 'n'];
const type = defineResourceType({
  typeName: 'gadget',
  dialect: 'odata',
  properties: new Set([...FILTERABLE, 'id', 'colourCode']),
  defaults: [...FILTERABLE, 'id'],
  types: { at: DATETIME, n: INT },
  filters: capabilityTable(Object.fromEntries(FILTERABLE.map((p) => [p, 'eq range null']))),
  operators: { ne: 'default' },
});

const rows = [
  { id: '1', name: "O'Brien laptop", operatingSystem: 'Windows', at: '2025-01-01T00:00:00Z', n: 1 },
  { id: '2', name: 'Phone', operatingSystem: 'iOS', at: '2025-03-01T00:00:00Z', n: 5 },
];

// Non-directory types are never gated behind advanced query parameters.
const build = (filter: string) => buildFilter(filter, type, true);

const run = (filter: string) => {
  const compiled = build(filter);
  if (isQueryError(compiled)) throw new Error(compiled.message);
  return rows.filter((r) => compiled.test(r)).map((r) => r.name);
};

function refusal(filter: string): QueryError {
  const result = build(filter);
  if (!isQueryError(result)) throw new Error('expected a refusal');
  return result;
}

describe('$filter on a plain OData type', () => {
  it('compares strings case-insensitively and unescapes doubled quotes', () => {
    expect(run("operatingSystem eq 'windows'")).toEqual(["O'Brien laptop"]);
    expect(run("name eq 'O''Brien laptop'")).toEqual(["O'Brien laptop"]);
    expect(run("operatingSystem ne 'Windows'")).toEqual(['Phone']);
  });

  it('compares dates and numbers and joins clauses with and', () => {
    expect(run('at ge 2025-02-01T00:00:00Z')).toEqual(['Phone']);
    expect(run("n gt 0 and operatingSystem eq 'iOS'")).toEqual(['Phone']);
    expect(run("operatingSystem in ('iOS', 'Android')")).toEqual(['Phone']);
  });

  it('refuses unknown properties, or, not and malformed clauses', () => {
    expect(refusal("colour eq 'x'").message).toBe(
      "Could not find a property named 'colour' on type 'microsoft.graph.gadget'.",
    );
    expect(refusal('n eq 1 or n eq 5').message).toBe(
      "The query specified in the URI is not valid. Logical operator 'Or' is not allowed. To allow it, set the 'AllowedLogicalOperators' property on EnableQueryAttribute or QueryValidationSettings.",
    );
    expect(refusal("not (name eq 'Phone')").message).toContain("Logical operator 'Not' is not allowed.");
    expect(refusal('startswith(name, 1)').code).toBe('BadRequest');
  });

  it('answers in ASP.NET OData’s words for properties and functions it does not filter on', () => {
    expect(refusal("colourCode eq 'x'").message).toBe(
      "The query specified in the URI is not valid. The property 'colourCode' cannot be used in the $filter query option.",
    );
    expect(refusal("startswith(name, 'O')").message).toBe(
      "The query specified in the URI is not valid. Function 'startswith' is not allowed. To allow it, set the 'AllowedFunctions' property on EnableQueryAttribute or QueryValidationSettings.",
    );
  });

  it('does not accept directory schema extensions', () => {
    expect(refusal("extension_0123456789abcdef0123456789abcdef_code eq 'x'").message).toContain(
      "Could not find a property named 'extension_",
    );
  });
});
