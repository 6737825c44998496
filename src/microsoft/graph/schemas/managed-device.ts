import { z } from 'zod';
import { nullableBoolean, nullableNumber, nullableString } from './common.js';

/** An Intune managed device (`GET /deviceManagement/managedDevices`). */
export const managedDeviceSchema = z.looseObject({
  id: z.string(),
  userId: nullableString,
  deviceName: nullableString,
  managedDeviceName: nullableString,
  serialNumber: nullableString,
  operatingSystem: nullableString,
  osVersion: nullableString,
  manufacturer: nullableString,
  model: nullableString,
  userPrincipalName: nullableString,
  userDisplayName: nullableString,
  emailAddress: nullableString,
  azureADDeviceId: nullableString,
  complianceState: nullableString,
  managementAgent: nullableString,
  managedDeviceOwnerType: nullableString,
  enrolledDateTime: nullableString,
  lastSyncDateTime: nullableString,
  isEncrypted: nullableBoolean,
  isSupervised: nullableBoolean,
  imei: nullableString,
  wiFiMacAddress: nullableString,
  totalStorageSpaceInBytes: nullableNumber,
  freeStorageSpaceInBytes: nullableNumber,
});

export type GraphManagedDevice = z.infer<typeof managedDeviceSchema>;
