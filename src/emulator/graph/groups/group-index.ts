import type { EmulatorContext } from '../../context.js';
import type { GroupRecord, MemberType, TenantRecord } from '../../state/types.js';
import type { OrderBy } from '../odata/orderby.js';
import {
  createIndexCache,
  indexById,
  indexByKey,
  sortKey,
  type OrderedIndex,
} from '../odata/ordered-index.js';
import type { PageSource } from '../odata/paging.js';
import { findDirectoryObject, type DirectoryEntry } from './directory-objects.js';
import { groupProps } from './group-view.js';
import { transitiveMemberIds } from './membership.js';

/** Orderings for group lists and member lists, cached until the tenant's directory changes. */
export interface GroupIndex {
  groups(tenant: TenantRecord, orderBy: OrderBy | null): PageSource<GroupRecord>;
  members(
    tenant: TenantRecord,
    group: GroupRecord,
    options: { transitive: boolean; cast: MemberType | null; orderBy: OrderBy | null },
  ): PageSource<DirectoryEntry>;
}

const variantOf = (base: string, orderBy: OrderBy | null) =>
  orderBy ? `${base}:${orderBy.property}:${orderBy.desc ? 'desc' : 'asc'}` : base;

export function createGroupIndex(ctx: EmulatorContext): GroupIndex {
  const cache = createIndexCache();
  const version = (tenant: TenantRecord) => ctx.estate.log.version(tenant.id);

  const ordered = (ids: Iterable<string>, orderBy: OrderBy | null, propsOf: (id: string) => unknown) => {
    if (!orderBy) return indexById(ids);
    const entries: [string, string][] = [];
    for (const id of ids) {
      const props = propsOf(id) as Record<string, unknown> | undefined;
      entries.push([id, sortKey(props?.[orderBy.property])]);
    }
    return indexByKey(entries, orderBy.desc);
  };

  return {
    groups(tenant, orderBy) {
      const index: OrderedIndex = cache.get(
        tenant.groups,
        variantOf('groups', orderBy),
        `${tenant.groups.size}:${version(tenant)}`,
        () => ordered(tenant.groups.keys(), orderBy, (id) => tenant.groups.get(id)?.props),
      );
      return {
        index,
        resolve: (id) => {
          const group = tenant.groups.get(id);
          return group && group.deletedAt === null ? group : undefined;
        },
        props: groupProps,
      };
    },
    members(tenant, group, { transitive, cast, orderBy }) {
      const stamp = transitive
        ? `${version(tenant)}:${tenant.users.size}:${tenant.groups.size}`
        : `${group.members.size}:${group.version}:${orderBy ? version(tenant) : ''}`;
      const index = cache.get(
        group.members,
        variantOf(transitive ? 'transitive' : 'direct', orderBy),
        stamp,
        () =>
          ordered(
            transitive ? transitiveMemberIds(tenant, group) : group.members.keys(),
            orderBy,
            (id) => findDirectoryObject(tenant, id)?.props,
          ),
      );
      return {
        index,
        resolve: (id) => {
          const entry = findDirectoryObject(tenant, id);
          return entry && (cast === null || entry.type === cast) ? entry : undefined;
        },
        props: (entry) => entry.props,
      };
    },
  };
}
