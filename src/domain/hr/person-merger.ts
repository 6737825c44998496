import type { z } from 'zod';
import {
  hrPersonSchema,
  type HR_CONTRACT_LEVEL_FIELDS,
  type HR_PERSON_LEVEL_FIELDS,
  type HrPerson,
  type HrPersonInput,
} from '../../contracts/hr/person.js';

/**
 * Joins a source's rows into persons (issue 9): CSV files and flat JSON sources have one row per
 * contract, and rows sharing an employee id are one person. Person fields come from the person's
 * first row; a later row naming the person differently is reported and left out. Each person is
 * validated with the person schema at the end, so rows can arrive over several pages.
 */

/** Something wrong with one row (CSV: the file's line, header = 1; JSON: the item's number, from 1). */
export interface HrImportProblem {
  row: number;
  field: string;
  message: string;
}

type PersonLevelField = (typeof HR_PERSON_LEVEL_FIELDS)[number];
type ContractLevelField = (typeof HR_CONTRACT_LEVEL_FIELDS)[number];

/** One contract of a person as read from a source, values already cleaned (dates as YYYY-MM-DD). */
export interface HrSourceRow {
  row: number;
  person: Partial<Record<PersonLevelField, string | null>>;
  contract: Partial<Record<ContractLevelField, string | null>> & { contractId?: string | null };
  custom: Record<string, string>;
}

export interface HrPersonMerger {
  add(row: HrSourceRow): void;
  /** Records a problem found while reading a row; that row's person is still merged from others. */
  reject(problem: HrImportProblem): void;
  finish(): { persons: HrPerson[]; problems: HrImportProblem[] };
}

interface Pending {
  rows: number[];
  input: HrPersonInput & { contracts: NonNullable<HrPersonInput['contracts']> };
}

const NAME_FIELDS = ['givenName', 'surname', 'preferredName', 'middleName'] as const;
const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

function issueProblem(issue: z.core.$ZodIssue, pending: Pending): HrImportProblem {
  const [first, index, field] = issue.path;
  if (first === 'contracts' && typeof index === 'number') {
    const row = pending.rows[index] ?? pending.rows[0] ?? 0;
    return { row, field: field === undefined ? 'contracts' : String(field), message: issue.message };
  }
  return {
    row: pending.rows[0] ?? 0,
    field: issue.path.map(String).join('.') || 'person',
    message: issue.message,
  };
}

/** A merger for one import; feed it every row of every page, then `finish`. */
export function createPersonMerger(): HrPersonMerger {
  const persons = new Map<string, Pending>();
  const problems: HrImportProblem[] = [];
  return {
    add(row) {
      const employeeId = (row.person.employeeId ?? '').trim();
      // Rows without an employee id cannot be merged; each is validated alone and reported.
      const key = employeeId === '' ? `#row${row.row}` : employeeId.toLowerCase();
      const pending = persons.get(key);
      if (pending === undefined) {
        // Blank required names become '' so the schema reports them as required, not as null.
        const input = {
          ...row.person,
          employeeId,
          givenName: row.person.givenName ?? '',
          surname: row.person.surname ?? '',
          custom: row.custom,
          contracts: [],
        } as Pending['input'];
        persons.set(key, { rows: [row.row], input: { ...input, contracts: [contractOf(row, 1)] } });
        return;
      }
      const conflict = NAME_FIELDS.find((f) => !sameText(row.person[f], pending.input[f]));
      if (conflict !== undefined) {
        problems.push({
          row: row.row,
          field: conflict,
          message: `${conflict} "${row.person[conflict] ?? ''}" differs from "${pending.input[conflict] ?? ''}" on row ${pending.rows[0]} for employee ${employeeId}; the row is left out`,
        });
        return;
      }
      const contract = contractOf(row, pending.input.contracts.length + 1);
      if (pending.input.contracts.some((c) => c.id === contract.id)) {
        problems.push({
          row: row.row,
          field: 'contractId',
          message: `contract "${contract.id}" of employee ${employeeId} appears twice (first on row ${pending.rows[0]}); the row is left out`,
        });
        return;
      }
      pending.rows.push(row.row);
      pending.input.contracts.push(contract);
      pending.input.custom = { ...row.custom, ...pending.input.custom };
    },
    reject(problem) {
      problems.push(problem);
    },
    finish() {
      const valid: HrPerson[] = [];
      for (const pending of persons.values()) {
        const parsed = hrPersonSchema.safeParse(pending.input);
        if (parsed.success) valid.push(parsed.data);
        else problems.push(...parsed.error.issues.map((issue) => issueProblem(issue, pending)));
      }
      problems.sort((a, b) => a.row - b.row);
      return { persons: valid, problems };
    },
  };
}

function contractOf(row: HrSourceRow, ordinal: number): Pending['input']['contracts'][number] {
  const { contractId, ...fields } = row.contract;
  const id =
    contractId === null || contractId === undefined || contractId.trim() === ''
      ? String(ordinal)
      : contractId;
  return { ...fields, id, startDate: fields.startDate ?? '' };
}
