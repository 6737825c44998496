import type { HrEventView } from '../../../../../src/contracts/api/hr-persons.js';
import type { HrActionKind, HrEvent, HrPhase } from '../../../../../src/contracts/hr/lifecycle.js';
import type { HrConditionOperator } from '../../../../../src/contracts/hr/rules.js';
import type { HrMappableField, HrSourceKind } from '../../../../../src/contracts/hr/source.js';

/** What the console calls each source kind. */
export const KIND_LABELS: Record<HrSourceKind, string> = {
  csv: 'CSV file',
  json: 'JSON API',
  scim: 'SCIM push',
};

/** A person's lifecycle phase in words. */
export const PHASE_LABELS: Record<HrPhase, string> = {
  future: 'Future (not yet created)',
  preboarding: 'Preboarding (sign-in blocked)',
  active: 'Active',
  left: 'Left',
  purge: 'To be deleted',
};

/** Condition operators as a rule's author reads them. */
export const OPERATOR_LABELS: Record<HrConditionOperator, string> = {
  equals: 'is',
  notEquals: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  startsWith: 'starts with',
  contains: 'contains',
  isSet: 'has a value',
  isNotSet: 'is empty',
};

export const ACTION_LABELS: Record<HrActionKind, string> = {
  create: 'Create account',
  enable: 'Enable sign-in',
  disable: 'Block sign-in',
  revokeSessions: 'Sign out everywhere',
  delete: 'Delete account',
  updateAttributes: 'Update attributes',
  rename: 'Rename',
  setManager: 'Set manager',
  addGroups: 'Add to groups',
  removeGroups: 'Remove from groups',
  assignLicences: 'Assign licences',
  removeLicences: 'Remove licences',
  writeBack: 'Write back to the source',
};

export const EVENT_LABELS: Record<HrEvent, string> = {
  joiner: 'Joiner',
  mover: 'Mover',
  leaver: 'Leaver',
  rules: 'Rule change',
};

export const RESULT_LABELS: Record<HrEventView['result'], string> = {
  done: 'Done',
  failed: 'Failed',
  dryRun: 'Dry run',
  skipped: 'Skipped',
};

/** The badge class of an audit result: green done, red failed, neutral otherwise. */
export function resultBadge(result: HrEventView['result']): string {
  return result === 'done' ? 'badge badge-ok' : result === 'failed' ? 'badge badge-off' : 'badge';
}

/** An entitlement in words: "Account", "Group Dept-Sales", "Licence E3". */
export function entitlementLabel(e: { kind: 'account' | 'group' | 'licence'; name: string }): string {
  if (e.kind === 'account') return 'Account';
  return `${e.kind === 'group' ? 'Group' : 'Licence'} ${e.name}`;
}

/** Person and contract fields as forms name them (the field's own name is shown beside). */
export const FIELD_LABELS: Record<HrMappableField, string> = {
  employeeId: 'Employee ID',
  givenName: 'First name',
  surname: 'Last name',
  preferredName: 'Preferred name',
  middleName: 'Middle name',
  displayName: 'Display name',
  personalEmail: 'Personal e-mail',
  mobilePhone: 'Mobile phone',
  department: 'Department',
  title: 'Job title',
  costCentre: 'Cost centre',
  location: 'Location',
  company: 'Company',
  employeeType: 'Employee type',
  managerEmployeeId: 'Manager’s employee ID',
  startDate: 'Start date',
  endDate: 'End date',
  contractId: 'Contract ID',
};

/** Fields every source must map. */
export const REQUIRED_FIELDS: readonly HrMappableField[] = [
  'employeeId',
  'givenName',
  'surname',
  'startDate',
];
