import type { EmulatorContext } from '../context.js';
import type { EmuResponse } from '../http/types.js';
import type { PcCustomerRecord, PcSubscriptionRecord } from '../state/types.js';
import { pcRoute, type PcCaller } from './auth.js';
import { pcErrors } from './errors.js';
import { pcCollection, pcJson, pcLink } from './respond.js';
import { subscriptionJson } from './shapes.js';
import { patchSubscription } from './subscription-patch.js';

/** The customer named in the URI, or Partner Center's 404. */
export function customerOf(caller: PcCaller, id: string | undefined): PcCustomerRecord | EmuResponse {
  const customer = caller.state.customers.get((id ?? '').toLowerCase());
  return customer ?? pcErrors.customerNotFound(id ?? '');
}

function subscriptionsOf(caller: PcCaller, customerId: string): PcSubscriptionRecord[] {
  return [...(caller.state.subscriptions.get(customerId)?.values() ?? [])];
}

function findSubscription(caller: PcCaller, customerId: string, id: string | undefined) {
  const wanted = (id ?? '').toLowerCase();
  return subscriptionsOf(caller, customerId).find((s) => s.props.id.toLowerCase() === wanted);
}

/** A customer's subscriptions: list, get and quantity PATCH. */
export function registerSubscriptionRoutes(ctx: EmulatorContext): void {
  const base = '/partnercenter/v1/customers/:customerId/subscriptions';
  ctx.router.on(
    'GET',
    base,
    { service: 'partnercenter', name: 'GET /v1/customers/{id}/subscriptions' },
    pcRoute(ctx, (_req, params, caller) => {
      const customer = customerOf(caller, params.customerId);
      if ('status' in customer) return customer;
      if (customer.relationshipToPartner === 'none') return pcErrors.noResellerRelationship(customer.id);
      const items = subscriptionsOf(caller, customer.id).map((s) => subscriptionJson(customer.id, s));
      return pcJson(200, pcCollection(items, { self: pcLink(`/v1/customers/${customer.id}/subscriptions`) }));
    }),
  );
  ctx.router.on(
    'GET',
    `${base}/:subscriptionId`,
    { service: 'partnercenter', name: 'GET /v1/customers/{id}/subscriptions/{id}' },
    pcRoute(ctx, (_req, params, caller) => {
      const customer = customerOf(caller, params.customerId);
      if ('status' in customer) return customer;
      const sub = findSubscription(caller, customer.id, params.subscriptionId);
      if (!sub) return pcErrors.subscriptionNotFound(params.subscriptionId ?? '');
      return pcJson(200, subscriptionJson(customer.id, sub));
    }),
  );
  ctx.router.on(
    'PATCH',
    `${base}/:subscriptionId`,
    { service: 'partnercenter', name: 'PATCH /v1/customers/{id}/subscriptions/{id}' },
    pcRoute(ctx, (req, params, caller) => {
      const customer = customerOf(caller, params.customerId);
      if ('status' in customer) return customer;
      const sub = findSubscription(caller, customer.id, params.subscriptionId);
      if (!sub) return pcErrors.subscriptionNotFound(params.subscriptionId ?? '');
      return patchSubscription(ctx, req, customer.id, sub);
    }),
  );
}
