import type { LicenceAssignment, LicenceAttempt, LoggedExchange } from '../../contracts/licences/changes.js';
import type { BatchRequest, BatchResult } from '../graph/batch.js';
import type { GraphClient } from '../graph/graph-client.js';
import { userSchema } from '../graph/schemas/user.js';
import { MicrosoftError, refusalOf } from '../errors/microsoft-error.js';
import { directoryLicences } from './user-licences.js';

/** One change to send: `usageLocation` set means "set the user's usage location first". */
export interface LicenceAssignmentItem {
  id: string;
  userId: string;
  change: LicenceAssignment;
  usageLocation?: string;
}

function assignLicenseRequest(item: LicenceAssignmentItem, dependsOn?: string): BatchRequest {
  const { change } = item;
  const body =
    change.operation === 'assign'
      ? {
          addLicenses: [{ skuId: change.skuId, disabledPlans: [...change.disabledPlans] }],
          removeLicenses: [],
        }
      : { addLicenses: [], removeLicenses: [change.skuId] };
  return {
    id: item.id,
    method: 'POST',
    url: `/users/${encodeURIComponent(item.userId)}/assignLicense`,
    headers: { 'content-type': 'application/json' },
    body,
    schema: userSchema,
    ...(dependsOn ? { dependsOn: [dependsOn] } : {}),
  };
}

function usageLocationRequest(item: LicenceAssignmentItem): BatchRequest {
  return {
    id: `${item.id}-location`,
    method: 'PATCH',
    url: `/users/${encodeURIComponent(item.userId)}`,
    headers: { 'content-type': 'application/json' },
    body: { usageLocation: item.usageLocation },
  };
}

const logged = (r: BatchRequest): LoggedExchange => ({ method: r.method, url: r.url, body: r.body });

/** What the log keeps of Graph's answer: the licence state, never the whole user profile. */
function loggedResponse(result: BatchResult): LoggedExchange {
  if (result.error) {
    return {
      status: result.status,
      body: { error: { code: result.error.microsoftCode, message: result.error.microsoftMessage } },
    };
  }
  const user = (result.body ?? {}) as Record<string, unknown>;
  return {
    status: result.status,
    body: {
      id: user.id,
      usageLocation: user.usageLocation,
      assignedLicenses: user.assignedLicenses,
      licenseAssignmentStates: user.licenseAssignmentStates,
    },
  };
}

function attemptOf(id: string, request: BatchRequest, result: BatchResult): LicenceAttempt {
  const base = { id, request: logged(request), response: result.status ? loggedResponse(result) : null };
  if (result.error) return { ...base, ok: false, refusal: refusalOf(result.error) };
  return { ...base, ok: true, licences: directoryLicences(userSchema.parse(result.body)) ?? [] };
}

/**
 * Sends licence changes of one tenant with Graph `assignLicense`, through `$batch` (20 per
 * request; throttled items are retried by the batch client). An item with `usageLocation` first
 * sets it (`PATCH /users/{id}`), its assignment depending on that in the same batch. Answers in
 * input order; when the batch call itself fails (credentials, consent, network) every item
 * carries that failure.
 */
export async function assignLicences(
  graph: Pick<GraphClient, 'batch'>,
  items: readonly LicenceAssignmentItem[],
): Promise<LicenceAttempt[]> {
  const requests = items.flatMap((item) =>
    item.usageLocation
      ? [usageLocationRequest(item), assignLicenseRequest(item, `${item.id}-location`)]
      : [assignLicenseRequest(item)],
  );
  let results: BatchResult[];
  try {
    results = await graph.batch(requests);
  } catch (error) {
    if (!(error instanceof MicrosoftError)) throw error;
    results = requests.map((r) => ({ id: r.id!, status: 0, headers: {}, body: undefined, error }));
  }
  const byId = new Map(results.map((r, i) => [r.id, { result: r, request: requests[i]! }]));
  return items.map((item) => {
    const patch = item.usageLocation ? byId.get(`${item.id}-location`) : undefined;
    if (patch?.result.error) return attemptOf(item.id, patch.request, patch.result);
    const { request, result } = byId.get(item.id)!;
    return attemptOf(item.id, request, result);
  });
}
