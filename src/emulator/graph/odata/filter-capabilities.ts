/**
 * Which `$filter` operators each property supports, by default or only in advanced
 * queries (`ConsistencyLevel: eventual` + `$count=true`). Source: Graph docs
 * `includes/filter-directory-objects.md` and `concepts/aad-advanced-queries.md`, with the fact
 * sheet (§2.1) deciding where the two disagree (`createdDateTime ge …` works by default on users).
 *
 * Spec strings: `eq` (also `in` and, where the type allows `ne`, `ne`), `sw` (startsWith),
 * `range` (ge/le/gt/lt), `null` (eq/ne null), `ew` (endsWith); a trailing `*` means advanced
 * only. Keys are a property, `collection/field` for lambda bodies (`assignedLicenses/skuId`) or
 * `complex/field` (`customer/tenantId`).
 */

export type Support = 'default' | 'advanced';

export interface Capability {
  eq?: Support;
  sw?: Support;
  range?: Support;
  null?: Support;
  ew?: Support;
}

export type CapabilityTable = Record<string, Capability>;

/** A capability table from spec strings (see above), e.g. `{ displayName: 'eq sw null*' }`. */
export function capabilityTable(spec: Record<string, string>): CapabilityTable {
  const out: CapabilityTable = {};
  for (const [key, text] of Object.entries(spec)) {
    const cap: Capability = {};
    for (const part of text.split(' ')) {
      const advanced = part.endsWith('*');
      cap[part.replace('*', '') as keyof Capability] = advanced ? 'advanced' : 'default';
    }
    out[key] = cap;
  }
  return out;
}

const ADVANCED_TEXT = 'eq* sw* null*';
const DEFAULT_TEXT = 'eq sw null*';

export const USER_FILTER_CAPABILITIES = capabilityTable({
  id: 'eq',
  accountEnabled: 'eq',
  ageGroup: 'eq',
  'assignedLicenses/skuId': 'eq',
  'assignedPlans/capabilityStatus': 'eq*',
  'assignedPlans/service': 'eq*',
  'assignedPlans/servicePlanId': 'eq*',
  businessPhones: 'eq',
  city: DEFAULT_TEXT,
  companyName: ADVANCED_TEXT,
  consentProvidedForMinor: 'eq',
  country: DEFAULT_TEXT,
  createdDateTime: 'eq range',
  creationType: 'eq',
  deletedDateTime: 'eq range',
  department: DEFAULT_TEXT,
  displayName: DEFAULT_TEXT,
  employeeHireDate: 'eq* range*',
  employeeId: DEFAULT_TEXT,
  'employeeOrgData/costCenter': 'eq*',
  'employeeOrgData/division': 'eq*',
  employeeType: 'eq*',
  externalUserState: 'eq',
  externalUserStateChangeDateTime: 'eq range',
  faxNumber: ADVANCED_TEXT,
  givenName: DEFAULT_TEXT,
  'identities/issuer': 'eq null',
  'identities/issuerAssignedId': 'eq',
  'identities/signInType': 'eq',
  imAddresses: 'eq sw',
  isResourceAccount: 'eq',
  jobTitle: DEFAULT_TEXT,
  mail: 'eq sw null* ew*',
  mailNickname: DEFAULT_TEXT,
  mobilePhone: ADVANCED_TEXT,
  officeLocation: ADVANCED_TEXT,
  onPremisesExtensionAttributes: 'eq* null*',
  onPremisesImmutableId: 'eq',
  onPremisesLastSyncDateTime: 'eq range',
  onPremisesSamAccountName: 'eq* sw*',
  onPremisesSecurityIdentifier: 'eq null*',
  onPremisesSyncEnabled: 'eq null*',
  onPremisesUserPrincipalName: 'eq sw',
  otherMails: 'eq sw ew*',
  passwordPolicies: 'null*',
  postalCode: ADVANCED_TEXT,
  preferredLanguage: ADVANCED_TEXT,
  proxyAddresses: 'eq sw ew* null*',
  showInAddressList: 'eq*',
  signInActivity: 'eq range',
  state: DEFAULT_TEXT,
  streetAddress: ADVANCED_TEXT,
  surname: DEFAULT_TEXT,
  usageLocation: DEFAULT_TEXT,
  userPrincipalName: 'eq sw ew*',
  userType: 'eq null*',
});

export const GROUP_FILTER_CAPABILITIES = capabilityTable({
  id: 'eq',
  'assignedLicenses/skuId': 'eq',
  classification: 'eq sw',
  deletedDateTime: 'eq range',
  description: 'eq* sw*',
  displayName: DEFAULT_TEXT,
  expirationDateTime: 'eq* range*',
  groupTypes: 'eq',
  hasMembersWithLicenseErrors: 'eq null',
  isAssignableToRole: 'eq',
  mail: 'eq sw null* ew*',
  mailEnabled: 'eq',
  mailNickname: DEFAULT_TEXT,
  membershipRule: 'eq sw',
  membershipRuleProcessingState: 'eq',
  onPremisesLastSyncDateTime: 'eq range',
  onPremisesSamAccountName: 'eq* sw*',
  onPremisesSecurityIdentifier: 'null*',
  onPremisesSyncEnabled: 'eq null*',
  preferredLanguage: ADVANCED_TEXT,
  proxyAddresses: 'eq sw ew* null*',
  renewedDateTime: 'eq range',
  resourceProvisioningOptions: 'eq',
  securityEnabled: 'eq',
});

/** Directory schema extensions are filterable with `eq` by default. */
export const EXTENSION_CAPABILITY: Capability = { eq: 'default', null: 'advanced' };
