import { z } from 'zod';
import type {
  AssignedLicences,
  GraphAttempt,
  LicenceChangeRequest,
} from '../../../contracts/onboarding/directory.js';
import type { MicrosoftRefusal } from '../../../contracts/outbound.js';
import type { MicrosoftError } from '../../errors/microsoft-error.js';
import { refusalOf } from '../../errors/microsoft-error.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { attempt, notReplicatedYet, refused, userPath } from './attempt.js';

const assignedSchema = z.looseObject({
  id: z.string(),
  assignedLicenses: z.array(z.looseObject({ skuId: z.string() })).nullish(),
});

/** "Subscription with SKU <id> does not have any available licenses." names the licence. */
function noSeatsRefusal(error: MicrosoftError): MicrosoftRefusal {
  const refusal = refusalOf(error);
  const skuId = /SKU ([0-9a-f-]{36})/i.exec(error.microsoftMessage ?? '')?.[1];
  if (!skuId) return refusal;
  return {
    ...refusal,
    whatHappened: `Every seat of the licence with SKU id ${skuId.toLowerCase()} is already assigned.`,
  };
}

/**
 * Adds and removes licences in one `POST /users/{id}/assignLicense` and answers the SKUs the user
 * holds afterwards. Refusals: no seat left (which licence is named; buy seats or free one, then
 * retry the step), no or an invalid usage location, unknown SKU; a 404 for a user created moments
 * ago is retryable.
 */
export function assignUserLicences(
  graph: Pick<GraphClient, 'post'>,
  userId: string,
  change: LicenceChangeRequest,
): Promise<GraphAttempt<AssignedLicences>> {
  const url = `${userPath(userId)}/assignLicense`;
  const body = {
    addLicenses: change.add.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans ?? [] })),
    removeLicenses: change.remove,
  };
  const request = { method: 'POST', url, body };
  return attempt(
    request,
    async () => {
      const user = await graph.post(url, body, { schema: assignedSchema });
      const skuIds = [...new Set((user.assignedLicenses ?? []).map((l) => l.skuId.toLowerCase()))].sort();
      return { value: { skuIds }, response: { status: 200, body: { id: user.id, assignedSkuIds: skuIds } } };
    },
    (error) => {
      if (error.code === 'Request_BadRequest.NoAvailableLicenses') {
        return refused(request, error, noSeatsRefusal(error));
      }
      const later = notReplicatedYet(error, userId);
      return later ? refused(request, error, later) : undefined;
    },
  );
}
