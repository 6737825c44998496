import type { GraphProps, GroupRecord, MemberType, TenantRecord, UserRecord } from '../../state/types.js';
import { GROUP_PROPERTIES, isExtensionProperty, USER_PROPERTIES } from '../odata/properties.js';
import { project } from '../odata/select.js';
import { isReplicated } from '../users/replication.js';
import { viewUserObject } from '../users/user-view.js';
import { groupProps, viewGroupObject } from './group-view.js';

/** A live object that can be a group member: what members, memberOf and `$ref` writes handle. */
export type DirectoryEntry =
  | { type: '#microsoft.graph.user'; id: string; record: UserRecord; props: GraphProps }
  | { type: '#microsoft.graph.group'; id: string; record: GroupRecord; props: GraphProps }
  | { type: '#microsoft.graph.device'; id: string; record: GraphProps; props: GraphProps };

const DEVICE_DEFAULTS = [
  'id',
  'accountEnabled',
  'deviceId',
  'displayName',
  'operatingSystem',
  'operatingSystemVersion',
];
const DEVICE_PROPERTIES = new Set(DEVICE_DEFAULTS);

/** `$select` on a directoryObject list may name properties of any member type. */
export const DIRECTORY_OBJECT_PROPERTIES = new Set([
  ...USER_PROPERTIES,
  ...GROUP_PROPERTIES,
  ...DEVICE_PROPERTIES,
]);

export const CAST_TYPES: Record<string, MemberType> = {
  'microsoft.graph.user': '#microsoft.graph.user',
  'microsoft.graph.group': '#microsoft.graph.group',
  'microsoft.graph.device': '#microsoft.graph.device',
};

/** Entity set named in `@odata.context` for a cast segment. */
export const CAST_CONTEXT: Record<MemberType, string> = {
  '#microsoft.graph.user': 'users',
  '#microsoft.graph.group': 'groups',
  '#microsoft.graph.device': 'devices',
};

export function findDirectoryObject(tenant: TenantRecord, id: string): DirectoryEntry | undefined {
  const user = tenant.users.get(id);
  if (user)
    return user.deletedAt === null && isReplicated(tenant, user)
      ? { type: '#microsoft.graph.user', id, record: user, props: user.props }
      : undefined;
  const group = tenant.groups.get(id);
  if (group) {
    return group.deletedAt === null
      ? { type: '#microsoft.graph.group', id, record: group, props: groupProps(group) }
      : undefined;
  }
  const device = tenant.devices.get(id);
  if (device) {
    const props = { ...device, displayName: device.displayName ?? device.deviceName ?? null };
    return { type: '#microsoft.graph.device', id, record: device, props };
  }
  return undefined;
}

/** A member as Graph lists it: `@odata.type` plus the selected properties its type has. */
export function viewDirectoryObject(
  entry: DirectoryEntry,
  select: readonly string[] | null,
): Record<string, unknown> {
  const known =
    entry.type === '#microsoft.graph.user'
      ? USER_PROPERTIES
      : entry.type === '#microsoft.graph.group'
        ? GROUP_PROPERTIES
        : DEVICE_PROPERTIES;
  const own = select ? select.filter((p) => known.has(p) || isExtensionProperty(p)) : null;
  switch (entry.type) {
    case '#microsoft.graph.user':
      return viewUserObject(entry.record, own);
    case '#microsoft.graph.group':
      return viewGroupObject(entry.record, own);
    default:
      return { '@odata.type': entry.type, ...project(entry.props, own ?? DEVICE_DEFAULTS) };
  }
}
