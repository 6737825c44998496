import type { GraphAttempt, GroupMembershipOutcome } from '../../../contracts/onboarding/directory.js';
import type { LoggedExchange } from '../../../contracts/outbound.js';
import type { BatchRequest, BatchResult } from '../../graph/batch.js';
import type { GraphClient } from '../../graph/graph-client.js';
import type { MicrosoftErrorCode } from '../../errors/catalogue.js';
import { MicrosoftError, refusalOf } from '../../errors/microsoft-error.js';
import { notReplicatedYet, refused, succeeded } from './attempt.js';

/** Refusals that mean "Graph cannot change this group": a person does it elsewhere. */
const MANUAL_CODES = new Set<MicrosoftErrorCode>([
  'Request_BadRequest.MailEnabledGroupNotWritable',
  'Request_BadRequest.DynamicGroupNotWritable',
  'Request_BadRequest.OnPremisesMastered',
]);

const memberRef = (userId: string) => ({
  '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${userId}`,
});

const groupsPath = (groupId: string) => `/groups/${encodeURIComponent(groupId)}/members`;

/** The outcome of one group's request; `done` is the status when Graph said 2xx. */
function outcomeOf(
  groupId: string,
  userId: string,
  result: BatchResult,
  done: 'added' | 'removed',
): GroupMembershipOutcome {
  const error = result.error;
  if (!error) return { groupId, status: done };
  if (done === 'added' && error.code === 'Request_BadRequest.AlreadyMember') {
    return { groupId, status: 'alreadyMember' };
  }
  if (MANUAL_CODES.has(error.code)) return { groupId, status: 'needsManual', refusal: refusalOf(error) };
  if (done === 'removed' && error.status === 404 && !notFoundOfGroup(error, groupId)) {
    return { groupId, status: 'notMember' };
  }
  const later = done === 'added' ? notReplicatedYet(error, userId) : null;
  return { groupId, status: 'failed', refusal: later ?? refusalOf(error) };
}

function notFoundOfGroup(error: MicrosoftError, groupId: string): boolean {
  return (error.microsoftMessage ?? '').toLowerCase().includes(`'${groupId.toLowerCase()}'`);
}

function loggedResults(results: BatchResult[], groupIds: string[]): LoggedExchange {
  return {
    status: 200,
    body: {
      responses: results.map((r, i) => ({
        groupId: groupIds[i],
        status: r.status,
        ...(r.error
          ? { error: { code: r.error.microsoftCode ?? null, message: r.error.microsoftMessage ?? null } }
          : {}),
      })),
    },
  };
}

async function changeMembership(
  graph: Pick<GraphClient, 'batch'>,
  userId: string,
  groupIds: readonly string[],
  change: 'added' | 'removed',
): Promise<GraphAttempt<GroupMembershipOutcome[]>> {
  const ids = [...new Set(groupIds)];
  if (ids.length === 0) return succeeded(null, null, []);
  const requests: BatchRequest[] = ids.map((groupId, i) =>
    change === 'added'
      ? { id: String(i + 1), method: 'POST', url: `${groupsPath(groupId)}/$ref`, body: memberRef(userId) }
      : {
          id: String(i + 1),
          method: 'DELETE',
          url: `${groupsPath(groupId)}/${encodeURIComponent(userId)}/$ref`,
        },
  );
  const request: LoggedExchange = {
    method: 'POST',
    url: '/$batch',
    body: {
      requests: requests.map(({ id, method, url, body }) => ({ id, method, url, ...(body ? { body } : {}) })),
    },
  };
  let results: BatchResult[];
  try {
    results = await graph.batch(requests);
  } catch (error) {
    if (!(error instanceof MicrosoftError)) throw error;
    return refused(request, error);
  }
  const value = ids.map((groupId, i) => outcomeOf(groupId, userId, results[i]!, change));
  return succeeded(request, loggedResults(results, ids), value);
}

/**
 * Adds the user to each group (`POST /groups/{id}/members/$ref`) through `$batch`: 20 groups per
 * request, throttled items retried by the batch client. Per group: `added`, `alreadyMember`
 * (done), `needsManual` (Exchange-managed, dynamic or synced group) or `failed` — retryable when
 * the new user has not replicated yet.
 */
export function addUserToGroups(
  graph: Pick<GraphClient, 'batch'>,
  userId: string,
  groupIds: readonly string[],
): Promise<GraphAttempt<GroupMembershipOutcome[]>> {
  return changeMembership(graph, userId, groupIds, 'added');
}

/**
 * Removes the user from each group (`DELETE /groups/{id}/members/{userId}/$ref`) through `$batch`.
 * Per group: `removed`, `notMember` (done), `needsManual` or `failed`.
 */
export function removeUserFromGroups(
  graph: Pick<GraphClient, 'batch'>,
  userId: string,
  groupIds: readonly string[],
): Promise<GraphAttempt<GroupMembershipOutcome[]>> {
  return changeMembership(graph, userId, groupIds, 'removed');
}
