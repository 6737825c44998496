import { z } from 'zod';
import { ENTRA_USER_FIELDS } from '../../contracts/entra/fields.js';
import type { DeltaMethod } from '../../contracts/entra/mapping-config.js';
import type { DirectoryUser } from '../../contracts/entra/import-plan.js';
import { ResyncRequiredError } from '../errors/microsoft-error.js';
import type { GraphClient } from '../graph/graph-client.js';
import { withQuery } from '../graph/odata.js';
import { groupSchema, type GraphGroup } from '../graph/schemas/group.js';
import { userSchema, type GraphUser } from '../graph/schemas/user.js';
import { readGroupMembership, type GroupMembership } from './group-membership.js';
import { toDirectoryUser, type DirectoryReadSpec } from './read-directory.js';
import { graphSelectFor } from './user-fields.js';

/**
 * How a round listens: `allChanges` selects every user property Rollcall can map, so a change to
 * any of them brings the user; `mappedFields` selects only the fields the configuration reads
 * (groups: displayName and members).
 */
export type { DeltaMethod };

export interface DeltaReadSpec extends DirectoryReadSpec {
  method: DeltaMethod;
}

/**
 * Where the next round of each resource starts (stored deltaLinks). `groups` is empty when the
 * configuration maps no group: nobody's outcome depends on a membership, so no groups round is read.
 */
export interface DeltaLinks {
  users: string;
  groups: string;
}

/** What the delta queries depend on: the fields read, the method, and whether any group is mapped. */
type DeltaQuerySpec = Pick<DeltaReadSpec, 'fields' | 'method' | 'groupNames'>;

const followsGroups = (spec: Pick<DeltaReadSpec, 'groupNames'>) => spec.groupNames.some((n) => n.trim());

/** What changed in a tenant since `links`, as the planner reads it. */
export interface DirectoryChanges {
  /** Users added or changed, each once, in their latest state with the fields the plan reads. */
  users: DirectoryUser[];
  /** Users deleted: `changed` = soft-deleted (restorable 30 days), `deleted` = purged. */
  removed: { id: string; reason: 'changed' | 'deleted' }[];
  /** The mapped groups' members now (re-read when any group changed, else `previous`). */
  membership: GroupMembership;
  /** Whether `membership` differs from the snapshot handed in (read again, or updated from `members@delta`). */
  membershipUpdated: boolean;
  /** Links of the next round. */
  links: DeltaLinks;
}

/** Every user property Rollcall can map, for the `allChanges` method. */
const ALL_MAPPABLE = ENTRA_USER_FIELDS.filter((field) => field !== 'id');
/** Users per `$filter=id eq … or …` a re-read asks for: the most a delta filter takes. */
const IDS_PER_READ = 50;
/** Reads by id in flight at once for one tenant. */
const IDS_READS_AT_ONCE = 4;

/**
 * The `$select` of the users' delta query. `signInActivity` is never selected: delta cannot track
 * it (src/contracts/entra/delta-untracked.ts), so it is read per changed user instead.
 */
export function deltaUserSelect(spec: Pick<DeltaReadSpec, 'fields' | 'method'>): string[] {
  const fields = spec.method === 'allChanges' ? [...new Set([...spec.fields, ...ALL_MAPPABLE])] : spec.fields;
  const select = graphSelectFor(fields, { lastSignIn: false });
  if (fields.includes('manager')) select.push('manager');
  return select.sort();
}

const groupsQuery = (method: DeltaMethod) =>
  method === 'mappedFields'
    ? withQuery('/groups/delta', { $select: 'displayName,members' })
    : '/groups/delta';

/**
 * Initial delta queries of both resources for `spec` (a round from the start: every object); no
 * groups query (empty) when no group is mapped.
 */
export function deltaQueries(spec: DeltaQuerySpec): DeltaLinks {
  return {
    users: withQuery('/users/delta', { $select: deltaUserSelect(spec) }),
    groups: followsGroups(spec) ? groupsQuery(spec.method) : '',
  };
}

/**
 * A fingerprint of what the queries ask for: a stored link taken with other fields or another
 * method no longer answers what the configuration needs. Whether groups are followed is not part
 * of it: group names come from the configuration, and a configuration change reads in full.
 */
export function deltaQuerySignature(spec: Pick<DeltaReadSpec, 'fields' | 'method'>): string {
  return `${withQuery('/users/delta', { $select: deltaUserSelect(spec) })} ${groupsQuery(spec.method)}`;
}

const emptyPage = z.looseObject({ '@odata.deltaLink': z.string().optional() });

/**
 * Delta links "from now" (`$deltatoken=latest`): the next round returns only what changes after
 * this call, without reading the current state.
 */
