import type { EmuRequest } from '../../http/types.js';
import type { ChangeEntry, GraphSubscriptionRecord } from '../../state/types.js';
import { guid } from '../../ids.js';
import { odataContext } from '../respond.js';
import { changeTypeOf } from './resource.js';

/** The subscription resource as Graph returns it (subscription.md). */
export function subscriptionJson(sub: GraphSubscriptionRecord): Record<string, unknown> {
  return {
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.applicationId,
    changeType: sub.changeType,
    clientState: sub.clientState,
    notificationUrl: sub.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl,
    expirationDateTime: sub.expirationDateTime,
    creatorId: sub.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

export function subscriptionEntity(req: EmuRequest, sub: GraphSubscriptionRecord): Record<string, unknown> {
  return { '@odata.context': odataContext(req, 'subscriptions/$entity'), ...subscriptionJson(sub) };
}

/**
 * One change notification (change-notifications-delivery-webhooks): directory resources send no
 * resource data beyond the id; membership changes carry the member in `members@delta`.
 */
export function changeNotification(
  sub: GraphSubscriptionRecord,
  entry: ChangeEntry,
): Record<string, unknown> {
  const isUser = entry.resource === 'users';
  const resource = `${isUser ? 'Users' : 'Groups'}/${entry.id}`;
  const resourceData: Record<string, unknown> = {
    '@odata.type': isUser ? '#Microsoft.Graph.User' : '#Microsoft.Graph.Group',
    '@odata.id': resource,
    id: entry.id,
    organizationId: sub.tenantId,
  };
  if ((entry.kind === 'memberAdded' || entry.kind === 'memberRemoved') && entry.memberId) {
    resourceData['members@delta'] = [
      entry.kind === 'memberRemoved' ? { id: entry.memberId, '@removed': 'deleted' } : { id: entry.memberId },
    ];
  }
  return {
    id: guid(),
    subscriptionId: sub.id,
    subscriptionExpirationDateTime: sub.expirationDateTime,
    clientState: sub.clientState,
    changeType: changeTypeOf(entry),
    resource,
    tenantId: sub.tenantId,
    resourceData,
  };
}

/** Lifecycle notification (change-notifications-lifecycle-events): directory resources only get this one. */
export function reauthorizationNotification(sub: GraphSubscriptionRecord): Record<string, unknown> {
  return {
    subscriptionId: sub.id,
    subscriptionExpirationDateTime: sub.expirationDateTime,
    tenantId: sub.tenantId,
    clientState: sub.clientState,
    lifecycleEvent: 'reauthorizationRequired',
  };
}
