/**
 * The HR benchmark's small change (issue 9): a deterministic share of persons moved, promoted,
 * leaving or joining, and the fewest Graph requests enforcing it can take.
 */
import type { HrAction } from '../../src/contracts/hr/lifecycle.js';
import type { HrPerson } from '../../src/contracts/hr/person.js';
import type { EnforcementPreview } from '../../src/domain/hr/preview.js';
import { addDays, DEPARTMENTS, generatePerson, seededRandom, TITLES } from './hr-population.js';

export interface HrChange {
  persons: HrPerson[];
  mix: { departmentChanges: number; titleChanges: number; leavers: number; joiners: number };
}

/**
 * Changes `percent`% of `persons` (copies; the input is untouched): 50% change department (a
 * mover: attribute PATCH and a dynamic group swap), 30% change title (PATCH only, or a static group
 * too when a rule reads the title), 10% leave (every contract ends yesterday) and 10% are new
 * joiners appended to the list. Only persons active today with no end date are changed.
 */
export function changePersons(persons: readonly HrPerson[], percent: number, today: string): HrChange {
  const random = seededRandom(2026);
  const total = Math.round((persons.length * percent) / 100);
  const joiners = Math.round(total * 0.1);
  const leavers = Math.round(total * 0.1);
  const titleChanges = Math.round(total * 0.3);
  const departmentChanges = total - joiners - leavers - titleChanges;
  const eligible = persons
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.contracts.every((c) => c.endDate === null && c.startDate < today));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(total - joiners, eligible.length))
    chosen.add(eligible[Math.floor(random() * eligible.length)]!.i);
  const out = persons.slice();
  let k = 0;
  for (const i of chosen) {
    const p = structuredClone(persons[i]!);
    if (k < departmentChanges) {
      const next = DEPARTMENTS[(DEPARTMENTS.indexOf(p.contracts[0]!.department!) + 1) % DEPARTMENTS.length]!;
      for (const c of p.contracts) c.department = next;
    } else if (k < departmentChanges + titleChanges) {
      const next = TITLES[(TITLES.indexOf(p.contracts[0]!.title!) + 7) % TITLES.length]!;
      for (const c of p.contracts) c.title = next;
    } else {
      for (const c of p.contracts) c.endDate = addDays(today, -1);
    }
    out[i] = p;
    k += 1;
  }
  for (let j = 0; j < joiners; j += 1) {
    const p = generatePerson(random, persons.length + j, persons.length, today);
    p.contracts = [{ ...p.contracts[0]!, startDate: addDays(today, -1), endDate: null }];
    out.push(p);
  }
  return { persons: out, mix: { departmentChanges, titleChanges, leavers, joiners } };
}

/** The definition `requestsMinimum` follows, as the JSON states it. */
export const REQUESTS_MINIMUM_RULE =
  'per person: 1 per create, enable, disable, updateAttributes, rename, setManager, assignLicences, ' +
  'removeLicences, revokeSessions, delete; 1 per addGroups and 1 per removeGroups (one $batch each); ' +
  'plus 1 employee-id correlation read and 1 address lookup if there are joiners, and 1 group ' +
  'resolution if any group action exists';

/**
 * The fewest Graph HTTP requests the planned actions can take (REQUESTS_MINIMUM_RULE): every
 * action kind is one request for one person (a user's group changes of one kind fit one
 * `$batch`), and three lookups are unavoidable when their actions exist.
 */
export function requestsMinimum(plan: EnforcementPreview): number {
  const actions: HrAction[] = plan.persons.flatMap((p) => p.actions);
  const perAction = actions.length;
  const joiners = actions.some((a) => a.kind === 'create');
  const groups = actions.some((a) => a.kind === 'addGroups' || a.kind === 'removeGroups');
  return perAction + (joiners ? 2 : 0) + (groups ? 1 : 0);
}
