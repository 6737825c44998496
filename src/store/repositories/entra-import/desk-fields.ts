import {
  CUSTOM_FIELD_PREFIX,
  type DeskAgentField,
  type DeskUserField,
} from '../../../contracts/entra/fields.js';
import { InvalidPlanError } from '../../errors.js';
import { isGuid } from '../../guid.js';

/** Desk user fields kept in a text column of `desk_users`, by field name. */
export const USER_TEXT_COLUMNS = {
  displayName: 'display_name',
  givenName: 'given_name',
  surname: 'surname',
  email: 'email',
  userPrincipalName: 'user_principal_name',
  networkLogin: 'network_login',
  jobTitle: 'job_title',
  department: 'department',
  phoneNumber: 'phone_number',
  mobileNumber: 'mobile_number',
  employeeId: 'employee_id',
  officeLocation: 'office_location',
  creationType: 'creation_type',
} as const satisfies Partial<Record<DeskUserField, string>>;

/**
 * Every text column a user import writes: the mappable fields, and the contract coverage the
 * compliance setting records (`contractCoverage`, not a field a mapping may write).
 */
export const USER_IMPORT_TEXT_COLUMNS: Readonly<Record<string, string>> = {
  ...USER_TEXT_COLUMNS,
  contractCoverage: 'contract_coverage',
};

/** Desk agent fields kept in a text column of `agents`, by field name. */
export const AGENT_TEXT_COLUMNS = {
  displayName: 'display_name',
  email: 'email',
  userPrincipalName: 'user_principal_name',
  networkLogin: 'network_login',
  jobTitle: 'job_title',
  department: 'department',
  phoneNumber: 'phone_number',
  mobileNumber: 'mobile_number',
  creationType: 'creation_type',
} as const satisfies Partial<Record<DeskAgentField, string>>;

/** Which desk record a plan writes: the field names and columns of `desk_users` or `agents`. */
export interface DeskRecordKind {
  textColumns: Readonly<Record<string, string>>;
  /** The field holding the manager's Entra object id (`manager` / `linemanager`). */
  managerField: string;
  /** Boolean fields ('true'/'false') other than `inactive`, by field name. */
  booleanColumns: Readonly<Record<string, string>>;
  customFields: boolean;
  /** Fields the apply takes from elsewhere (an agent's `team` comes as `agent.defaultTeamId`). */
  ignored: readonly string[];
}

export const DESK_USER_KIND: DeskRecordKind = {
  textColumns: USER_IMPORT_TEXT_COLUMNS,
  managerField: 'manager',
  booleanColumns: { isServiceAccount: 'is_service_account' },
  customFields: true,
  ignored: [],
};

export const DESK_AGENT_KIND: DeskRecordKind = {
  textColumns: AGENT_TEXT_COLUMNS,
  managerField: 'linemanager',
  booleanColumns: {},
  customFields: false,
  ignored: ['team'],
};

/** A planned record's `values` sorted by where they are stored. Absent keys are not written. */
export interface SplitValues {
  /** Column name → value. */
  text: Record<string, string | null>;
  booleans: Record<string, boolean>;
  inactive?: boolean;
  custom: Record<string, string | null>;
  /** The manager's Entra object id; null clears the manager; undefined leaves it. */
  managerEntraId?: string | null;
  /** ISO time of the last sign-in, when the planner passes `lastSignInAt`. */
  lastSignInAt?: string | null;
}

/**
 * Sorts `values` (desk field → text) into columns. Besides the contract's fields it accepts
 * `inactive` ('true'/'false', to reactivate) and `lastSignInAt`; anything else is a planner bug.
 */
export function splitValues(
  kind: DeskRecordKind,
  values: Readonly<Record<string, string | null>>,
): SplitValues {
  const split: SplitValues = { text: {}, booleans: {}, custom: {} };
  for (const [field, value] of Object.entries(values)) {
    const column = kind.textColumns[field];
    const flag = kind.booleanColumns[field];
    if (column) split.text[column] = value;
    else if (flag) split.booleans[flag] = value === 'true';
    else if (field === 'inactive') split.inactive = value === 'true';
    else if (field === 'lastSignInAt') split.lastSignInAt = value;
    else if (field === kind.managerField) split.managerEntraId = guidOrNull(field, value);
    else if (
      kind.customFields &&
      field.startsWith(CUSTOM_FIELD_PREFIX) &&
      field.length > CUSTOM_FIELD_PREFIX.length
    )
      split.custom[field.slice(CUSTOM_FIELD_PREFIX.length)] = value;
    else if (!kind.ignored.includes(field))
      throw new InvalidPlanError(`the plan writes unknown desk field "${field}"`);
  }
  return split;
}

function guidOrNull(field: string, value: string | null): string | null {
  if (value === null || value === '') return null;
  if (!isGuid(value)) throw new InvalidPlanError(`${field} must be an Entra object id, got "${value}"`);
  return value.toLowerCase();
}

/** Map key of an Entra user: GUIDs compared ignoring case. */
export function entraKey(tenantId: string, entraId: string): string {
  return `${tenantId.toLowerCase()}/${entraId.toLowerCase()}`;
}
