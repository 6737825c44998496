import type { EmulatorContext } from '../../context.js';
import type { TenantRecord, UserRecord } from '../../state/types.js';
import {
  createIndexCache,
  indexById,
  indexByKey,
  sortKey,
  type OrderedIndex,
} from '../odata/ordered-index.js';
import type { PageSource } from '../odata/paging.js';
import { isReplicated } from './replication.js';

/**
 * Per-tenant orderings of users for keyset paging, rebuilt lazily: the id order only when users
 * are created or purged (paging 100k users must not re-sort per page), property orders whenever
 * the tenant changes at all.
 */
export interface UserIndex {
  /** Live (not soft-deleted, replicated) users, in id order or by `$orderby`. */
  source(tenant: TenantRecord, orderBy?: { property: string; desc: boolean } | null): PageSource<UserRecord>;
}

export function createUserIndex(ctx: EmulatorContext): UserIndex {
  const cache = createIndexCache();
  // Counts user creations and purges per tenant; seeding adds users silently, which the map size catches.
  const structural = new Map<string, number>();
  ctx.estate.log.onChange((tenantId, entry) => {
    if (entry.resource === 'users' && (entry.kind === 'created' || entry.kind === 'purged')) {
      structural.set(tenantId, (structural.get(tenantId) ?? 0) + 1);
    }
  });

  const build = (tenant: TenantRecord, orderBy: { property: string; desc: boolean } | null): OrderedIndex => {
    if (!orderBy) return indexById(tenant.users.keys());
    const entries: [string, string][] = [];
    for (const [id, user] of tenant.users) entries.push([id, sortKey(user.props[orderBy.property])]);
    return indexByKey(entries, orderBy.desc);
  };

  return {
    source(tenant, orderBy = null) {
      const size = tenant.users.size;
      const stamp = orderBy
        ? `${size}:${ctx.estate.log.version(tenant.id)}`
        : `${size}:${structural.get(tenant.id) ?? 0}`;
      const variant = orderBy ? `${orderBy.property}:${orderBy.desc ? 'desc' : 'asc'}` : 'id';
      const index = cache.get(tenant.users, variant, stamp, () => build(tenant, orderBy));
      return {
        index,
        resolve: (id) => {
          const user = tenant.users.get(id);
          return user && user.deletedAt === null && isReplicated(tenant, user) ? user : undefined;
        },
        props: (user) => user.props,
      };
    },
  };
}
