import { parse } from 'csv-parse/sync';
import type { HrMappableField, HrCsvSettings } from '../../contracts/hr/source.js';
import type { HrPerson } from '../../contracts/hr/person.js';
import { createPersonMerger, type HrImportProblem } from './person-merger.js';
import { toSourceRow } from './source-values.js';

/**
 * Reads an HR CSV file (issue 9): a header row, then one row per contract; rows sharing an
 * employee id are one person. Headers are matched to the source's column mapping ignoring case
 * and surrounding spaces. A mapped column missing from the file stops the import (every person
 * would otherwise lose that field); a bad row is reported and left out, the others are kept.
 */

export interface HrCsvImport {
  persons: HrPerson[];
  problems: HrImportProblem[];
}

const key = (header: string) => header.trim().toLowerCase();

/** Persons of a CSV file and the problems of the rows left out. A BOM and CRLF are fine. */
export function parseHrCsv(text: string, settings: HrCsvSettings): HrCsvImport {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: settings.delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      persons: [],
      problems: [{ row: 0, field: 'file', message: `the file is not valid CSV: ${message}` }],
    };
  }
  const [first, ...rows] = records;
  const header = first?.record;
  if (header === undefined)
    return {
      persons: [],
      problems: [{ row: 1, field: 'file', message: 'the file is empty: a header row is required' }],
    };

  const columnOf = new Map(header.map((h, i) => [key(h), i]));
  const found = header.map((h) => `"${h.trim()}"`).join(', ');
  const problems: HrImportProblem[] = [];
  const mapped: [HrMappableField, number][] = [];
  for (const [field, column] of Object.entries(settings.columns) as [HrMappableField, string][]) {
    const index = columnOf.get(key(column));
    if (index === undefined)
      problems.push({
        row: 1,
        field,
        message: `column "${column}" (mapped to ${field}) is not in the file; its headers are ${found}`,
      });
    else mapped.push([field, index]);
  }
  const custom: [string, number][] = [];
  for (const column of settings.customColumns) {
    const index = columnOf.get(key(column));
    if (index === undefined)
      problems.push({
        row: 1,
        field: `custom.${column}`,
        message: `custom column "${column}" is not in the file; its headers are ${found}`,
      });
    else custom.push([column, index]);
  }
  if (problems.length > 0) return { persons: [], problems };

  const merger = createPersonMerger();
  // Rows are numbered by the file's line (where a multi-line cell ends), as an editor shows them.
  rows.forEach(({ record: cells, info }) => {
    const row = info.lines;
    if (cells.every((c) => c.trim() === '')) return;
    const values = Object.fromEntries(mapped.map(([field, index]) => [field, cells[index] ?? null]));
    const customValues = Object.fromEntries(custom.map(([name, index]) => [name, cells[index] ?? null]));
    const read = toSourceRow(row, values, customValues, settings.dateFormat);
    if (read.ok) merger.add(read.row);
    else read.problems.forEach((p) => merger.reject(p));
  });
  return merger.finish();
}
