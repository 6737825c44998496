import { describe, expect, it } from 'vitest';
import { parseSimpleFilter } from '../../../../src/emulator/graph/devices/simple-filter.js';

type Row = { name: string; os: string; at: string; n: number };
const rows: Row[] = [
  { name: "O'Brien laptop", os: 'Windows', at: '2025-01-01T00:00:00Z', n: 1 },
  { name: 'Phone', os: 'iOS', at: '2025-03-01T00:00:00Z', n: 5 },
];
const fields = {
  name: (r: Row) => r.name,
  operatingSystem: (r: Row) => r.os,
  at: (r: Row) => r.at,
  n: (r: Row) => r.n,
};

const run = (filter: string) => {
  const parsed = parseSimpleFilter(filter, fields, 'test');
  if (!parsed.ok) throw new Error(parsed.message);
  return rows.filter(parsed.test).map((r) => r.name);
};

describe('parseSimpleFilter', () => {
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

  it('refuses unknown properties, or and malformed clauses', () => {
    expect(parseSimpleFilter("colour eq 'x'", fields, 'test').ok).toBe(false);
    expect(parseSimpleFilter('n eq 1 or n eq 5', fields, 'test').ok).toBe(false);
    expect(parseSimpleFilter('startswith(name, 1)', fields, 'test').ok).toBe(false);
  });
});
