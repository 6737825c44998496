import type { DirectoryUserState, GraphAttempt } from '../../../contracts/onboarding/directory.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { withQuery } from '../../graph/odata.js';
import { attempt, succeeded, userPath } from './attempt.js';
import { provisionedUserSchema, USER_SELECT } from './schemas.js';
import { toDirectoryUserState } from './user-state.js';

/**
 * Reads one user by id or userPrincipalName. Null (still `ok`) when Graph does not know it: not
 * created, deleted, or — just after creation — not replicated yet; callers waiting for a new user
 * ask again later.
 */
export function readDirectoryUser(
  graph: Pick<GraphClient, 'get'>,
  idOrUpn: string,
): Promise<GraphAttempt<DirectoryUserState | null>> {
  const url = withQuery(userPath(idOrUpn), { $select: USER_SELECT });
  const request = { method: 'GET', url };
  return attempt(
    request,
    async () => {
      const user = await graph.get(url, provisionedUserSchema);
      const value = toDirectoryUserState(user);
      return { value, response: { status: 200, body: value } };
    },
    (error) => (error.status === 404 ? succeeded(request, { status: 404 }, null) : undefined),
  );
}
