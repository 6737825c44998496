import type { GroupRecord, TenantRecord, UserRecord } from '../../state/types.js';
import { liveManager } from './changes-round.js';
import type { DeltaItem } from './page.js';
import type { DeltaQuery, DeltaShape } from './query.js';
import { fullEntry, relationEntry, removedEntry } from './render.js';
import { lowerBound, type SnapshotCache } from './snapshots.js';
import type { DeltaCursor } from './token.js';

const USER_TYPE = '#microsoft.graph.user';

export interface InitialRoundInput {
  tenant: TenantRecord;
  /** Tenant's change-log version now: part of the snapshot signature. */
  version: number;
  query: DeltaQuery;
  shape: DeltaShape;
  cursor: DeltaCursor;
  snapshots: SnapshotCache;
}

function keysOf<T>(input: InitialRoundInput, map: Map<string, T>): string[] {
  if (input.query.ids) return [...input.query.ids].sort().filter((id) => map.has(id));
  return input.snapshots.sortedKeys(map, `${map.size}:${input.version}`);
}

function userItem(input: InitialRoundInput, id: string, user: UserRecord): DeltaItem {
  return {
    pos: id,
    memberCount: 0,
    render() {
      if (user.deletedAt !== null) return removedEntry(id, 'changed');
      const entry = fullEntry(user.props, input.shape.properties);
      const manager = liveManager(input.tenant, user);
      if (input.shape.manager && manager) entry['manager@delta'] = [relationEntry(USER_TYPE, manager)];
      return entry;
    },
  };
}

function groupItem(input: InitialRoundInput, id: string, group: GroupRecord): DeltaItem {
  if (group.deletedAt !== null) {
    return { pos: id, memberCount: 0, render: () => removedEntry(id, 'changed') };
  }
  const memberIds = input.shape.members
    ? input.snapshots.sortedKeys(group.members, `${group.members.size}:${group.version}`)
    : [];
  return {
    pos: id,
    memberCount: memberIds.length,
    render(from, to) {
      const entry = fullEntry(group.props, input.shape.properties);
      if (memberIds.length > 0) {
        entry['members@delta'] = memberIds
          .slice(from, to)
          .map((m) => relationEntry(group.members.get(m) ?? USER_TYPE, m));
      }
      return entry;
    },
  };
}

/**
 * Items of an initial round: every object that exists now in its latest state, in id order so a
 * page resumes from the id in its cursor. Objects in the recycle bin come as `@removed` changed
 * (delta-query-overview: removed entries can appear in an initial round).
 */
export function* initialItems(input: InitialRoundInput): Generator<DeltaItem> {
  const map: Map<string, UserRecord | GroupRecord> =
    input.query.resource === 'users' ? input.tenant.users : input.tenant.groups;
  const keys = keysOf(input, map);
  const start = typeof input.cursor.pos === 'string' ? lowerBound(keys, input.cursor.pos) : 0;
  for (let i = start; i < keys.length; i++) {
    const id = keys[i]!;
    const record = map.get(id);
    if (!record) continue;
    yield input.query.resource === 'users'
      ? userItem(input, id, record as UserRecord)
      : groupItem(input, id, record as GroupRecord);
  }
}
