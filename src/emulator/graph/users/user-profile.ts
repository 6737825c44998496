import { fits, typeMismatch } from '../odata/entity-body.js';
import type { QueryError } from '../odata/query-errors.js';
import { userErrors } from './user-validation.js';

/** Members of the employeeOrgData complex type (employeeorgdata.md), all strings. */
const ORG_DATA_MEMBERS = ['costCenter', 'division'];

/** Maximum lengths of string properties, as user.md documents them; longer values are refused. */
const MAX_LENGTH: Record<string, number> = {
  city: 128,
  companyName: 64,
  country: 128,
  department: 64,
  displayName: 256,
  employeeId: 16,
  givenName: 64,
  jobTitle: 128,
  mobilePhone: 64,
  officeLocation: 128,
  postalCode: 40,
  state: 128,
  streetAddress: 1024,
  surname: 64,
};

/** employeeOrgData as sent: only its own members, each a string or null. */
function checkOrgData(value: unknown): QueryError | null {
  if (value === null || value === undefined) return null;
  for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
    if (!ORG_DATA_MEMBERS.some((m) => m.toLowerCase() === name.toLowerCase())) {
      return {
        status: 400,
        code: 'BadRequest',
        message: `The property '${name}' does not exist on type 'microsoft.graph.employeeOrgData'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      };
    }
    if (!fits('string', member)) return typeMismatch('string', member);
  }
  return null;
}

/** Profile checks beyond the JSON shape: the complex type's members and string lengths. */
export function checkProfileProps(props: Record<string, unknown>): QueryError | null {
  const orgData = checkOrgData(props.employeeOrgData);
  if (orgData) return orgData;
  for (const [property, max] of Object.entries(MAX_LENGTH)) {
    const value = props[property];
    if (typeof value === 'string' && value.length > max) return userErrors.invalidValue(property);
  }
  return null;
}

/**
 * Stores profile values as Graph answers them: employeeOrgData is replaced whole (a member not
 * sent becomes null, employeeorgdata.md), DateTimeOffsets come back in UTC, whole seconds.
 */
export function normalizeProfileProps(props: Record<string, unknown>): void {
  const orgData = props.employeeOrgData as Record<string, unknown> | null | undefined;
  if (orgData) {
    const member = (name: string) =>
      Object.entries(orgData).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? null;
    props.employeeOrgData = Object.fromEntries(ORG_DATA_MEMBERS.map((name) => [name, member(name)]));
  }
  for (const name of ['employeeHireDate', 'employeeLeaveDateTime']) {
    const value = props[name];
    if (typeof value === 'string') {
      props[name] = new Date(Date.parse(value)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
  }
}
