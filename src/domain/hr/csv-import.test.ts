import { describe, expect, it } from 'vitest';
import { hrCsvSettingsSchema, type HrCsvSettings } from '../../contracts/hr/source.js';
import { parseHrCsv } from './csv-import.js';

const settings = (overrides: Partial<HrCsvSettings> = {}) =>
  hrCsvSettingsSchema.parse({
    columns: {
      employeeId: 'Employee No',
      givenName: 'First',
      surname: 'Last',
      department: 'Dept',
      startDate: 'Start',
      endDate: 'End',
    },
    ...overrides,
  });

describe('CSV import', () => {
  it('reads persons with a BOM and CRLF, headers matched ignoring case and spaces', () => {
    const text =
      '\uFEFFemployee no, First ,Last,Dept,Start,End\r\n1001,Ann,Smith,Sales,2026-01-05,\r\n\r\n1002,Bob,Jones,IT,2026-02-01,2026-12-31\r\n';
    const { persons, problems } = parseHrCsv(text, settings());
    expect(problems).toEqual([]);
    expect(persons).toHaveLength(2);
    expect(persons[0]).toMatchObject({
      employeeId: '1001',
      givenName: 'Ann',
      surname: 'Smith',
      contracts: [{ id: '1', department: 'Sales', startDate: '2026-01-05', endDate: null }],
      custom: {},
    });
    expect(persons[1]?.contracts[0]?.endDate).toBe('2026-12-31');
  });

  it('merges rows of one employee into contracts, numbered in file order or by the contract column', () => {
    const text =
      'Employee No,First,Last,Dept,Start,End\n1,Ann,Smith,Sales,2026-01-01,2026-03-31\n1,Ann,Smith,IT,2026-04-01,\n';
    expect(parseHrCsv(text, settings()).persons[0]?.contracts.map((c) => [c.id, c.department])).toEqual([
      ['1', 'Sales'],
      ['2', 'IT'],
    ]);
    const withIds = settings({ columns: { ...settings().columns, contractId: 'Job' } });
    const text2 =
      'Employee No,First,Last,Dept,Start,End,Job\n1,Ann,Smith,Sales,2026-01-01,,J-7\n1,Ann,Smith,IT,2026-04-01,,J-7\n';
    const result = parseHrCsv(text2, withIds);
    expect(result.persons[0]?.contracts.map((c) => c.id)).toEqual(['J-7']);
    expect(result.problems).toEqual([
      {
        row: 3,
        field: 'contractId',
        message: 'contract "J-7" of employee 1 appears twice (first on row 2); the row is left out',
      },
    ]);
  });

  it('reads dates in the configured format and reports impossible ones', () => {
    const text =
      'Employee No,First,Last,Dept,Start,End\n1,Ann,Smith,Sales,05/01/2026,\n2,Bob,Jones,IT,31/02/2026,\n';
    const { persons, problems } = parseHrCsv(text, settings({ dateFormat: 'DD/MM/YYYY' }));
    expect(persons.map((p) => p.contracts[0]?.startDate)).toEqual(['2026-01-05']);
    expect(problems).toEqual([
      { row: 3, field: 'startDate', message: '"31/02/2026" is not a date in the format DD/MM/YYYY' },
    ]);
  });

  it('names a missing mapped column and lists the headers found, importing nobody', () => {
    const result = parseHrCsv(
      'Employee No,First,Last,Department,Start,End\n1,Ann,Smith,Sales,2026-01-01,\n',
      settings(),
    );
    expect(result).toEqual({
      persons: [],
      problems: [
        {
          row: 1,
          field: 'department',
          message:
            'column "Dept" (mapped to department) is not in the file; its headers are "Employee No", "First", "Last", "Department", "Start", "End"',
        },
      ],
    });
  });

  it('reports a name that differs between rows of one employee and leaves that row out', () => {
    const text =
      'Employee No,First,Last,Dept,Start,End\n1,Ann,Smith,Sales,2026-01-01,\n1,Ann,Smyth,IT,2026-04-01,\n';
    const { persons, problems } = parseHrCsv(text, settings());
    expect(persons[0]?.contracts).toHaveLength(1);
    expect(problems).toEqual([
      {
        row: 3,
        field: 'surname',
        message: 'surname "Smyth" differs from "Smith" on row 2 for employee 1; the row is left out',
      },
    ]);
  });

  it('turns validation failures into problems naming row and field, keeping the valid persons', () => {
    const text =
      'Employee No,First,Last,Dept,Start,End\n1,Ann,Smith,Sales,2026-01-01,\n2,,Jones,IT,2026-01-01,\n3,Cy,Cole,IT,,\n4,Di,Day,IT,2026-05-01,2026-04-01\n';
    const { persons, problems } = parseHrCsv(text, settings());
    expect(persons.map((p) => p.employeeId)).toEqual(['1']);
    expect(problems).toEqual([
      { row: 3, field: 'givenName', message: 'givenName is required' },
      { row: 4, field: 'startDate', message: 'must be a date (YYYY-MM-DD)' },
      { row: 5, field: 'endDate', message: 'endDate must not be before startDate' },
    ]);
  });

  it('copies custom columns into custom fields, and reports a missing one', () => {
    const text = 'Employee No,First,Last,Dept,Start,End,Grade\n1,Ann,Smith,Sales,2026-01-01,,7\n';
    expect(parseHrCsv(text, settings({ customColumns: ['Grade'] })).persons[0]?.custom).toEqual({
      Grade: '7',
    });
    expect(parseHrCsv(text, settings({ customColumns: ['Band'] })).problems[0]).toMatchObject({
      field: 'custom.Band',
      message: expect.stringContaining('custom column "Band" is not in the file'),
    });
  });

  it('uses the configured delimiter and says when the file is empty', () => {
    const text = 'Employee No;First;Last;Dept;Start;End\n1;Ann;Smith;Sales;2026-01-01;\n';
    expect(parseHrCsv(text, settings({ delimiter: ';' })).persons).toHaveLength(1);
    expect(parseHrCsv('', settings()).problems).toEqual([
      { row: 1, field: 'file', message: 'the file is empty: a header row is required' },
    ]);
  });
});