export async function latestDeltaLinks(graph: GraphClient, spec: DeltaQuerySpec): Promise<DeltaLinks> {
  const queries = deltaQueries(spec);
  const latest = async (query: string) => {
    if (!query) return '';
    const body = await graph.get(withQuery(query, { $deltatoken: 'latest' }), emptyPage);
    const link = body['@odata.deltaLink'];
    if (!link) throw new Error(`Graph answered ${query} with $deltatoken=latest without a deltaLink`);
    return link;
  };
  const [users, groups] = await Promise.all([latest(queries.users), latest(queries.groups)]);
  return { users, groups };
}

const removedReason = (reason: string): 'changed' | 'deleted' =>
  reason === 'deleted' ? 'deleted' : 'changed';

/** The manager a delta entry names: `manager@delta` without `@removed`, else none. */
function withManager(user: GraphUser): GraphUser {
  const delta = user['manager@delta'];
  const current = delta?.find((entry) => !entry['@removed']);
  return { ...user, manager: current ? { id: current.id } : null } as GraphUser;
}

/** Reads a round to its end, handing each page's items over; returns the round's deltaLink. */
async function drain<T>(
  round: AsyncGenerator<{ items: T[] }, { deltaLink: string }, undefined>,
  onItems: (items: T[]) => void,
): Promise<string> {
  for (;;) {
    const page = await round.next();
    if (page.done) return page.value.deltaLink;
    onItems(page.value.items);
  }
}

/** Ids whose membership of any named group differs between `before` and `after`. */
function membershipChanges(before: GroupMembership, after: GroupMembership): Set<string> {
  const changed = new Set<string>();
  const names = new Set([...before.membersByName.keys(), ...after.membersByName.keys()]);
  for (const name of names) {
    const was = before.membersByName.get(name) ?? new Set<string>();
    const is = after.membersByName.get(name) ?? new Set<string>();
    for (const id of was) if (!is.has(id)) changed.add(id);
    for (const id of is) if (!was.has(id)) changed.add(id);
  }
  return changed;
}

/**
 * Whether a membership snapshot was read for exactly the group names `names` (a configuration
 * that now names other groups needs them read, and the users of the old and new ones re-planned).
 */
function readFor(snapshot: GroupMembership, names: readonly string[]): boolean {
  const key = (name: string) => name.trim().toLowerCase();
  const had = new Set([...snapshot.membersByName.keys(), ...snapshot.missing.map(key)]);
  const wanted = new Set(names.map(key).filter(Boolean));
  return had.size === wanted.size && [...wanted].every((name) => had.has(name));
}

/**
 * The snapshot updated from a groups round's entries (members merged per group), or null when the
 * round says more than `members@delta` of plain groups can tell: a mapped group nested, renamed,
 * deleted or sharing its name; a group member added or removed; another group taking a mapped
 * name. Then the mapped groups' members are read again.
 */
function followMemberChanges(
  snapshot: GroupMembership,
  entries: readonly GraphGroup[],
  names: readonly string[],
): GroupMembership | null {
  const known = snapshot.groups;
  if (!known || snapshot.ambiguous.length > 0 || known.some((g) => g.nested)) return null;
  const wanted = new Set(names.map((n) => n.trim().toLowerCase()));
  const byId = new Map(known.map((g) => [g.id, g]));
  const members = new Map([...snapshot.membersByName].map(([name, ids]) => [name, new Set(ids)]));
  for (const entry of entries) {
    const name = typeof entry.displayName === 'string' ? entry.displayName.toLowerCase() : undefined;
    const mapped = byId.get(entry.id);
    if (!mapped) {
      if (name !== undefined && wanted.has(name)) return null;
      continue;
    }
    if (entry['@removed'] || (name !== undefined && name !== mapped.name)) return null;
    const ids = members.get(mapped.name);
    if (!ids) return null;
    for (const member of entry['members@delta'] ?? []) {
      if (member['@odata.type'] !== undefined && member['@odata.type'] !== USER_TYPE) return null;
      if (member['@removed']) ids.delete(member.id);
      else ids.add(member.id);
    }
  }
  return { ...snapshot, membersByName: members };
}

const USER_TYPE = '#microsoft.graph.user';

/** Current state of users by id (the ones a membership change touched), through delta's id filter. */
async function readUsersById(
  graph: GraphClient,
  spec: DeltaReadSpec,
  ids: readonly string[],
): Promise<GraphUser[]> {
  const select = deltaUserSelect(spec);
  const filters: string[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ)
    filters.push(
      ids
        .slice(i, i + IDS_PER_READ)
        .map((id) => `id eq '${id}'`)
        .join(' or '),
    );
  const users: GraphUser[] = [];
  // A few reads at a time, as a full read pages users and members side by side.
  const next = async (): Promise<void> => {
    for (let filter = filters.shift(); filter !== undefined; filter = filters.shift()) {
      // A filtered delta round returns the objects' current state and is discarded afterwards.
      const query = withQuery('/users/delta', { $select: select, $filter: filter });
      for await (const page of graph.delta(query, userSchema)) users.push(...page.items);
    }
  };
  await Promise.all(Array.from({ length: IDS_READS_AT_ONCE }, next));
  return users;
}

