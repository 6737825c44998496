export { findAddressesInUse } from './addresses.js';
export { createDirectoryUser } from './create-user.js';
export { addUserToGroups, removeUserFromGroups } from './group-membership.js';
export { groupKind, listUserGroups, resolveGroups } from './groups.js';
export { assignUserLicences } from './licences.js';
export { setUserManager } from './manager.js';
export { readDirectoryUser } from './read-user.js';
export { deleteDirectoryUser, revokeUserSessions, updateDirectoryUser } from './user-changes.js';
