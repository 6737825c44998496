import type { GraphAttempt } from '../../../contracts/onboarding/directory.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { attempt, notReplicatedYet, refused, succeeded, userPath } from './attempt.js';

/**
 * Sets the user's manager (`PUT /users/{id}/manager/$ref`). A 404 naming the user (created moments
 * ago) is retryable; one naming the manager is not (that account is gone).
 */
export function setUserManager(
  graph: Pick<GraphClient, 'put'>,
  userId: string,
  managerId: string,
): Promise<GraphAttempt<null>> {
  const url = `${userPath(userId)}/manager/$ref`;
  const body = { '@odata.id': `https://graph.microsoft.com/v1.0/users/${managerId}` };
  const request = { method: 'PUT', url, body };
  return attempt(
    request,
    async () => {
      await graph.put(url, body);
      return { value: null, response: { status: 204 } };
    },
    (error) => {
      const later = notReplicatedYet(error, userId);
      return later ? refused(request, error, later) : undefined;
    },
  );
}

/**
 * Clears the user's manager (`DELETE /users/{id}/manager/$ref`). A user without a manager already
 * is as wanted: Graph's 404 for the missing reference counts as done.
 */
export function removeUserManager(
  graph: Pick<GraphClient, 'delete'>,
  userId: string,
): Promise<GraphAttempt<null>> {
  const url = `${userPath(userId)}/manager/$ref`;
  const request = { method: 'DELETE', url };
  return attempt(
    request,
    async () => {
      await graph.delete(url);
      return { value: null, response: { status: 204 } };
    },
    (error) => {
      const later = notReplicatedYet(error, userId);
      if (later) return refused(request, error, later);
      return error.status === 404 ? succeeded(request, { status: 404 }, null) : undefined;
    },
  );
}
