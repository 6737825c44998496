import type { DirectoryUser } from '../../contracts/entra/index.js';
import { comparable, isBlank } from './text.js';

/**
 * Reads an Entra property of a directory user as text. The identity properties the planner always
 * has (id, displayName, userPrincipalName, userType, accountEnabled, manager) come from the typed
 * fields; everything else from `fields`. Blank values give null.
 */
export function readEntraField(user: DirectoryUser, field: string): string | null {
  const value = rawEntraField(user, field);
  return isBlank(value) ? null : value;
}

function rawEntraField(user: DirectoryUser, field: string): string | null | undefined {
  switch (field) {
    case 'id':
      return user.id;
    case 'displayName':
      return user.displayName;
    case 'userPrincipalName':
      return user.userPrincipalName;
    case 'userType':
      return user.userType;
    case 'accountEnabled':
      return String(user.accountEnabled);
    case 'manager':
      return user.managerId;
    default:
      return user.fields[field];
  }
}

/** Group membership of one directory user, compared ignoring case (see `DirectoryUser.groups`). */
export interface GroupMembership {
  has(groupName: string): boolean;
}

/** The membership test of one user; the set of names is built on first use, once. */
export function groupMembership(user: DirectoryUser): GroupMembership {
  let names: GroupMembership | null = null;
  return {
    has(groupName) {
      names ??= groupNameSet(user.groups);
      return names.has(groupName);
    },
  };
}

/** A set of group names, compared the way membership is (ignoring case, NFC). */
export function groupNameSet(groupNames: readonly string[]): GroupMembership {
  const names = new Set(groupNames.map(comparable));
  return { has: (groupName) => names.has(comparable(groupName)) };
}
