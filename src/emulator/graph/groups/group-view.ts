import type { GraphProps, GroupKind, GroupRecord, TenantRecord } from '../../state/types.js';
import { GROUP_DEFAULT_PROPERTIES } from '../odata/properties.js';
import { project } from '../odata/select.js';

export const GROUP_ODATA_TYPE = '#microsoft.graph.group';

/** groupTypes / mailEnabled / securityEnabled of each kind (fact sheet §4.1). */
const KIND_SHAPES: Record<GroupKind, { unified: boolean; mailEnabled: boolean; securityEnabled: boolean }> = {
  m365: { unified: true, mailEnabled: true, securityEnabled: false },
  security: { unified: false, mailEnabled: false, securityEnabled: true },
  mailSecurity: { unified: false, mailEnabled: true, securityEnabled: true },
  distribution: { unified: false, mailEnabled: true, securityEnabled: false },
};

/** The Graph shape flags of a group kind, as stored on a new group. */
export function kindProps(kind: GroupKind, dynamic: boolean): Record<string, unknown> {
  const shape = KIND_SHAPES[kind];
  const groupTypes = [...(shape.unified ? ['Unified'] : []), ...(dynamic ? ['DynamicMembership'] : [])];
  return { groupTypes, mailEnabled: shape.mailEnabled, securityEnabled: shape.securityEnabled };
}

/**
 * A group's Graph properties; groupTypes, mailEnabled and securityEnabled follow from its kind
 * when the record does not carry them (objects made by the estate API directly).
 */
export function groupProps(group: GroupRecord): GraphProps {
  const p = group.props;
  if (p.groupTypes !== undefined && p.mailEnabled !== undefined && p.securityEnabled !== undefined) return p;
  const derived = kindProps(group.kind, group.dynamic);
  return {
    ...p,
    groupTypes: p.groupTypes ?? derived.groupTypes,
    mailEnabled: p.mailEnabled ?? derived.mailEnabled,
    securityEnabled: p.securityEnabled ?? derived.securityEnabled,
  };
}

export function findGroup(tenant: TenantRecord, id: string): GroupRecord | undefined {
  const group = tenant.groups.get(id) ?? tenant.groups.get(id.toLowerCase());
  return group && group.deletedAt === null ? group : undefined;
}

export function viewGroup(group: GroupRecord, select: readonly string[] | null): Record<string, unknown> {
  return project(groupProps(group), select ?? GROUP_DEFAULT_PROPERTIES);
}

/** The group as a directoryObject (members, memberOf): `@odata.type` comes first. */
export function viewGroupObject(
  group: GroupRecord,
  select: readonly string[] | null,
): Record<string, unknown> {
  return { '@odata.type': GROUP_ODATA_TYPE, ...viewGroup(group, select) };
}
