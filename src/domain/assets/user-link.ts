import type { DeviceUserField, UserIdentifier, UserMatching } from '../../contracts/api/assets-config.js';
import { deviceValue, isMobileDevice, type IntuneDevice } from './device.js';

/** Which desk user field a device's user is looked up by, and with what value. */
export interface UserLookup {
  identifier: UserIdentifier;
  value: string;
  /** How the link was chosen, for the reason shown. */
  via: string;
}

/** The desk user a device is linked to (ids only: what the plan writes). */
export interface DeskUserRef {
  id: string;
  customerId: string;
  siteId: string;
}

/** The key desk users are indexed by for a lookup: identifier and lower-cased value. */
export const userKey = (identifier: UserIdentifier, value: string) => `${identifier}:${value.toLowerCase()}`;

function link(
  device: IntuneDevice,
  deviceField: DeviceUserField,
  identifier: UserIdentifier,
  via: string,
): UserLookup | null {
  const value = deviceValue(device, deviceField);
  return value ? { identifier, value, via: `${via}: device ${deviceField} = user ${identifier}` } : null;
}

/**
 * Guide 002 "User matching". The asset method looks the configured device field up in the
 * configured user field (the mobile override for iOS/Android, when set); the user method links a
 * device to the user Intune names as its primary user (its Entra object id), which is what
 * querying each user's managed devices finds.
 */
export function userLookupOf(matching: UserMatching, device: IntuneDevice): UserLookup | null {
  if (matching.method === 'user') return link(device, 'userId', 'entraObjectId', 'user method');
  const override = matching.mobileOverride;
  if (override && isMobileDevice(device)) {
    return link(device, override.deviceField, override.userIdentifier, 'mobile override');
  }
  return link(device, matching.deviceField, matching.userIdentifier, 'asset method');
}
