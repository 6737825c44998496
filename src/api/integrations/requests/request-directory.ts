import {
  addUserToGroups,
  assignUserLicences,
  createDirectoryUser,
  deleteDirectoryUser,
  listUserGroups,
  readDirectoryUser,
  removeUserFromGroups,
  resolveGroups,
  revokeUserSessions,
  setUserManager,
  updateDirectoryUser,
  type GraphClient,
} from '../../../microsoft/index.js';
import type { RequestDirectory } from '../../../workflows/requests/ports.js';

/** The request workflows' view of one tenant, over a Graph client of that tenant. */
export function createRequestDirectory(graph: GraphClient): RequestDirectory {
  return {
    createUser: (user) => createDirectoryUser(graph, user),
    readUser: (idOrUpn) => readDirectoryUser(graph, idOrUpn),
    resolveGroups: (names) => resolveGroups(graph, names),
    addToGroups: (userId, groupIds) => addUserToGroups(graph, userId, groupIds),
    removeFromGroups: (userId, groupIds) => removeUserFromGroups(graph, userId, groupIds),
    listGroups: (userId) => listUserGroups(graph, userId),
    setManager: (userId, managerId) => setUserManager(graph, userId, managerId),
    assignLicences: (userId, change) => assignUserLicences(graph, userId, change),
    updateUser: (userId, patch) => updateDirectoryUser(graph, userId, patch),
    revokeSessions: (userId) => revokeUserSessions(graph, userId),
    deleteUser: (userId) => deleteDirectoryUser(graph, userId),
  };
}
