export {
  readEntraDirectory,
  toDirectoryUser,
  usersQuery,
  type DirectoryRead,
  type DirectoryReadSpec,
} from './read-directory.js';
export { readGroupMembership, type GroupMembership } from './group-membership.js';
export { graphSelectFor, userFieldValue } from './user-fields.js';
