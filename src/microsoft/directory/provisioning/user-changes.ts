import type { DirectoryUserPatch, GraphAttempt } from '../../../contracts/onboarding/directory.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { attempt, notReplicatedYet, refused, succeeded, userPath } from './attempt.js';

/**
 * `PATCH /users/{id}`: block or allow sign-in, usage location, profile, rename (UPN with mail).
 * The profile's properties go underneath the patch's own fields. A 404 for a user created moments
 * ago is retryable (`notReplicatedYet`).
 */
export function updateDirectoryUser(
  graph: Pick<GraphClient, 'patch'>,
  userId: string,
  patch: DirectoryUserPatch,
): Promise<GraphAttempt<null>> {
  const { profile, ...fields } = patch;
  const explicit = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const body = { ...profile, ...explicit };
  const request = { method: 'PATCH', url: userPath(userId), body };
  return attempt(
    request,
    async () => {
      await graph.patch(userPath(userId), body);
      return { value: null, response: { status: 204 } };
    },
    (error) => {
      const later = notReplicatedYet(error, userId);
      return later ? refused(request, error, later) : undefined;
    },
  );
}

/**
 * Signs the user out everywhere (`POST /users/{id}/revokeSignInSessions`): refresh tokens and
 * browser sessions issued before now stop working.
 */
export function revokeUserSessions(
  graph: Pick<GraphClient, 'post'>,
  userId: string,
): Promise<GraphAttempt<null>> {
  const url = `${userPath(userId)}/revokeSignInSessions`;
  const request = { method: 'POST', url };
  return attempt(request, async () => {
    const body = await graph.post(url, undefined);
    return { value: null, response: { status: 200, body } };
  });
}

/**
 * Deletes the user (`DELETE /users/{id}`; Entra keeps it 30 days in deleted users). A user that is
 * already gone counts as done: `alreadyGone` is then true.
 */
export function deleteDirectoryUser(
  graph: Pick<GraphClient, 'delete'>,
  userId: string,
): Promise<GraphAttempt<{ alreadyGone: boolean }>> {
  const request = { method: 'DELETE', url: userPath(userId) };
  return attempt<{ alreadyGone: boolean }>(
    request,
    async () => {
      await graph.delete(userPath(userId));
      return { value: { alreadyGone: false }, response: { status: 204 } };
    },
    (error) =>
      error.status === 404 ? succeeded(request, { status: 404 }, { alreadyGone: true }) : undefined,
  );
}
