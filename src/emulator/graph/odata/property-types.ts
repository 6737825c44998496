/**
 * EDM types of the properties `$filter` can name, so a filter comparing a boolean with a string
 * fails the way ODataLib fails in Graph. Unlisted properties are `Edm.String`.
 */

export type ScalarType = 'string' | 'boolean' | 'datetime' | 'guid' | 'int';

export type PropertyType =
  | { kind: 'scalar'; type: ScalarType }
  | { kind: 'complex'; fields: Record<string, PropertyType> }
  | { kind: 'collection'; item: PropertyType };

const scalar = (type: ScalarType): PropertyType => ({ kind: 'scalar', type });
export const complex = (fields: Record<string, PropertyType>): PropertyType => ({ kind: 'complex', fields });
const collectionOf = (item: PropertyType): PropertyType => ({ kind: 'collection', item });

export const STRING = scalar('string');
export const BOOLEAN = scalar('boolean');
export const DATETIME = scalar('datetime');
export const INT = scalar('int');
const GUID = scalar('guid');
const STRINGS = collectionOf(STRING);

const assignedLicense = complex({ skuId: GUID, disabledPlans: collectionOf(GUID) });

const SHARED_TYPES: Record<string, PropertyType> = {
  createdDateTime: DATETIME,
  deletedDateTime: DATETIME,
  onPremisesLastSyncDateTime: DATETIME,
  onPremisesSyncEnabled: BOOLEAN,
  proxyAddresses: STRINGS,
  assignedLicenses: collectionOf(assignedLicense),
};

export const USER_PROPERTY_TYPES: Record<string, PropertyType> = {
  ...SHARED_TYPES,
  accountEnabled: BOOLEAN,
  isResourceAccount: BOOLEAN,
  showInAddressList: BOOLEAN,
  employeeHireDate: DATETIME,
  employeeLeaveDateTime: DATETIME,
  externalUserStateChangeDateTime: DATETIME,
  lastPasswordChangeDateTime: DATETIME,
  signInSessionsValidFromDateTime: DATETIME,
  businessPhones: STRINGS,
  imAddresses: STRINGS,
  otherMails: STRINGS,
  assignedPlans: collectionOf(
    complex({ servicePlanId: GUID, service: STRING, capabilityStatus: STRING, assignedDateTime: DATETIME }),
  ),
  provisionedPlans: collectionOf(complex({ provisioningStatus: STRING, service: STRING })),
  identities: collectionOf(complex({ signInType: STRING, issuer: STRING, issuerAssignedId: STRING })),
  employeeOrgData: complex({ costCenter: STRING, division: STRING }),
  onPremisesExtensionAttributes: complex(
    Object.fromEntries(Array.from({ length: 15 }, (_, n) => [`extensionAttribute${n + 1}`, STRING])),
  ),
  signInActivity: complex({
    lastSignInDateTime: DATETIME,
    lastSignInRequestId: STRING,
    lastNonInteractiveSignInDateTime: DATETIME,
    lastNonInteractiveSignInRequestId: STRING,
    lastSuccessfulSignInDateTime: DATETIME,
    lastSuccessfulSignInRequestId: STRING,
  }),
};

export const GROUP_PROPERTY_TYPES: Record<string, PropertyType> = {
  ...SHARED_TYPES,
  mailEnabled: BOOLEAN,
  securityEnabled: BOOLEAN,
  isAssignableToRole: BOOLEAN,
  hasMembersWithLicenseErrors: BOOLEAN,
  expirationDateTime: DATETIME,
  renewedDateTime: DATETIME,
  groupTypes: STRINGS,
  resourceProvisioningOptions: STRINGS,
};

/** The EDM name ODataLib prints in type-mismatch messages. */
export function edmName(type: PropertyType | 'date' | 'number' | 'null'): string {
  if (type === 'date') return 'Edm.Date';
  if (type === 'number') return 'Edm.Int32';
  if (type === 'null') return 'null';
  if (type.kind === 'collection') return `Collection(${edmName(type.item)})`;
  if (type.kind === 'complex') return 'microsoft.graph.complexType';
  return {
    string: 'Edm.String',
    boolean: 'Edm.Boolean',
    datetime: 'Edm.DateTimeOffset',
    guid: 'Edm.Guid',
    int: 'Edm.Int32',
  }[type.type];
}
