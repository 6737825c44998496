import type { HrDateFormat, HrMappableField } from '../../contracts/hr/source.js';
import { HR_CONTRACT_LEVEL_FIELDS, HR_PERSON_LEVEL_FIELDS } from '../../contracts/hr/person.js';
import type { HrImportProblem, HrSourceRow } from './person-merger.js';

/**
 * Turning a source's raw values (CSV cells, JSON values) into a row the merger takes: blanks
 * become null and dates are read in the source's format and written as YYYY-MM-DD.
 */

const PATTERNS: Record<HrDateFormat, { regex: RegExp; order: [number, number, number] }> = {
  'YYYY-MM-DD': { regex: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: [1, 2, 3] },
  'DD/MM/YYYY': { regex: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 2, 1] },
  'MM/DD/YYYY': { regex: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 1, 2] },
  'DD-MM-YYYY': { regex: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: [3, 2, 1] },
};

/**
 * A date in `format` as YYYY-MM-DD; null for a blank. ISO date-times (`2027-01-04T00:00:00Z`,
 * as JSON APIs send them) are read as their date whatever the format.
 */
export function readDate(
  raw: string,
  format: HrDateFormat,
): { ok: true; date: string | null } | { ok: false; message: string } {
  const value = raw.trim();
  if (value === '') return { ok: true, date: null };
  const iso = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  const { regex, order } = iso ? PATTERNS['YYYY-MM-DD'] : PATTERNS[format];
  const match = regex.exec(iso ? (iso[1] ?? '') : value);
  const fail = { ok: false as const, message: `"${value}" is not a date in the format ${format}` };
  if (!match) return fail;
  const [year, month, day] = order.map((i) => Number(match[i]));
  if (year === undefined || month === undefined || day === undefined) return fail;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return fail;
  return { ok: true, date: date.toISOString().slice(0, 10) };
}

const PERSON_SET = new Set<string>(HR_PERSON_LEVEL_FIELDS);
const CONTRACT_SET = new Set<string>([...HR_CONTRACT_LEVEL_FIELDS, 'contractId']);

/**
 * A merger row from raw values per mapped field and custom field, or the problems that keep it
 * out of the import.
 */
export function toSourceRow(
  row: number,
  values: Partial<Record<HrMappableField, string | null>>,
  custom: Record<string, string | null>,
  dateFormat: HrDateFormat,
): { ok: true; row: HrSourceRow } | { ok: false; problems: HrImportProblem[] } {
  const result: HrSourceRow = { row, person: {}, contract: {}, custom: {} };
  const problems: HrImportProblem[] = [];
  for (const [field, raw] of Object.entries(values) as [HrMappableField, string | null][]) {
    let value = raw === null || raw.trim() === '' ? null : raw.trim();
    if ((field === 'startDate' || field === 'endDate') && value !== null) {
      const read = readDate(value, dateFormat);
      if (!read.ok) problems.push({ row, field, message: read.message });
      else value = read.date;
    }
    if (PERSON_SET.has(field)) result.person[field as keyof HrSourceRow['person']] = value;
    else if (CONTRACT_SET.has(field)) result.contract[field as keyof HrSourceRow['contract']] = value;
  }
  for (const [name, raw] of Object.entries(custom))
    if (raw !== null && raw.trim() !== '') result.custom[name] = raw.trim();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, row: result };
}
