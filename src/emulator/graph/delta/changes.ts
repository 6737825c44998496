import type { ChangeLog } from '../../state/change-log.js';
import type { TenantRecord } from '../../state/types.js';
import type { MemberType } from '../../state/types.js';
import type { DeltaResource } from './query.js';

export interface MemberChange {
  id: string;
  type: MemberType;
  removed: boolean;
}

/** Everything that happened to one object between two change-log versions, deduplicated. */
export interface ObjectChange {
  id: string;
  /** Created or restored in the window (or an update that did not name its properties). */
  whole: boolean;
  /** Created in the window (it did not exist before it). */
  created?: boolean;
  /** Properties named by updates (Graph names; `manager` for manager changes). */
  props: Set<string>;
  /** Net membership changes: the last add or remove per member, in first-seen order. */
  members: MemberChange[];
}

/** How many aggregated windows a context keeps; a round's pages hit the same window. */
const WINDOW_CACHE_SIZE = 16;

export interface ChangeWindows {
  /** Objects of `resource` touched after `from` up to and including `to`, in first-touch order. */
  window(tenantId: string, resource: DeltaResource, from: number, to: number): ObjectChange[];
}

/**
 * Users whose manager went to the recycle bin, came back or was purged in the window: reads stop
 * (or start again) showing that manager, so their `manager` changed too though nothing was logged
 * for them.
 */
function reportsOf(tenant: TenantRecord | undefined, managers: ReadonlySet<string>): string[] {
  if (!tenant || managers.size === 0) return [];
  const reports: string[] = [];
  for (const user of tenant.users.values()) {
    if (user.managerId && managers.has(user.managerId)) reports.push(user.props.id as string);
  }
  return reports;
}

export function createChangeWindows(
  log: ChangeLog,
  tenantOf: (tenantId: string) => TenantRecord | undefined = () => undefined,
): ChangeWindows {
  const cache = new Map<string, ObjectChange[]>();
  const aggregate = (tenantId: string, resource: DeltaResource, from: number, to: number) => {
    const byId = new Map<string, ObjectChange & { memberMap?: Map<string, MemberChange> }>();
    const changeOf = (id: string) => {
      let change = byId.get(id);
      if (!change) {
        change = { id, whole: false, props: new Set(), members: [] };
        byId.set(id, change);
      }
      return change;
    };
    const goneOrBack = new Set<string>();
    for (const entry of log.since(tenantId, from)) {
      if (entry.version > to) break;
      if (entry.resource !== resource) continue;
      const change = changeOf(entry.id);
      if (resource === 'users' && entry.kind !== 'created' && entry.kind !== 'updated')
        goneOrBack.add(entry.id);
      switch (entry.kind) {
        case 'created':
          change.created = true;
          change.whole = true;
          break;
        case 'restored':
          change.whole = true;
          break;
        case 'updated':
          if (entry.props) for (const p of entry.props) change.props.add(p);
          else change.whole = true;
          break;
        case 'memberAdded':
        case 'memberRemoved':
          if (entry.memberId && entry.memberType) {
            change.memberMap ??= new Map();
            change.memberMap.set(entry.memberId, {
              id: entry.memberId,
              type: entry.memberType,
              removed: entry.kind === 'memberRemoved',
            });
          }
          break;
        default:
          // softDeleted / purged: the object's current state (recycle bin or gone) decides the entry.
          break;
      }
    }
    for (const id of reportsOf(tenantOf(tenantId), goneOrBack)) changeOf(id).props.add('manager');
    const changes: ObjectChange[] = [];
    for (const { memberMap, ...change } of byId.values()) {
      changes.push(memberMap ? { ...change, members: [...memberMap.values()] } : change);
    }
    return changes;
  };
  return {
    window(tenantId, resource, from, to) {
      const key = `${tenantId}|${resource}|${from}|${to}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const changes = aggregate(tenantId, resource, from, to);
      cache.set(key, changes);
      if (cache.size > WINDOW_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return changes;
    },
  };
}
