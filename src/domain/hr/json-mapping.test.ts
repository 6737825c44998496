import { describe, expect, it } from 'vitest';
import { hrJsonSettingsSchema, type HrJsonSettings } from '../../contracts/hr/source.js';
import { createJsonImport, mapJsonPage, valueAt } from './json-mapping.js';

const nested = (overrides: Partial<HrJsonSettings> = {}) =>
  hrJsonSettingsSchema.parse({
    url: 'https://hr.example.com/api/people',
    itemsPath: 'data.items',
    nextLinkPath: '@odata.nextLink',
    contractsPath: 'employments',
    mapping: {
      employeeId: 'id',
      givenName: 'name.first',
      surname: 'name.last',
      contractId: 'ref',
      department: 'org.department',
      startDate: 'from',
      endDate: 'to',
    },
    customPaths: { grade: 'hr.grade' },
    ...overrides,
  });

const flat = () =>
  nested({
    itemsPath: '',
    nextLinkPath: '',
    contractsPath: '',
    mapping: {
      employeeId: 'id',
      givenName: 'first',
      surname: 'last',
      department: 'dept',
      startDate: 'start',
    },
    customPaths: {},
  });

describe('dotted paths', () => {
  it('walks objects, preferring the longest key present at each level', () => {
    const page = { '@odata.nextLink': 'https://next', a: { b: { c: 1 } }, 'a.b': 2 };
    expect(valueAt(page, '@odata.nextLink')).toBe('https://next');
    expect(valueAt(page, 'a.b')).toBe(2);
    expect(valueAt({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(valueAt({ a: [1] }, 'a.0')).toBeUndefined();
    expect(valueAt([1, 2], '')).toEqual([1, 2]);
  });
});

describe('JSON pages', () => {
  it('maps persons with nested contracts and custom fields, and returns the next page', () => {
    const page = {
      data: {
        items: [
          {
            id: 42,
            name: { first: 'Ann', last: 'Smith' },
            hr: { grade: 7 },
            employments: [
              { ref: 'A', org: { department: 'Sales' }, from: '2026-01-05T00:00:00Z', to: null },
              { ref: 'B', org: { department: 'IT' }, from: '2026-03-01' },
            ],
          },
        ],
      },
      '@odata.nextLink': 'https://hr.example.com/api/people?page=2',
    };
    const result = mapJsonPage(page, nested());
    expect(result.problems).toEqual([]);
    expect(result.nextLink).toBe('https://hr.example.com/api/people?page=2');
    expect(result.persons).toEqual([
      expect.objectContaining({
        employeeId: '42',
        givenName: 'Ann',
        custom: { grade: '7' },
        contracts: [
          expect.objectContaining({ id: 'A', department: 'Sales', startDate: '2026-01-05', endDate: null }),
          expect.objectContaining({ id: 'B', department: 'IT', startDate: '2026-03-01' }),
        ],
      }),
    ]);
  });

  it('without a contracts path, merges contract rows of one employee across pages', () => {
    const json = createJsonImport(flat());
    expect(
      json.addPage([{ id: 'E1', first: 'Ann', last: 'Smith', dept: 'Sales', start: '2026-01-01' }]),
    ).toEqual({
      nextLink: null,
      problems: [],
    });
    json.addPage([
      { id: 'E1', first: 'Ann', last: 'Smith', dept: 'IT', start: '2026-06-01' },
      { id: 'E2', first: 'Bob', last: 'Jones', dept: 'HR', start: '2026-02-01' },
    ]);
    const { persons, problems } = json.finish();
    expect(problems).toEqual([]);
    expect(persons.map((p) => [p.employeeId, p.contracts.map((c) => `${c.id}:${c.department}`)])).toEqual([
      ['E1', ['1:Sales', '2:IT']],
      ['E2', ['1:HR']],
    ]);
  });

  it('reports items it cannot read by their number across pages, keeping the rest', () => {
    const json = createJsonImport(flat());
    json.addPage([{ id: 'E1', first: 'Ann', last: 'Smith', dept: 'Sales', start: '2026-01-01' }]);
    const second = json.addPage([
      { id: 'E2', first: 'Bob', last: 'Jones', dept: { name: 'HR' }, start: '2026-02-01' },
      { id: 'E3', first: 'Cy', last: 'Cole', dept: 'IT', start: '1 March 2026' },
      { id: 'E4', first: 'Di', last: 'Day', dept: 'IT' },
    ]);
    expect(second.problems).toEqual([
      { row: 2, field: 'department', message: '"dept" is an object, not a value' },
      { row: 3, field: 'startDate', message: '"1 March 2026" is not a date in the format YYYY-MM-DD' },
    ]);
    const { persons, problems } = json.finish();
    expect(persons.map((p) => p.employeeId)).toEqual(['E1']);
    expect(problems).toContainEqual({ row: 4, field: 'startDate', message: 'must be a date (YYYY-MM-DD)' });
  });

  it('says when the items or contracts are not where the settings point', () => {
    expect(mapJsonPage({ value: [] }, nested()).problems).toEqual([
      { row: 0, field: 'itemsPath', message: '"data.items" is not a list of persons' },
    ]);
    const noContracts = { data: { items: [{ id: 1, name: { first: 'A', last: 'B' } }] } };
    expect(mapJsonPage(noContracts, nested()).problems).toEqual([
      { row: 1, field: 'contractsPath', message: '"employments" is not a list of contracts' },
    ]);
  });
});
