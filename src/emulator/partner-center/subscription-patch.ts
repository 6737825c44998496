import type { EmulatorContext } from '../context.js';
import { readJson, type EmuRequest, type EmuResponse } from '../http/types.js';
import { pcErrors } from './errors.js';
import { decreaseAllowed } from './nce.js';
import { applySubscriptionChange } from './pending.js';
import type { PcSubscriptionWithPending } from './records.js';
import { pcJson } from './respond.js';
import { subscriptionJson, subscriptionUri } from './shapes.js';

/** The body must be the whole resource (GET, edit, PATCH back); these prove it is. */
const REQUIRED_PROPERTIES = ['id', 'offerId', 'quantity'] as const;
/** Properties a quantity PATCH may change; everything else in the body is taken as unchanged. */
const UPDATABLE = ['quantity', 'friendlyName', 'autoRenewEnabled', 'status'] as const;
const STATUSES = new Set(['active', 'suspended']);
/** Highest seat count any offer allows (many Business offers stop at 300; not modelled per offer). */
const MAX_QUANTITY = 100_000;

/** Request property names are case-insensitive (docs show PascalCase bodies). */
function lowerKeys(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v]));
}

function bodyEtag(body: Record<string, unknown>): string | undefined {
  const attributes = body.attributes;
  if (!attributes || typeof attributes !== 'object') return undefined;
  const etag = lowerKeys(attributes as Record<string, unknown>).etag;
  return typeof etag === 'string' ? etag : undefined;
}

/** Validates a full-resource PATCH and works out which properties it changes. */
function changesOf(
  ctx: EmulatorContext,
  req: EmuRequest,
  sub: PcSubscriptionWithPending,
): { changes: Record<string, unknown> } | EmuResponse {
  const raw = readJson(req);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return pcErrors.invalidInput('The request body must be a subscription.');
  }
  const body = lowerKeys(raw as Record<string, unknown>);
  const missing = REQUIRED_PROPERTIES.filter((p) => body[p.toLowerCase()] === undefined);
  if (missing.length)
    return pcErrors.invalidProperty(`Missing subscription properties: ${missing.join(', ')}.`);
  if (String(body.id).toLowerCase() !== sub.props.id.toLowerCase()) {
    return pcErrors.invalidProperty('The subscription id in the body does not match the URI.');
  }
  const ifMatch = req.headers['if-match'] ?? bodyEtag(raw as Record<string, unknown>);
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== sub.etag) return pcErrors.etagMismatch();
  if (sub.pending) return pcErrors.pendingAdjustment();
  if (sub.props.status === 'deleted') return pcErrors.deletedSubscription(sub.props.id);

  const changes: Record<string, unknown> = {};
  for (const name of UPDATABLE) {
    const value = body[name.toLowerCase()];
    if (value !== undefined && value !== sub.props[name]) changes[name] = value;
  }
  if (changes.status !== undefined && !STATUSES.has(String(changes.status))) {
    return pcErrors.invalidProperty(`status '${String(changes.status)}' is not valid.`);
  }
  if (changes.quantity !== undefined) {
    const quantity = changes.quantity;
    if (
      typeof quantity !== 'number' ||
      !Number.isInteger(quantity) ||
      quantity < 1 ||
      quantity > MAX_QUANTITY
    ) {
      return pcErrors.quantityOutOfRange();
    }
    if ((changes.status ?? sub.props.status) === 'suspended') return pcErrors.quantityWhileSuspended();
    const windowDays = ctx.behaviour.partnerCenter.decreaseWindowDays;
    if (quantity < sub.props.quantity && !decreaseAllowed(sub.props, ctx.clock.now(), windowDays)) {
      return pcErrors.decreaseNotAllowed(windowDays);
    }
  }
  if (changes.status === 'suspended') changes.suspensionReasons = ['CustomerCancellation'];
  if (changes.status === 'active') changes.suspensionReasons = [];
  return { changes };
}

/**
 * `PATCH /v1/customers/{id}/subscriptions/{subId}`: 200 with the updated subscription, or, when
 * `slowPatchMs` is set, 202 + `Location`; the change then appears once the emulator clock has
 * moved on by that many ms (real time or `clock.advance`).
 */
export function patchSubscription(
  ctx: EmulatorContext,
  req: EmuRequest,
  customerId: string,
  sub: PcSubscriptionWithPending,
): EmuResponse {
  const result = changesOf(ctx, req, sub);
  if ('status' in result) return result;
  const slowMs = ctx.behaviour.partnerCenter.slowPatchMs;
  if (slowMs > 0 && Object.keys(result.changes).length > 0) {
    sub.pending = { applyAt: ctx.clock.now() + slowMs, changes: result.changes };
    const location = `${req.url.origin}/partnercenter${subscriptionUri(customerId, sub.props.id)}`;
    return { status: 202, headers: { location } };
  }
  applySubscriptionChange(ctx, customerId, sub, result.changes);
  return pcJson(200, subscriptionJson(customerId, sub));
}
