import { z } from 'zod';

/**
 * Entra user properties an administrator may fill from an HR source field (issue 9). Names are
 * Graph's; the two members of the `employeeOrgData` complex type are spelled with a dot.
 */
export const HR_ENTRA_ATTRIBUTES = [
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'department',
  'companyName',
  'officeLocation',
  'city',
  'state',
  'country',
  'streetAddress',
  'postalCode',
  'mobilePhone',
  'preferredLanguage',
  'usageLocation',
  'employeeType',
  'employeeId',
  'employeeHireDate',
  'employeeOrgData.costCenter',
  'employeeOrgData.division',
] as const;
export type HrEntraAttribute = (typeof HR_ENTRA_ATTRIBUTES)[number];

export const hrEntraAttributeSchema = z.enum(HR_ENTRA_ATTRIBUTES);

/** What a field-mapping form shows for each attribute. */
export const HR_ENTRA_ATTRIBUTE_LABELS: Record<HrEntraAttribute, string> = {
  displayName: 'Display name',
  givenName: 'First name',
  surname: 'Last name',
  jobTitle: 'Job title',
  department: 'Department',
  companyName: 'Company name',
  officeLocation: 'Office',
  city: 'City',
  state: 'State or province',
  country: 'Country or region',
  streetAddress: 'Street address',
  postalCode: 'Postal code',
  mobilePhone: 'Mobile phone',
  preferredLanguage: 'Preferred language',
  usageLocation: 'Usage location (licences)',
  employeeType: 'Employee type',
  employeeId: 'Employee ID',
  employeeHireDate: 'Hire date',
  'employeeOrgData.costCenter': 'Cost centre',
  'employeeOrgData.division': 'Division',
};

const ORG_DATA_PREFIX = 'employeeOrgData.';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Graph's employeeHireDate is an Edm.DateTimeOffset: a bare HR date means midnight UTC that day. */
function graphValue(attribute: HrEntraAttribute, value: string): string {
  return attribute === 'employeeHireDate' && DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value;
}

/**
 * The Graph JSON body fragment (`POST /users`, `PATCH /users/{id}`) for mapped HR values.
 * Attributes left out are left alone; null — or a blank string, which Graph refuses for several
 * properties — clears the property. `employeeOrgData` becomes one nested object: Graph replaces
 * it whole, so a member not given here is cleared too when the other one is sent.
 */
export function toGraphProfile(
  values: Partial<Record<HrEntraAttribute, string | null>>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const orgData: Record<string, string | null> = {};
  for (const attribute of HR_ENTRA_ATTRIBUTES) {
    const raw = values[attribute];
    if (raw === undefined) continue;
    const trimmed = raw === null ? '' : raw.trim();
    const value = trimmed === '' ? null : graphValue(attribute, trimmed);
    if (attribute.startsWith(ORG_DATA_PREFIX)) orgData[attribute.slice(ORG_DATA_PREFIX.length)] = value;
    else body[attribute] = value;
  }
  if (Object.keys(orgData).length > 0) body.employeeOrgData = orgData;
  return body;
}
