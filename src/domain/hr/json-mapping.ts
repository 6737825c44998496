import { HR_CONTRACT_LEVEL_FIELDS, type HrPerson } from '../../contracts/hr/person.js';
import type { HrJsonSettings, HrMappableField } from '../../contracts/hr/source.js';
import { createPersonMerger, type HrImportProblem } from './person-merger.js';
import { toSourceRow } from './source-values.js';

/**
 * Reads pages of a generic JSON HR API (issue 9) with the source's dotted paths. A path segment
 * may itself contain dots (`@odata.nextLink`): at each level the longest key present wins. When
 * `contractsPath` is empty each item is one contract and items sharing an employee id are one
 * person across the whole import, so pages are fed to one import and persons read at the end.
 */

/** The value at a dotted path; an empty path is the value itself. */
export function valueAt(value: unknown, path: string): unknown {
  if (path === '') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, path)) return record[path];
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    const head = path.slice(0, dot);
    if (Object.hasOwn(record, head)) return valueAt(record[head], path.slice(dot + 1));
  }
  return undefined;
}

function text(value: unknown): string | null | { error: string } {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return { error: `is ${Array.isArray(value) ? 'a list' : 'an object'}, not a value` };
}

export interface HrJsonImport {
  /** Reads one page; returns its problems so far and the next page's address (null: last page). */
  addPage(page: unknown): { nextLink: string | null; problems: HrImportProblem[] };
  finish(): { persons: HrPerson[]; problems: HrImportProblem[] };
}

const CONTRACT_FIELDS = new Set<string>([...HR_CONTRACT_LEVEL_FIELDS, 'contractId']);

/** An import over any number of pages; items are numbered from 1 across pages. */
export function createJsonImport(settings: HrJsonSettings): HrJsonImport {
  const merger = createPersonMerger();
  const mapping = Object.entries(settings.mapping) as [HrMappableField, string][];
  const nested = settings.contractsPath !== '';
  let item = 0;

  const read = (row: number, person: unknown, contract: unknown, problems: HrImportProblem[]) => {
    const values: Partial<Record<HrMappableField, string | null>> = {};
    const custom: Record<string, string | null> = {};
    const take = (field: string, path: string, from: unknown, put: (v: string | null) => void) => {
      const v = text(valueAt(from, path));
      if (v !== null && typeof v === 'object') problems.push({ row, field, message: `"${path}" ${v.error}` });
      else put(v);
    };
    for (const [field, path] of mapping)
      take(field, path, CONTRACT_FIELDS.has(field) ? contract : person, (v) => (values[field] = v));
    for (const [name, path] of Object.entries(settings.customPaths))
      take(`custom.${name}`, path, person, (v) => (custom[name] = v));
    const result = toSourceRow(row, values, custom, 'YYYY-MM-DD');
    if (!result.ok) problems.push(...result.problems);
    return result;
  };

  return {
    addPage(page) {
      const problems: HrImportProblem[] = [];
      const items = valueAt(page, settings.itemsPath);
      if (!Array.isArray(items)) {
        const where = settings.itemsPath === '' ? 'the page' : `"${settings.itemsPath}"`;
        const problem = { row: item, field: 'itemsPath', message: `${where} is not a list of persons` };
        merger.reject(problem);
        problems.push(problem);
      } else {
        for (const person of items) {
          item += 1;
          const rowProblems: HrImportProblem[] = [];
          const contracts = nested ? valueAt(person, settings.contractsPath) : [person];
          if (!Array.isArray(contracts)) {
            rowProblems.push({
              row: item,
              field: 'contractsPath',
              message: `"${settings.contractsPath}" is not a list of contracts`,
            });
          } else {
            const rows = contracts.map((contract) => read(item, person, contract, rowProblems));
            if (rowProblems.length === 0) for (const r of rows) if (r.ok) merger.add(r.row);
          }
          rowProblems.forEach((p) => merger.reject(p));
          problems.push(...rowProblems);
        }
      }
      const next = valueAt(page, settings.nextLinkPath);
      const nextLink = settings.nextLinkPath !== '' && typeof next === 'string' && next !== '' ? next : null;
      return { nextLink, problems };
    },
    finish: () => merger.finish(),
  };
}

/** One page read alone: its persons (merged within the page), problems and the next page's address. */
export function mapJsonPage(
  page: unknown,
  settings: HrJsonSettings,
): { persons: HrPerson[]; problems: HrImportProblem[]; nextLink: string | null } {
  const json = createJsonImport(settings);
  const { nextLink } = json.addPage(page);
  return { ...json.finish(), nextLink };
}
