import type { FastifyInstance } from 'fastify';
import {
  getQuantityChange,
  getSubscriptionQuantity,
  requestQuantityChange,
  type DecreaseWindowView,
  type QuantityChangeView,
} from '../../contracts/api/csp-subscriptions.js';
import {
  checkQuantityChange,
  decreaseWindow,
  isNewCommerceOffer,
  type DecreaseWindow,
  type WindowSubscription,
} from '../../domain/licences/nce-window.js';
import {
  createSubscriptionChangeRepository,
  type DeskSubscription,
  type SubscriptionChangeRow,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { outboundErrorView, type ErrorWords } from './outbound-error-view.js';
import { endpointRegistrar, iso, isoOrNull, notFound } from './resource-helpers.js';

/** Our own refusal codes' words; Microsoft's come from the error catalogue. */
const OWN_ERRORS: Record<string, ErrorWords> = {
  'connection.unusable': {
    title: 'The CSP connection cannot reach Partner Center',
    howToFix: "Check the connection's Partner Center app and authorisation, then request the change again.",
  },
};

const errorView = (error: { code: string; message: string }) =>
  outboundErrorView(
    error,
    {
      title: 'Quantity change refused',
      howToFix: 'Fix what the message says, then request the change again.',
    },
    OWN_ERRORS,
  );

export function quantityChangeView(row: SubscriptionChangeRow): QuantityChangeView {
  const quantity = row.status === 'succeeded' ? row.result?.quantity : undefined;
  return {
    id: row.id,
    status: row.status,
    subscriptionId: row.subscriptionRowId,
    friendlyName: row.friendlyName,
    customerId: row.customerId,
    connectionId: row.connectionId,
    tenantId: row.tenantId,
    partnerCenterSubscriptionId: row.payload.subscriptionId,
    fromQuantity: row.payload.fromQuantity,
    toQuantity: row.payload.toQuantity,
    quantity: typeof quantity === 'number' ? quantity : null,
    attempts: row.attempts,
    error: row.lastError && row.status !== 'succeeded' ? errorView(row.lastError) : null,
    requestedBy: row.requestedById ? { id: row.requestedById, name: row.requestedByName ?? '' } : null,
    createdAt: iso(row.createdAt),
    completedAt: isoOrNull(row.completedAt),
  };
}

/**
 * The desk's subscription as the window rules read it. Dates are kept without a time of day, so
 * after a renewal the window is taken to start at midnight UTC of the renewal date: it closes up
 * to a day earlier than Partner Center's, never later.
 */
export function windowSubscription(sub: DeskSubscription): WindowSubscription {
  const day = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
  return {
    offerId: sub.offerId,
    status: sub.status,
    quantity: sub.quantity,
    termDuration: sub.termDuration,
    autoRenew: sub.autoRenew,
    startedAt: sub.createdOn ?? day(sub.startDate),
    commitmentEndsAt: day(sub.commitmentEndDate),
  };
}

function windowView(window: DecreaseWindow): DecreaseWindowView {
  if (window.kind === 'legacy') return { kind: 'legacy' };
  if (window.kind === 'open') return { kind: 'open', closesAt: iso(window.closesAt) };
  return { kind: 'closed', reopensAt: window.reopensAt ? iso(window.reopensAt) : null };
}

/** Why nothing can be asked of Partner Center for this row now, or null. */
function blockedBy(sub: DeskSubscription): string | null {
  if (sub.removedAt) return 'Partner Center no longer returns this subscription; it cannot be changed.';
  if (sub.connectionInactive) return `The CSP connection "${sub.connectionName}" is inactive.`;
  if (sub.status.toLowerCase() !== 'active')
    return `The subscription is ${sub.status.toLowerCase()}; only an active subscription's quantity can be changed.`;
  return null;
}

/**
 * "Adjust quantity" on CSP subscriptions: the window and changes (customers.read), a change
 * (licences.manage) queued as an outbound action and sent by `subscriptions.send-quantity`.
 */
export function registerCspSubscriptionRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'resolvePrincipal' | 'jobs' | 'now'>,
): void {
  const on = endpointRegistrar(app, deps);
  const repo = createSubscriptionChangeRepository(deps.db);

  on(getSubscriptionQuantity, async ({ params }) => {
    const sub = await repo.subscription(params.id);
    if (!sub) throw notFound('subscription');
    const [inFlight, recent] = await Promise.all([repo.inFlight(sub.id), repo.listFor(sub.id, 10)]);
    return {
      subscriptionId: sub.id,
      friendlyName: sub.friendlyName,
      quantity: sub.quantity,
      status: sub.status,
      newCommerce: isNewCommerceOffer(sub.offerId),
      window: windowView(decreaseWindow(windowSubscription(sub), deps.now())),
      blockedBy: blockedBy(sub),
      inFlight: inFlight ? quantityChangeView(inFlight) : null,
      recent: recent.map(quantityChangeView),
    };
  });

  on(requestQuantityChange, async ({ params, body, principal, request }) => {
    const sub = await repo.subscription(params.id);
    if (!sub) throw notFound('subscription');
    const blocked = blockedBy(sub);
    if (blocked)
      throw new ApiHttpError('conflict', blocked, [{ field: 'id', message: 'subscription.notActive' }]);
    const verdict = checkQuantityChange(windowSubscription(sub), body.quantity, deps.now());
    if (!verdict.ok) {
      throw new ApiHttpError('conflict', verdict.message, [{ field: 'quantity', message: verdict.code }]);
    }
    const payload = {
      customerTenantId: sub.tenantId,
      subscriptionId: sub.subscriptionId,
      fromQuantity: sub.quantity,
      toQuantity: body.quantity,
    };
    const queued = await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const result = await createSubscriptionChangeRepository(tx).queue(
        { subscriptionRowId: sub.id, connectionId: sub.connectionId, tenantId: sub.tenantId },
        payload,
        principal?.accountId ?? null,
      );
      if (result.created) {
        await record({
          action: 'subscription.quantity.request',
          target: { type: 'csp-subscription', id: sub.id },
          customerId: sub.customerId,
          before: { quantity: sub.quantity },
          after: { quantity: body.quantity },
        });
      }
      return result;
    });
    if (!queued.created && queued.payload.toQuantity !== body.quantity) {
      throw new ApiHttpError(
        'conflict',
        `A change of this subscription to ${queued.payload.toQuantity} seats is still being sent; wait for it to finish, then ask again.`,
        [{ field: 'quantity', message: 'subscription.changeInFlight' }],
      );
    }
    if (queued.created && deps.jobs) {
      await deps.jobs.enqueue('subscriptions.send-quantity', { actionId: queued.id });
    }
    const row = await repo.get(queued.id);
    if (!row) throw notFound('quantity change');
    return quantityChangeView(row);
  });

  on(getQuantityChange, async ({ params }) => {
    const row = await repo.get(params.id);
    if (!row) throw notFound('quantity change');
    return quantityChangeView(row);
  });
}
