import type { DeviceUserField, UserMatching } from '../../contracts/api/assets-config.js';

/** The device fields a user matching setting reads. */
export function userLookupFields(matching: UserMatching): DeviceUserField[] {
  if (matching.method === 'user') return ['userId'];
  return matching.mobileOverride
    ? [matching.deviceField, matching.mobileOverride.deviceField]
    : [matching.deviceField];
}
