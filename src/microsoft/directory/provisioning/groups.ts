import type {
  DirectoryGroup,
  DirectoryGroupKind,
  GraphAttempt,
  ResolvedGroups,
} from '../../../contracts/onboarding/directory.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { odataString, withQuery } from '../../graph/odata.js';
import { attempt, succeeded, userPath } from './attempt.js';
import { chunked, collectionReads } from './collection-reads.js';
import { GROUP_SELECT, provisioningGroupSchema, type ProvisioningGroup } from './schemas.js';

/** Values per `in (…)`: Graph allows 15 expressions in a filter with `in`. */
const NAMES_PER_FILTER = 15;

/** The kind from groupTypes / mailEnabled / securityEnabled (fact sheet §4.1); dynamic wins. */
export function groupKind(group: ProvisioningGroup): DirectoryGroupKind {
  const types = (group.groupTypes ?? []).map((t) => t.toLowerCase());
  if (types.includes('dynamicmembership')) return 'dynamic';
  if (types.includes('unified')) return 'microsoft365';
  if (group.mailEnabled) return group.securityEnabled ? 'mailEnabledSecurity' : 'distribution';
  return 'security';
}

/** A group as the workflows see it. */
export function toDirectoryGroup(group: ProvisioningGroup): DirectoryGroup {
  const kind = groupKind(group);
  return {
    id: group.id,
    name: group.displayName ?? '',
    kind,
    canAddMembers: (kind === 'security' || kind === 'microsoft365') && group.onPremisesSyncEnabled !== true,
  };
}

/**
 * Finds groups by display name (case-insensitive, as Graph compares): `found` holds one group per
 * name, `missing` the names no group has, `ambiguous` the names several groups share. Up to 15
 * names cost one GET; more go in one `$batch`.
 */
export async function resolveGroups(
  graph: Pick<GraphClient, 'pages' | 'batch'>,
  names: readonly string[],
): Promise<GraphAttempt<ResolvedGroups>> {
  const wanted = new Map<string, string>();
  for (const name of names.map((n) => n.trim()).filter(Boolean)) wanted.set(name.toLowerCase(), name);
  if (wanted.size === 0) return succeeded(null, null, { found: [], missing: [], ambiguous: [] });
  const urls = chunked([...wanted.values()], NAMES_PER_FILTER).map((chunk) =>
    withQuery('/groups', {
      $filter: `displayName in (${chunk.map(odataString).join(',')})`,
      $select: GROUP_SELECT,
      $top: 999,
    }),
  );
  const reads = collectionReads(graph, urls, provisioningGroupSchema);
  return attempt(reads.request, async () => {
    const byName = new Map<string, ProvisioningGroup[]>();
    for (const group of await reads.run()) {
      const key = (group.displayName ?? '').toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), group]);
    }
    const value: ResolvedGroups = { found: [], missing: [], ambiguous: [] };
    for (const [key, name] of wanted) {
      const matches = byName.get(key) ?? [];
      if (matches.length === 1) value.found.push(toDirectoryGroup(matches[0]!));
      else (matches.length === 0 ? value.missing : value.ambiguous).push(name);
    }
    return { value, response: { status: 200, body: value } };
  });
}

/** The groups the user is a direct member of (`memberOf`, groups only), every page. */
export async function listUserGroups(
  graph: Pick<GraphClient, 'pages'>,
  userId: string,
): Promise<GraphAttempt<DirectoryGroup[]>> {
  const url = withQuery(`${userPath(userId)}/memberOf/microsoft.graph.group`, {
    $select: GROUP_SELECT,
    $top: 999,
  });
  const request = { method: 'GET', url };
  return attempt(request, async () => {
    const value: DirectoryGroup[] = [];
    for await (const page of graph.pages(url, provisioningGroupSchema)) {
      value.push(...page.items.map(toDirectoryGroup));
    }
    return { value, response: { status: 200, body: { groups: value.map((g) => g.id) } } };
  });
}
