import { z } from 'zod';
import { groupProps, nicknameOf } from '../seed/group-props.js';
import { isoSeconds } from '../seed/time.js';
import type { MemberType, TenantRecord } from '../state/types.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';
import { buildForTenant } from './tenant-build.js';

const MAX_MEMBERS = 10_000;

export const groupMembersInputSchema = z
  .object({
    add: z.array(z.string().min(1)).max(MAX_MEMBERS).default([]),
    remove: z.array(z.string().min(1)).max(MAX_MEMBERS).default([]),
  })
  .strict()
  .refine((v) => v.add.length + v.remove.length > 0, 'name members to add or remove');

export type GroupMembersInput = z.input<typeof groupMembersInputSchema>;

export const newGroupInputSchema = z
  .object({
    displayName: z.string().min(1).max(256),
    description: z.string().max(1024).optional(),
    kind: z.enum(['m365', 'security', 'mailSecurity', 'distribution']).default('security'),
    /** A dynamic membership rule; members are then not given but follow the rule on later changes. */
    membershipRule: z.string().min(1).optional(),
    members: z.array(z.string().min(1)).max(MAX_MEMBERS).default([]),
  })
  .strict();

export type NewGroupInput = z.input<typeof newGroupInputSchema>;

function groupOrThrow(tenant: TenantRecord, id: string) {
  const group = tenant.groups.get(id);
  if (!group || group.deletedAt !== null) {
    throw new AdminError(404, 'GroupNotFound', `No group '${id}' in tenant ${tenant.id}.`);
  }
  return group;
}

/** A user (by id or UPN) or a group (by id) of the tenant, with the member type Graph reports. */
function directoryObject(tenant: TenantRecord, ref: string): { id: string; type: MemberType } {
  const userId = tenant.users.has(ref) ? ref : tenant.upnIndex.get(ref.toLowerCase());
  if (userId) return { id: userId, type: '#microsoft.graph.user' };
  if (tenant.groups.has(ref)) return { id: ref, type: '#microsoft.graph.group' };
  throw new AdminError(404, 'UserNotFound', `No user or group '${ref}' in tenant ${tenant.id}.`);
}

/**
 * Membership changes made elsewhere (Exchange, another admin, a sync engine): unlike Graph, any
 * kind of group may change here, including distribution lists and dynamic groups.
 */
export function changeGroupMembers(
  admin: AdminContext,
  tenantId: string,
  groupId: string,
  input: GroupMembersInput,
) {
  const parsed = groupMembersInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  const group = groupOrThrow(tenant, groupId);
  const adds = parsed.add.map((ref) => directoryObject(tenant, ref));
  const removes = parsed.remove.map((ref) => directoryObject(tenant, ref));
  if (adds.some((a) => a.id === group.props.id)) {
    throw new AdminError(400, 'ValidationFailed', 'A group cannot be a member of itself.');
  }
  const { estate } = admin.emulator;
  const added = adds.filter((a) => !group.members.has(a.id));
  for (const a of added) estate.addMember(tenant, group.props.id, a.id, a.type);
  const removed = removes.filter((r) => group.members.has(r.id));
  for (const r of removed) estate.removeMember(tenant, group.props.id, r.id);
  return {
    groupId: group.props.id,
    added: added.map((a) => a.id),
    removed: removed.map((r) => r.id),
    members: group.members.size,
  };
}

/** A new group of any kind, as created in the portal or by Exchange. */
export function createGroup(admin: AdminContext, tenantId: string, input: NewGroupInput) {
  const parsed = newGroupInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  const members = parsed.members.map((ref) => directoryObject(tenant, ref));
  const build = buildForTenant(admin, tenant);
  const id = admin.random.guid();
  const taken = new Set([...tenant.groups.values()].map((g) => String(g.props.mailNickname)));
  let nickname = nicknameOf(parsed.displayName) || 'group';
  for (let n = 2; taken.has(nickname); n += 1) nickname = `${nicknameOf(parsed.displayName) || 'group'}${n}`;
  const spec = {
    displayName: parsed.displayName,
    description: parsed.description ?? parsed.displayName,
    kind: parsed.kind,
    ...(parsed.membershipRule ? { rule: parsed.membershipRule } : {}),
  };
  const props = groupProps(build, id, spec, nickname);
  props.createdDateTime = props.renewedDateTime = isoSeconds(build.now);
  const { estate } = admin.emulator;
  const group = estate.addGroup(tenant, props, { kind: parsed.kind, dynamic: !!parsed.membershipRule });
  for (const m of members) estate.addMember(tenant, id, m.id, m.type);
  return { id, displayName: parsed.displayName, mail: group.props.mail, members: group.members.size };
}
