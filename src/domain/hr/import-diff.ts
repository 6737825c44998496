import { createHash } from 'node:crypto';
import type { HrPerson } from '../../contracts/hr/person.js';

/**
 * What an import changes (issue 9): persons added, removed, changed and unchanged since the
 * previous import, by a content hash of each person, so only changed persons are planned.
 */

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A stable hash of a person's content: key order does not matter, and contracts are compared in
 * id order (a source reordering its rows changes nothing).
 */
export function personHash(person: HrPerson): string {
  const contracts = [...person.contracts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha256')
    .update(canonical({ ...person, contracts }))
    .digest('base64url');
}

export interface HrImportDiff {
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: string[];
  /** Employee id → hash of every person in the new import, to keep for the next one. */
  hashes: Map<string, string>;
}

/** Compares the previous import (employee id → hash) with the new persons. */
export function diffImport(
  previous: ReadonlyMap<string, string>,
  persons: readonly HrPerson[],
): HrImportDiff {
  const diff: HrImportDiff = { added: [], removed: [], changed: [], unchanged: [], hashes: new Map() };
  for (const person of persons) {
    const hash = personHash(person);
    diff.hashes.set(person.employeeId, hash);
    const before = previous.get(person.employeeId);
    if (before === undefined) diff.added.push(person.employeeId);
    else (before === hash ? diff.unchanged : diff.changed).push(person.employeeId);
  }
  for (const employeeId of previous.keys()) if (!diff.hashes.has(employeeId)) diff.removed.push(employeeId);
  return diff;
}
