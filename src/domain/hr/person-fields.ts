import type { HrContract, HrPerson, HrPersonField } from '../../contracts/hr/person.js';

/**
 * The flat view of a person that rules and templates read on a given day (issue 9). A person may
 * hold several contracts; contract fields come from the primary one:
 * - the contract in force that day (of several, the one that started first);
 * - otherwise the next to start (before the first contract, and in a gap before a rehire: the
 *   coming job is what entitlements are prepared for);
 * - otherwise (all ended) the one that ended last.
 *
 * `startDate` is the primary contract's start; `endDate` is the last end date of all contracts,
 * null when any contract is open-ended, so a person moving between consecutive contracts stays
 * active throughout.
 */

export type HrPersonFieldView = Record<HrPersonField, string | null> & {
  [field: string]: string | null | undefined;
};

function inForce(contract: HrContract, day: string): boolean {
  return contract.startDate <= day && (contract.endDate === null || contract.endDate >= day);
}

/** The contract the person's fields are read from on `day` (YYYY-MM-DD). */
export function primaryContract(person: HrPerson, day: string): HrContract {
  let current: HrContract | undefined;
  let next: HrContract | undefined;
  let last: HrContract | undefined;
  for (const contract of person.contracts) {
    if (inForce(contract, day)) {
      if (current === undefined || contract.startDate < current.startDate) current = contract;
    } else if (contract.startDate > day) {
      if (next === undefined || contract.startDate < next.startDate) next = contract;
    } else if (last === undefined || (contract.endDate ?? '') > (last.endDate ?? '')) {
      last = contract;
    }
  }
  const chosen = current ?? next ?? last;
  // The person schema guarantees at least one contract.
  if (chosen === undefined) throw new RangeError(`person ${person.employeeId} has no contracts`);
  return chosen;
}

/** The last day worked over all contracts; null while any contract is open-ended. */
export function lastEndDate(person: HrPerson): string | null {
  let end = '';
  for (const contract of person.contracts) {
    if (contract.endDate === null) return null;
    if (contract.endDate > end) end = contract.endDate;
  }
  return end === '' ? null : end;
}

const blankToNull = (value: string | null | undefined): string | null =>
  value === null || value === undefined || value.trim() === '' ? null : value;

/** The fields of `person` on `day`: person fields, the primary contract's fields, `custom.<name>`. */
export function personFields(person: HrPerson, day: string): HrPersonFieldView {
  const contract = primaryContract(person, day);
  const view: HrPersonFieldView = {
    employeeId: person.employeeId,
    givenName: person.givenName,
    surname: person.surname,
    preferredName: blankToNull(person.preferredName),
    middleName: blankToNull(person.middleName),
    displayName: blankToNull(person.displayName),
    personalEmail: blankToNull(person.personalEmail),
    mobilePhone: blankToNull(person.mobilePhone),
    department: blankToNull(contract.department),
    title: blankToNull(contract.title),
    costCentre: blankToNull(contract.costCentre),
    location: blankToNull(contract.location),
    company: blankToNull(contract.company),
    employeeType: blankToNull(contract.employeeType),
    managerEmployeeId: blankToNull(contract.managerEmployeeId),
    startDate: contract.startDate,
    endDate: lastEndDate(person),
  };
  for (const [name, value] of Object.entries(person.custom)) view[`custom.${name}`] = blankToNull(value);
  return view;
}
