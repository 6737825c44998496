import type { JsonKind } from '../odata/entity-body.js';

/** User properties POST/PATCH may set (user-post-users.md, user-update.md) and their JSON shapes. */
export const USER_WRITABLE: Record<string, JsonKind> = {
  accountEnabled: 'boolean',
  ageGroup: 'string',
  businessPhones: 'strings',
  city: 'string',
  companyName: 'string',
  consentProvidedForMinor: 'string',
  country: 'string',
  department: 'string',
  displayName: 'string',
  employeeHireDate: 'datetime',
  employeeId: 'string',
  employeeLeaveDateTime: 'datetime',
  employeeOrgData: 'object',
  employeeType: 'string',
  faxNumber: 'string',
  givenName: 'string',
  identities: 'objects',
  jobTitle: 'string',
  mail: 'string',
  mailNickname: 'string',
  mobilePhone: 'string',
  officeLocation: 'string',
  onPremisesExtensionAttributes: 'object',
  onPremisesImmutableId: 'string',
  otherMails: 'strings',
  passwordPolicies: 'string',
  passwordProfile: 'object',
  postalCode: 'string',
  preferredDataLocation: 'string',
  preferredLanguage: 'string',
  showInAddressList: 'boolean',
  state: 'string',
  streetAddress: 'string',
  surname: 'string',
  usageLocation: 'string',
  userPrincipalName: 'string',
  userType: 'string',
};

/**
 * What stays writable in the cloud on a user synced from on-premises AD; everything else is
 * mastered on-premises and Graph refuses the write (fact sheet §2.2). Licences and cloud-group
 * membership are separate operations and still work.
 */
export const CLOUD_WRITABLE_ON_SYNCED = new Set([
  'usageLocation',
  'preferredDataLocation',
  'passwordPolicies',
  'passwordProfile',
  'showInAddressList',
]);

export const ON_PREMISES_MASTERED =
  'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.';

/** ISO 3166-1 alpha-2 shape; Graph checks the code against its list, two letters is close enough. */
export const USAGE_LOCATION = /^[A-Za-z]{2}$/;
export const USER_TYPES = ['Member', 'Guest'];
