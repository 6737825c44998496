export {
  readEntraDirectory,
  toDirectoryUser,
  usersQuery,
  type DirectoryRead,
  type DirectoryReadSpec,
} from './read-directory.js';
export { readGroupMembership, type GroupMembership } from './group-membership.js';
export { graphSelectFor, userFieldValue } from './user-fields.js';
export {
  deltaQueries,
  deltaQuerySignature,
  deltaRestart,
  deltaUserSelect,
  latestDeltaLinks,
  readEntraChanges,
  type DeltaLinks,
  type DeltaMethod,
  type DeltaReadSpec,
  type DirectoryChanges,
} from './read-delta.js';
export { assignLicences, type LicenceAssignmentItem } from './licence-assignment.js';
export {
  addUserToGroups,
  assignUserLicences,
  createDirectoryUser,
  createSecurityGroup,
  deleteDirectoryUser,
  findAddressesInUse,
  findUsersByEmployeeIds,
  groupKind,
  listUserGroups,
  readDirectoryUser,
  removeUserFromGroups,
  resolveGroups,
  removeUserManager,
  revokeUserSessions,
  setUserManager,
  updateDirectoryUser,
} from './provisioning/index.js';
export type { GraphAttempt } from '../../contracts/onboarding/directory.js';
