import { guid } from '../../ids.js';
import type { DeviceRecord } from '../../state/types.js';
import type { COMPLIANCE_STATES, OPERATING_SYSTEMS } from './properties.js';

const GIB = 1024 ** 3;
const DEFAULT_STORAGE_GIB = 128;
/** Share of storage a seeded device reports free. */
const FREE_STORAGE_SHARE = 0.4;

/** Enrolment method most devices of each platform show in Intune. */
const ENROLLMENT_TYPE: Record<(typeof OPERATING_SYSTEMS)[number], string> = {
  Windows: 'windowsAzureADJoin',
  iOS: 'appleBulkWithUser',
  Android: 'androidEnterpriseFullyManaged',
  macOS: 'appleBulkWithUser',
};

export interface NewManagedDevice {
  id?: string;
  deviceName: string;
  operatingSystem: (typeof OPERATING_SYSTEMS)[number];
  osVersion: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  complianceState?: (typeof COMPLIANCE_STATES)[number];
  ownerType?: 'company' | 'personal' | 'unknown';
  /** Primary user; omitted for shared/kiosk devices. */
  user?: { id: string; userPrincipalName: string; displayName: string; mail?: string | null };
  /** Epoch ms. */
  enrolledAt: number;
  lastSyncAt: number;
  storageGiB?: number;
  /** Seeded generator for ids; random when absent. */
  random?: () => number;
}

/**
 * A `managedDevice` record for a tenant's `devices` map. Devices without a primary user carry
 * empty strings in the user fields, as Intune shows shared devices [K].
 */
export function createManagedDevice(input: NewManagedDevice): DeviceRecord {
  const id = input.id ?? guid(input.random);
  const storage = (input.storageGiB ?? DEFAULT_STORAGE_GIB) * GIB;
  const mobile = input.operatingSystem === 'iOS' || input.operatingSystem === 'Android';
  const user = input.user;
  return {
    id,
    userId: user?.id ?? '',
    deviceName: input.deviceName,
    managedDeviceOwnerType: input.ownerType ?? 'company',
    enrolledDateTime: new Date(input.enrolledAt).toISOString(),
    lastSyncDateTime: new Date(input.lastSyncAt).toISOString(),
    operatingSystem: input.operatingSystem,
    complianceState: input.complianceState ?? 'compliant',
    jailBroken: mobile ? 'False' : 'Unknown',
    managementAgent: 'mdm',
    osVersion: input.osVersion,
    easActivated: false,
    easDeviceId: '',
    easActivationDateTime: '0001-01-01T00:00:00Z',
    azureADRegistered: true,
    deviceEnrollmentType: ENROLLMENT_TYPE[input.operatingSystem],
    activationLockBypassCode: null,
    emailAddress: user?.mail ?? '',
    azureADDeviceId: guid(input.random),
    deviceRegistrationState: 'registered',
    deviceCategoryDisplayName: 'Unknown',
    isSupervised: input.operatingSystem === 'iOS' && (input.ownerType ?? 'company') === 'company',
    exchangeLastSuccessfulSyncDateTime: '0001-01-01T00:00:00Z',
    exchangeAccessState: 'none',
    exchangeAccessStateReason: 'none',
    remoteAssistanceSessionUrl: null,
    remoteAssistanceSessionErrorDetails: null,
    isEncrypted: true,
    userPrincipalName: user?.userPrincipalName ?? '',
    model: input.model,
    manufacturer: input.manufacturer,
    imei: mobile ? '' : null,
    complianceGracePeriodExpirationDateTime: '9999-12-31T23:59:59Z',
    serialNumber: input.serialNumber,
    phoneNumber: mobile ? '' : null,
    androidSecurityPatchLevel: input.operatingSystem === 'Android' ? '2025-01-01' : null,
    userDisplayName: user?.displayName ?? '',
    wiFiMacAddress: '',
    subscriberCarrier: '',
    meid: mobile ? '' : null,
    totalStorageSpaceInBytes: storage,
    freeStorageSpaceInBytes: Math.floor(storage * FREE_STORAGE_SHARE),
    managedDeviceName: `${user?.userPrincipalName.split('@')[0] ?? 'Shared'}_${input.operatingSystem}_${new Date(input.enrolledAt).toISOString().slice(0, 10)}`,
    partnerReportedThreatState: 'unknown',
  };
}