/** signInActivity of `ids` (not trackable by delta), by `$batch`ed reads of each user. */
async function readSignIns(graph: GraphClient, ids: readonly string[]): Promise<Map<string, GraphUser>> {
  const signIns = new Map<string, GraphUser>();
  if (ids.length === 0) return signIns;
  const results = await graph.batch(
    ids.map((id) => ({
      id,
      method: 'GET',
      url: withQuery(`/users/${encodeURIComponent(id)}`, { $select: 'id,signInActivity' }),
      schema: userSchema,
    })),
  );
  for (const result of results) {
    // Deleted since the round: its removal comes with the next one.
    if (result.status === 404) continue;
    if (result.error) throw result.error;
    signIns.set(result.id, userSchema.parse(result.body));
  }
  return signIns;
}

/**
 * The groups' round and what it means for the mapped groups: the new membership snapshot (changes
 * followed from `members@delta`, or the members read again) and the current state of the users
 * whose membership changed. Runs beside the users' round, so these reads cost no extra wait.
 */
async function groupChanges(
  graph: GraphClient,
  spec: DeltaReadSpec,
  link: string,
  previous: GroupMembership | null,
): Promise<{ link: string; membership: GroupMembership; moved: GraphUser[] }> {
  // No group mapped: no groups round. Groups mapped but none followed yet: a round from the start.
  const from = link || deltaQueries(spec).groups;
  if (!from) return { link: '', membership: previous ?? (await readGroupMembership(graph, [])), moved: [] };
  const entries: GraphGroup[] = [];
  const next = await drain(graph.delta(from, groupSchema, { mergeMembers: true }), (items) => {
    entries.push(...items);
  });
  const current = previous && readFor(previous, spec.groupNames) ? previous : null;
  const applied =
    current && entries.length > 0 ? followMemberChanges(current, entries, spec.groupNames) : current;
  const membership = applied ?? (await readGroupMembership(graph, spec.groupNames));
  const moved =
    previous && membership !== previous
      ? await readUsersById(graph, spec, [...membershipChanges(previous, membership)])
      : [];
  return { link: next, membership, moved };
}

/**
 * Reads what changed in a tenant since `links`: the users' round beside the groups' round (see
 * {@link groupChanges}: users whose membership of a mapped group changed are read by id, and the
 * users' round has the last word on users it names). signInActivity (which delta cannot track)
 * is then read for every changed user when asked for.
 * Entries a round repeats (Graph may replay) count once, the last one winning.
 *
 * Throws {@link ResyncRequiredError} when a stored link is no longer valid.
 */
export async function readEntraChanges(
  graph: GraphClient,
  spec: DeltaReadSpec,
  links: DeltaLinks,
  previous: GroupMembership | null,
): Promise<DirectoryChanges> {
  // The two rounds are independent: read side by side (one round trip less per tenant).
  const changed = new Map<string, GraphUser>();
  const removed = new Map<string, 'changed' | 'deleted'>();
  const [groups, usersLink] = await Promise.all([
    groupChanges(graph, spec, links.groups, previous),
    drain(graph.delta(links.users, userSchema), (items) => {
      for (const user of items) {
        const gone = user['@removed'];
        if (gone) {
          changed.delete(user.id);
          removed.set(user.id, removedReason(gone.reason));
        } else {
          removed.delete(user.id);
          changed.set(user.id, withManager(user));
        }
      }
    }),
  ]);

  const { membership, moved } = groups;
  // The users' round is the later word on users it names; the others are known only from here.
  for (const user of moved) {
    if (changed.has(user.id) || removed.has(user.id)) continue;
    if (user['@removed']) removed.set(user.id, removedReason(user['@removed'].reason));
    else changed.set(user.id, withManager(user));
  }

  if (spec.lastSignIn) {
    const signIns = await readSignIns(graph, [...changed.keys()]);
    for (const [id, user] of changed) {
      const signIn = signIns.get(id)?.signInActivity;
      if (signIn) changed.set(id, { ...user, signInActivity: signIn });
    }
  }

  return {
    users: [...changed.values()].map((user) => toDirectoryUser(user, spec.tenantId, spec, membership)),
    removed: [...removed].map(([id, reason]) => ({ id, reason })),
    membership,
    membershipUpdated: membership !== previous,
    links: { users: usersLink, groups: groups.link },
  };
}

/**
 * Whether an error means the stored links are dead (`full`: read the tenant in full and reconcile
 * deletions) or only a page token of this round expired (`round`: start the round again).
 */
export function deltaRestart(error: unknown): 'full' | 'round' | null {
  if (!(error instanceof ResyncRequiredError)) return null;
  return error.fullResync ? 'full' : 'round';
}
