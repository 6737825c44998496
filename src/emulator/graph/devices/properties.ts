/**
 * `managedDevice` properties (Graph v1.0 intune-devices-manageddevice.md). Intune has no default
 * property subset: without `$select` every property is returned.
 */
export const MANAGED_DEVICE_PROPERTIES = [
  'id',
  'userId',
  'deviceName',
  'managedDeviceOwnerType',
  'enrolledDateTime',
  'lastSyncDateTime',
  'operatingSystem',
  'complianceState',
  'jailBroken',
  'managementAgent',
  'osVersion',
  'easActivated',
  'easDeviceId',
  'easActivationDateTime',
  'azureADRegistered',
  'deviceEnrollmentType',
  'activationLockBypassCode',
  'emailAddress',
  'azureADDeviceId',
  'deviceRegistrationState',
  'deviceCategoryDisplayName',
  'isSupervised',
  'exchangeLastSuccessfulSyncDateTime',
  'exchangeAccessState',
  'exchangeAccessStateReason',
  'remoteAssistanceSessionUrl',
  'remoteAssistanceSessionErrorDetails',
  'isEncrypted',
  'userPrincipalName',
  'model',
  'manufacturer',
  'imei',
  'complianceGracePeriodExpirationDateTime',
  'serialNumber',
  'phoneNumber',
  'androidSecurityPatchLevel',
  'userDisplayName',
  'wiFiMacAddress',
  'subscriberCarrier',
  'meid',
  'totalStorageSpaceInBytes',
  'freeStorageSpaceInBytes',
  'managedDeviceName',
  'partnerReportedThreatState',
] as const;

export type ManagedDeviceProperty = (typeof MANAGED_DEVICE_PROPERTIES)[number];

export const OPERATING_SYSTEMS = ['Windows', 'iOS', 'Android', 'macOS'] as const;

export const COMPLIANCE_STATES = [
  'unknown',
  'compliant',
  'noncompliant',
  'conflict',
  'error',
  'inGracePeriod',
  'configManager',
] as const;

/** Properties `$filter` may name on managedDevices (the ones used in the wild, fact sheet §8). */
export const FILTERABLE_DEVICE_PROPERTIES = [
  'operatingSystem',
  'complianceState',
  'lastSyncDateTime',
  'enrolledDateTime',
  'managedDeviceOwnerType',
  'userId',
  'userPrincipalName',
  'deviceName',
  'azureADDeviceId',
  'serialNumber',
] as const;
