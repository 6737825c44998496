import { randomUUID } from 'node:crypto';
import type { PlannedUser } from '../../../contracts/entra/import-plan.js';
import { InvalidPlanError } from '../../errors.js';
import { entraKey, splitValues, type DeskRecordKind, type SplitValues } from './desk-fields.js';

/**
 * Changes that are not desk values (names of the planner's `CHANGE_FIELDS`). An update writes
 * the part a name stands for only when its `changes` list it; a creation writes every part.
 */
const PARTS = ['site', 'roleIds', 'licenceType', 'teams', 'cabs', 'team'] as const;
export type RecordPart = (typeof PARTS)[number];
const isPart = (field: string): field is RecordPart => (PARTS as readonly string[]).includes(field);
/** The Entra link: always written from the entry's own `tenantId` / `entraId`. */
const LINK = new Set(['tenantId', 'entraObjectId']);

/** A planned creation or update, its values sorted into columns and its manager resolved as far as the plan allows. */
export interface PreparedRecord {
  planned: PlannedUser;
  /** The desk id: `deskId` of an update, a new id for a creation. */
  id: string;
  split: SplitValues;
  /** Parts besides values the record's plan changes (site, roles, licence type, teams, CABs, default team). */
  parts: ReadonlySet<RecordPart>;
  /** Whether the plan sets the manager (updates without it keep theirs). */
  setManager: boolean;
  /** The manager's desk id when the plan knows it (created or matched in this plan). */
  managerId: string | null;
  /** Otherwise the manager's Entra object id, looked up among linked desk records of the tenant. */
  managerLookup: string | null;
}

/** A plan split by what the apply does with each record. */
export interface PreparedPlan {
  /** Managers before the people they manage, so most links are set by the insert itself. */
  creates: PreparedRecord[];
  /** Updates and deactivations (a deactivation may change more than the inactive flag). */
  updates: PreparedRecord[];
  reviews: PlannedUser[];
  /** Creations whose manager is inserted by a later chunk (a loop across chunks): linked afterwards. */
  deferredManagers: { id: string; managerId: string }[];
}

/** Splits `planned` for the apply; `chunkRows` is the insert chunk size the manager links must respect. */
export function preparePlan(
  kind: DeskRecordKind,
  planned: readonly PlannedUser[],
  chunkRows: number,
): PreparedPlan {
  const deskIds = new Map<string, string>();
  const written = new Set<string>();
  const creates: PreparedRecord[] = [];
  const updates: PreparedRecord[] = [];
  for (const item of planned) {
    if (item.outcome === 'excluded' || item.outcome === 'review') continue;
    const key = entraKey(item.tenantId, item.entraId);
    const id = item.outcome === 'create' ? randomUUID() : item.deskId?.toLowerCase();
    if (!id) throw new InvalidPlanError(`planned ${item.outcome} of ${item.entraId} has no deskId`);
    if (deskIds.has(key)) throw new InvalidPlanError(`the plan names Entra user ${item.entraId} twice`);
    if (written.has(id)) throw new InvalidPlanError(`the plan writes desk record ${id} twice`);
    deskIds.set(key, id);
    written.add(id);
    if (item.outcome === 'unchanged') continue;
    const { values, parts } =
      item.outcome === 'create' ? { values: item.values ?? {}, parts: new Set(PARTS) } : changed(item);
    const split = splitValues(kind, values);
    const record: PreparedRecord = {
      planned: item,
      id,
      split,
      parts,
      setManager: split.managerEntraId !== undefined,
      managerId: null,
      managerLookup: null,
    };
    (item.outcome === 'create' ? creates : updates).push(record);
  }

  const managerKey = (r: PreparedRecord) =>
    r.split.managerEntraId ? entraKey(r.planned.tenantId, r.split.managerEntraId) : undefined;
  const ordered = managersFirst(creates, (r) => entraKey(r.planned.tenantId, r.planned.entraId), managerKey);
  const position = new Map(ordered.map((r, index) => [r.id, index]));
  const deferredManagers: PreparedPlan['deferredManagers'] = [];
  const resolve = (record: PreparedRecord, index?: number) => {
    const key = managerKey(record);
    if (key === undefined) return;
    const managerId = deskIds.get(key);
    if (managerId === undefined) record.managerLookup = record.split.managerEntraId ?? null;
    else if (index !== undefined && laterChunk(position.get(managerId), index, chunkRows))
      deferredManagers.push({ id: record.id, managerId });
    else record.managerId = managerId;
  };
  ordered.forEach((record, index) => resolve(record, index));
  updates.forEach((record) => resolve(record));

  return {
    creates: ordered,
    updates,
    reviews: planned.filter((p) => p.outcome === 'review'),
    deferredManagers,
  };
}

/**
 * What an update or deactivation writes: the `after` of each change (the planner's reference
 * apply does the same), and which other parts it changes. A deactivation always deactivates.
 */
function changed(item: PlannedUser): { values: Record<string, string | null>; parts: Set<RecordPart> } {
  const values: Record<string, string | null> = {};
  const parts = new Set<RecordPart>();
  for (const { field, after } of item.changes) {
    if (isPart(field)) parts.add(field);
    else if (!LINK.has(field)) values[field] = after;
  }
  if (item.outcome === 'deactivate') values.inactive = 'true';
  return { values, parts };
}

/** Whether a manager at `managerIndex` is inserted by a chunk after the one holding `index`. */
function laterChunk(managerIndex: number | undefined, index: number, chunkRows: number): boolean {
  return managerIndex !== undefined && Math.floor(managerIndex / chunkRows) > Math.floor(index / chunkRows);
}

/**
 * `items` reordered so that each one's manager (when also in `items`) comes first. A loop of
 * managers cannot be ordered; the first of it met comes last.
 */
export function managersFirst<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  managerOf: (item: T) => string | undefined,
): T[] {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  const placed = new Set<string>();
  const ordered: T[] = [];
  for (const item of items) {
    const chain: T[] = [];
    for (let current: T | undefined = item; current && !placed.has(keyOf(current));) {
      placed.add(keyOf(current));
      chain.push(current);
      const manager = managerOf(current);
      current = manager === undefined ? undefined : byKey.get(manager);
    }
    ordered.push(...chain.reverse());
  }
  return ordered;
}
