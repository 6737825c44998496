import type { DirectoryUserState, GraphAttempt } from '../../../contracts/onboarding/directory.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { odataString, withQuery } from '../../graph/odata.js';
import { attempt, succeeded } from './attempt.js';
import { chunked, collectionReads } from './collection-reads.js';
import { provisionedUserSchema, USER_SELECT } from './schemas.js';
import { toDirectoryUserState } from './user-state.js';

/** Values per `in (…)`: Graph allows 15 expressions in a default directory filter. */
const IDS_PER_FILTER = 15;

/**
 * The users holding each employee id (Graph compares case-insensitively), keyed by the id
 * lower-cased; every id asked for has an entry, empty when no user holds it. Several users with
 * one id are all there: the caller decides, nothing here guesses. This is how a retried joiner
 * finds the account it created before a crash. Up to 15 ids cost one GET; more go in one `$batch`
 * of filtered reads (15 ids each, 20 reads a call).
 */
export async function findUsersByEmployeeIds(
  graph: Pick<GraphClient, 'pages' | 'batch'>,
  employeeIds: readonly string[],
): Promise<GraphAttempt<Map<string, DirectoryUserState[]>>> {
  const wanted = new Map<string, string>();
  for (const id of employeeIds.map((e) => e.trim()).filter(Boolean)) {
    if (!wanted.has(id.toLowerCase())) wanted.set(id.toLowerCase(), id);
  }
  if (wanted.size === 0) return succeeded(null, null, new Map());
  const urls = chunked([...wanted.values()], IDS_PER_FILTER).map((chunk) =>
    withQuery('/users', {
      $filter: `employeeId in (${chunk.map(odataString).join(',')})`,
      $select: USER_SELECT,
      $top: 999,
    }),
  );
  const reads = collectionReads(graph, urls, provisionedUserSchema);
  return attempt(reads.request, async () => {
    const value = new Map<string, DirectoryUserState[]>([...wanted.keys()].map((key) => [key, []]));
    for (const user of await reads.run()) {
      value.get((user.employeeId ?? '').toLowerCase())?.push(toDirectoryUserState(user));
    }
    const logged = Object.fromEntries([...value].map(([key, users]) => [key, users.map((u) => u.id)]));
    return { value, response: { status: 200, body: { usersByEmployeeId: logged } } };
  });
}
