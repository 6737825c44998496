import { z } from 'zod';
import type { GraphClient } from '../graph/graph-client.js';
import { odataString, withQuery } from '../graph/odata.js';
import { graphPageSchema } from '../graph/schemas/common.js';

/**
 * The groups an import configuration names, resolved by display name, with their transitive user
 * members. Groups are looked up `in` chunks and the first member page of each group is fetched in
 * `$batch`es of 20, so a configuration naming 30 small groups costs 2 + 2 requests.
 */
export interface GroupMembership {
  /** Lower-cased display name → ids of users that are transitive members of any group of that name. */
  membersByName: Map<string, Set<string>>;
  /** Names the configuration uses that no group of the tenant has (configuration warnings). */
  missing: string[];
  /** Names more than one group of the tenant has (membership of either counts). */
  ambiguous: string[];
  /**
   * The groups found, with whether any group is nested in them: a delta round can update the
   * members of a group without nested groups from its `members@delta` alone.
   */
  groups?: { id: string; name: string; nested: boolean }[];
}

/** Values in one `displayName in (…)`; Graph limits a filter to 15 `in` values. */
const NAMES_PER_LOOKUP = 15;
const MEMBERS_PAGE = 999;

const groupRefSchema = z.looseObject({ id: z.string(), displayName: z.string().nullish() });
const memberSchema = z.looseObject({ id: z.string(), '@odata.type': z.string().optional() });
const memberPageSchema = graphPageSchema(memberSchema);

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function findGroups(graph: GraphClient, names: readonly string[]) {
  const found: { id: string; name: string }[] = [];
  for (const chunk of chunks(names, NAMES_PER_LOOKUP)) {
    const filter = `displayName in (${chunk.map(odataString).join(',')})`;
    const path = withQuery('/groups', { $filter: filter, $select: 'id,displayName', $top: MEMBERS_PAGE });
    for await (const page of graph.pages(path, groupRefSchema)) {
      for (const group of page.items)
        found.push({ id: group.id, name: (group.displayName ?? '').toLowerCase() });
    }
  }
  return found;
}

const USER_TYPE = '#microsoft.graph.user';
const GROUP_TYPE = '#microsoft.graph.group';

/**
 * Every user id that is a transitive member of each group, and whether groups are nested in it,
 * first pages batched. Members come uncast (each with its `@odata.type`), so nesting costs no
 * request of its own.
 */
async function membersOf(
  graph: GraphClient,
  groupIds: readonly string[],
): Promise<{ members: Map<string, Set<string>>; nested: Set<string> }> {
  const members = new Map<string, Set<string>>();
  const nested = new Set<string>();
  const take = (groupId: string, ids: Set<string>, items: readonly z.infer<typeof memberSchema>[]) => {
    for (const m of items) {
      if (m['@odata.type'] === GROUP_TYPE) nested.add(groupId);
      else if (m['@odata.type'] === undefined || m['@odata.type'] === USER_TYPE) ids.add(m.id);
    }
  };
  const firstPage = (id: string) =>
    withQuery(`/groups/${encodeURIComponent(id)}/transitiveMembers`, { $select: 'id', $top: MEMBERS_PAGE });
  const results = await graph.batch(
    groupIds.map((id) => ({ id, method: 'GET', url: firstPage(id), schema: memberPageSchema })),
  );
  for (const result of results) {
    if (result.error) throw result.error;
    const page = memberPageSchema.parse(result.body);
    const ids = new Set<string>();
    take(result.id, ids, page.value);
    members.set(result.id, ids);
    const next = page['@odata.nextLink'];
    if (next) for await (const more of graph.pages(next, memberSchema)) take(result.id, ids, more.items);
  }
  return { members, nested };
}

export async function readGroupMembership(
  graph: GraphClient,
  names: readonly string[],
): Promise<GroupMembership> {
  const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const membersByName = new Map<string, Set<string>>();
  if (wanted.length === 0) return { membersByName, missing: [], ambiguous: [] };
  const groups = await findGroups(graph, wanted);
  const { members, nested } = groups.length
    ? await membersOf(
        graph,
        groups.map((g) => g.id),
      )
    : { members: new Map<string, Set<string>>(), nested: new Set<string>() };
  const counts = new Map<string, number>();
  for (const group of groups) {
    counts.set(group.name, (counts.get(group.name) ?? 0) + 1);
    const set = membersByName.get(group.name) ?? new Set<string>();
    for (const id of members.get(group.id) ?? []) set.add(id);
    membersByName.set(group.name, set);
  }
  const missing = wanted.filter((n) => !membersByName.has(n.toLowerCase()));
  const ambiguous = wanted.filter((n) => (counts.get(n.toLowerCase()) ?? 0) > 1);
  return {
    membersByName,
    missing,
    ambiguous,
    groups: groups.map((g) => ({ id: g.id, name: g.name, nested: nested.has(g.id) })),
  };
}
