import type { GroupRecord, TenantRecord, UserRecord } from '../../state/types.js';
import type { ObjectChange } from './changes.js';
import type { ManagerHistory } from './manager-history.js';
import type { DeltaItem } from './page.js';
import type { DeltaQuery, DeltaShape } from './query.js';
import { fullEntry, minimalEntry, relationEntry, removedEntry } from './render.js';
import type { DeltaCursor } from './token.js';

const USER_TYPE = '#microsoft.graph.user';

export interface ChangesRoundInput {
  tenant: TenantRecord;
  query: DeltaQuery;
  shape: DeltaShape;
  cursor: DeltaCursor;
  /** The round's window, deduplicated per object (positions are indexes into it). */
  changes: ObjectChange[];
  /** Watermark the window starts after. */
  from: number;
  minimal: boolean;
  managers: ManagerHistory;
  /**
   * Send each changed member as it stands now (added if a member, else removed) rather than as
   * the window left it: a replay of an older window must not undo a later change.
   */
  currentMembers?: boolean;
}

/** With `$select`, a change surfaces only if it touched a selected property (delta-query-overview). */
function touchesSelection(change: ObjectChange, shape: DeltaShape): boolean {
  if (change.whole) return true;
  if (shape.watched === null) return change.props.size > 0;
  for (const p of change.props) if (shape.watched.has(p)) return true;
  return false;
}

/** The user's manager as reads show it: none while the manager is in the recycle bin or gone. */
export function liveManager(tenant: TenantRecord, user: UserRecord): string | null {
  if (!user.managerId) return null;
  const manager = tenant.users.get(user.managerId);
  return manager && manager.deletedAt === null ? user.managerId : null;
}

function removedItem(pos: number, id: string, user: { deletedAt: number | null } | undefined) {
  if (user && user.deletedAt === null) return null;
  const entry = removedEntry(id, user ? 'changed' : 'deleted');
  return { pos, memberCount: 0, render: () => entry };
}

function baseEntry(input: ChangesRoundInput, change: ObjectChange, props: UserRecord['props']) {
  return input.minimal && !change.whole
    ? minimalEntry(props, input.shape.properties, change.props)
    : fullEntry(props, input.shape.properties);
}

function userItem(input: ChangesRoundInput, pos: number, change: ObjectChange): DeltaItem | null {
  const user = input.tenant.users.get(change.id);
  const removed = removedItem(pos, change.id, user);
  if (removed) return removed;
  if (!touchesSelection(change, input.shape)) return null;
  const record = user as UserRecord;
  return {
    pos,
    memberCount: 0,
    render() {
      const entry = baseEntry(input, change, record.props);
      const managerChanged = change.props.has('manager');
      const manager = liveManager(input.tenant, record);
      if (input.shape.manager && (managerChanged || (!input.minimal && manager))) {
        if (manager) entry['manager@delta'] = [relationEntry(USER_TYPE, manager)];
        else if (record.managerId) {
          // Set, but in the recycle bin or gone: reads show no manager.
          entry['manager@delta'] = [relationEntry(USER_TYPE, record.managerId, true)];
        } else {
          const previous = input.managers.managerAt(input.tenant.id, change.id, input.from);
          entry['manager@delta'] = previous ? [relationEntry(USER_TYPE, previous, true)] : [];
        }
      }
      return entry;
    },
  };
}

function groupItem(input: ChangesRoundInput, pos: number, change: ObjectChange): DeltaItem | null {
  const group = input.tenant.groups.get(change.id);
  const removed = removedItem(pos, change.id, group);
  if (removed) return removed;
  const members = input.shape.members ? change.members : [];
  if (members.length === 0 && !touchesSelection(change, input.shape)) return null;
  const record = group as GroupRecord;
  return {
    pos,
    memberCount: members.length,
    render(from, to) {
      const entry = baseEntry(input, change, record.props);
      if (members.length > 0) {
        entry['members@delta'] = members
          .slice(from, to)
          .map((m) =>
            relationEntry(m.type, m.id, input.currentMembers ? !record.members.has(m.id) : m.removed),
          );
      }
      return entry;
    },
  };
}

/**
 * Items of a later round: each object touched after the watermark once, in its latest state —
 * full (or, with `Prefer: return=minimal`, only what changed), `@removed` changed when it sits in
 * the recycle bin, `@removed` deleted when it is gone.
 */
export function* changeItems(input: ChangesRoundInput): Generator<DeltaItem> {
  const ids = input.query.ids ? new Set(input.query.ids) : null;
  const start = typeof input.cursor.pos === 'number' ? input.cursor.pos : 0;
  for (let i = start; i < input.changes.length; i++) {
    const change = input.changes[i]!;
    if (ids && !ids.has(change.id.toLowerCase())) continue;
    const item = input.query.resource === 'users' ? userItem(input, i, change) : groupItem(input, i, change);
    if (item) yield item;
  }
}
