import type { EmulatorContext } from '../../context.js';
import { readJson, type EmuRequest, type EmuResponse } from '../../http/types.js';
import { guid } from '../../ids.js';
import type { GraphSubscriptionRecord } from '../../state/types.js';
import { requirePermission, type GraphCaller } from '../auth.js';
import { graphError, graphJson } from '../respond.js';
import { validateEndpoint } from './handshake.js';
import { subscriptionEntity } from './present.js';
import { parseResource, permissionsFor, resourceExists, SUPPORTED_CHANGE_TYPES } from './resource.js';
import { acceptableNotificationUrl, checkExpiry, createSubscriptionSchema, QUOTAS } from './schema.js';
import type { SubscriptionService } from './service.js';

const invalid = (req: EmuRequest, message: string) => graphError(req, 400, 'InvalidRequest', message);

function quotaError(req: EmuRequest, service: SubscriptionService, caller: GraphCaller): EmuResponse | null {
  const appId = caller.appId.toLowerCase();
  const inTenant = service.liveIn(caller.tenant);
  const ofApp = (s: GraphSubscriptionRecord) => s.applicationId.toLowerCase() === appId;
  const reached =
    inTenant.filter(ofApp).length >= QUOTAS.perAppPerTenant
      ? `${QUOTAS.perAppPerTenant} subscriptions per application in a tenant`
      : inTenant.length >= QUOTAS.perTenant
        ? `${QUOTAS.perTenant} subscriptions per tenant`
        : service.liveEverywhere().filter(ofApp).length >= QUOTAS.perApp
          ? `${QUOTAS.perApp} subscriptions per application`
          : null;
  if (!reached) return null;
  return graphError(req, 403, 'ExtensionError', `Subscription quota exceeded: the limit is ${reached}.`);
}

/**
 * `POST /subscriptions` for users and groups: checks the request, the quotas and the caller's
 * permission, runs the validation handshake against `notificationUrl` (and the lifecycle URL),
 * then answers 201 with the subscription.
 */
export async function createSubscription(
  ctx: EmulatorContext,
  service: SubscriptionService,
  req: EmuRequest,
  caller: GraphCaller,
): Promise<EmuResponse> {
  const parsed = createSubscriptionSchema.safeParse(readJson(req));
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'body';
    return invalid(req, `Invalid subscription request: '${field}' is missing or not valid.`);
  }
  const body = parsed.data;
  const watched = parseResource(body.resource);
  if (!watched) return invalid(req, `Resource '${body.resource}' is not supported for change notifications.`);
  const denied = requirePermission(req, caller, [...permissionsFor(watched)]);
  if (denied) return denied;
  if (!resourceExists(caller.tenant, watched)) {
    return graphError(req, 404, 'ResourceNotFound', `Resource '${body.resource}' does not exist.`);
  }
  const changeTypes = body.changeType.split(',').map((t) => t.trim().toLowerCase());
  const unsupported = changeTypes.find((t) => !SUPPORTED_CHANGE_TYPES.has(t));
  if (unsupported !== undefined) {
    return invalid(req, `ChangeType '${unsupported}' is not supported for resource '${body.resource}'.`);
  }
  if (body.includeResourceData) {
    return invalid(req, `Rich notifications (includeResourceData) are not supported for '${body.resource}'.`);
  }
  const notificationUrl = acceptableNotificationUrl(body.notificationUrl);
  if (!notificationUrl) return invalid(req, 'The notificationUrl must be an absolute HTTPS URL.');
  const lifecycleUrl = body.lifecycleNotificationUrl
    ? acceptableNotificationUrl(body.lifecycleNotificationUrl)
    : null;
  if (body.lifecycleNotificationUrl && !lifecycleUrl) {
    return invalid(req, 'The lifecycleNotificationUrl must be an absolute HTTPS URL.');
  }
  const expiry = checkExpiry(body.expirationDateTime, ctx.clock.now());
  if (!expiry.ok) return invalid(req, expiry.message);
  const overQuota = quotaError(req, service, caller);
  if (overQuota) return overQuota;

  const timeout = ctx.behaviour.graph.webhookValidationTimeoutMs;
  for (const url of lifecycleUrl ? [notificationUrl, lifecycleUrl] : [notificationUrl]) {
    const failure = await validateEndpoint(url, timeout);
    if (failure) return graphError(req, 400, 'ValidationError', failure);
  }

  const sp = caller.tenant.servicePrincipals.get(caller.appId);
  const sub: GraphSubscriptionRecord = {
    id: guid(),
    resource: body.resource,
    changeType: changeTypes.join(','),
    notificationUrl: body.notificationUrl,
    lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null,
    clientState: body.clientState ?? null,
    expirationDateTime: new Date(expiry.expiresAt).toISOString(),
    applicationId: caller.appId,
    creatorId: caller.userId ?? sp?.id ?? caller.appId,
    tenantId: caller.tenant.id,
  };
  caller.tenant.graphSubscriptions.set(sub.id, sub);
  return graphJson(201, subscriptionEntity(req, sub));
}
