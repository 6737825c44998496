/**
 * Property names Graph knows per resource type (v1.0 resource docs), the default set returned
 * without `$select`, and the properties a collection cannot `$select` (single GET only → 501).
 */

export const USER_DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

export const USER_PROPERTIES = new Set<string>([
  ...USER_DEFAULT_PROPERTIES,
  'accountEnabled',
  'ageGroup',
  'assignedLicenses',
  'assignedPlans',
  'city',
  'companyName',
  'consentProvidedForMinor',
  'country',
  'createdDateTime',
  'creationType',
  'deletedDateTime',
  'department',
  'employeeHireDate',
  'employeeLeaveDateTime',
  'employeeId',
  'employeeOrgData',
  'employeeType',
  'externalUserState',
  'externalUserStateChangeDateTime',
  'faxNumber',
  'identities',
  'imAddresses',
  'isResourceAccount',
  'lastPasswordChangeDateTime',
  'legalAgeGroupClassification',
  'licenseAssignmentStates',
  'mailNickname',
  'onPremisesDistinguishedName',
  'onPremisesDomainName',
  'onPremisesExtensionAttributes',
  'onPremisesImmutableId',
  'onPremisesLastSyncDateTime',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'onPremisesUserPrincipalName',
  'otherMails',
  'passwordPolicies',
  // Write-only: accepted by POST/PATCH and `$select`, always read back as null.
  'passwordProfile',
  'postalCode',
  'preferredDataLocation',
  'provisionedPlans',
  'proxyAddresses',
  'securityIdentifier',
  'showInAddressList',
  'signInActivity',
  'signInSessionsValidFromDateTime',
  'state',
  'streetAddress',
  'usageLocation',
  'userType',
  // Navigation properties that may be named in `$select` on delta (`manager@delta`).
  'manager',
]);

/** Only on GET /users/{id}: selecting them on the collection answers 501. */
export const USER_SINGLE_ONLY_PROPERTIES = new Set<string>([
  'aboutMe',
  'birthday',
  'hireDate',
  'interests',
  'mySite',
  'pastProjects',
  'preferredName',
  'responsibilities',
  'schools',
  'skills',
  'mailboxSettings',
]);

export const GROUP_DEFAULT_PROPERTIES = [
  'id',
  'deletedDateTime',
  'classification',
  'createdDateTime',
  'creationOptions',
  'description',
  'displayName',
  'expirationDateTime',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesDomainName',
  'onPremisesLastSyncDateTime',
  'onPremisesNetBiosName',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'preferredDataLocation',
  'preferredLanguage',
  'proxyAddresses',
  'renewedDateTime',
  'resourceBehaviorOptions',
  'resourceProvisioningOptions',
  'securityEnabled',
  'securityIdentifier',
  'theme',
  'visibility',
  'onPremisesProvisioningErrors',
  'serviceProvisioningErrors',
] as const;

export const GROUP_PROPERTIES = new Set<string>([
  ...GROUP_DEFAULT_PROPERTIES,
  // `$select`-only group properties (not in the default set).
  'assignedLicenses',
  'hasMembersWithLicenseErrors',
  'licenseProcessingState',
  'members',
  'owners',
]);

/** Collection-valued properties come back as `[]` when unset, others as `null`. */
export const COLLECTION_PROPERTIES = new Set<string>([
  'businessPhones',
  'assignedLicenses',
  'assignedPlans',
  'identities',
  'imAddresses',
  'otherMails',
  'provisionedPlans',
  'proxyAddresses',
  'licenseAssignmentStates',
  'groupTypes',
  'creationOptions',
  'resourceBehaviorOptions',
  'resourceProvisioningOptions',
  'onPremisesProvisioningErrors',
  'serviceProvisioningErrors',
]);

/** Directory schema extensions (`extension_<appIdNoDashes>_<name>`) are valid on any directory object. */
export function isExtensionProperty(name: string): boolean {
  return /^extension_[0-9a-f]{32}_\w+$/i.test(name);
}
