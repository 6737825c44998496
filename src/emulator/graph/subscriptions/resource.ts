import type { ChangeEntry, TenantRecord } from '../../state/types.js';
import { PERMISSIONS } from '../auth.js';

/** What a subscription's `resource` watches (subscription.md: users and groups resources). */
export type WatchedResource =
  | { kind: 'users' }
  | { kind: 'user'; id: string }
  | { kind: 'groups' }
  | { kind: 'group'; id: string }
  | { kind: 'members'; id: string };

/** Change types Graph supports for users and groups: `updated` and `deleted` only. */
export const SUPPORTED_CHANGE_TYPES = new Set(['updated', 'deleted']);

export function parseResource(raw: string): WatchedResource | null {
  const parts = raw
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .split('/');
  const [collection, id, nav] = parts.map((p) => p.toLowerCase());
  if (parts.length === 1 && collection === 'users') return { kind: 'users' };
  if (parts.length === 1 && collection === 'groups') return { kind: 'groups' };
  if (parts.length === 2 && collection === 'users') return { kind: 'user', id: id! };
  if (parts.length === 2 && collection === 'groups') return { kind: 'group', id: id! };
  if (parts.length === 3 && collection === 'groups' && nav === 'members') return { kind: 'members', id: id! };
  return null;
}

/** Whether the object a resource names exists in the tenant (collections always do). */
export function resourceExists(tenant: TenantRecord, watched: WatchedResource): boolean {
  if (watched.kind === 'user') return tenant.users.has(watched.id);
  if (watched.kind === 'group' || watched.kind === 'members') return tenant.groups.has(watched.id);
  return true;
}

export function permissionsFor(watched: WatchedResource): readonly string[] {
  return watched.kind === 'users' || watched.kind === 'user' ? PERMISSIONS.readUsers : PERMISSIONS.readGroups;
}

/** `updated` fires for create, update, soft delete, restore and membership; `deleted` for purge. */
export function changeTypeOf(entry: ChangeEntry): 'updated' | 'deleted' {
  return entry.kind === 'purged' ? 'deleted' : 'updated';
}

export function matches(watched: WatchedResource, entry: ChangeEntry): boolean {
  const id = entry.id.toLowerCase();
  switch (watched.kind) {
    case 'users':
      return entry.resource === 'users';
    case 'user':
      return entry.resource === 'users' && id === watched.id;
    case 'groups':
      return entry.resource === 'groups';
    case 'group':
      return entry.resource === 'groups' && id === watched.id;
    case 'members':
      return (
        entry.resource === 'groups' &&
        id === watched.id &&
        (entry.kind === 'memberAdded' || entry.kind === 'memberRemoved')
      );
  }
}
