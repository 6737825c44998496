import { classifyMicrosoftError } from '../errors/classify.js';
import { pollDelayMs } from '../http/retry-policy.js';
import type { PcTransport } from './request.js';
import { pcSubscriptionSchema, type PcSubscription } from './schemas.js';

const subscriptionPath = (customerId: string, subscriptionId: string) =>
  `/v1/customers/${encodeURIComponent(customerId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;

/** Polls a 202's `Location` until the subscription shows the new quantity. */
async function waitForQuantity(
  transport: PcTransport,
  location: string,
  quantity: number,
): Promise<PcSubscription> {
  const { policy, sleep } = transport.http.retry;
  for (let poll = 1; poll <= policy.poll.maxPolls; poll += 1) {
    await sleep(pollDelayMs(policy, poll));
    const res = await transport.send('GET', location, {});
    if (res.status === 202) continue;
    const sub = pcSubscriptionSchema.safeParse(res.body);
    if (!sub.success) {
      throw classifyMicrosoftError({
        service: 'client',
        clientCode: 'InvalidResponse',
        message: 'polled resource is not a subscription',
      });
    }
    if (sub.data.quantity === quantity) return sub.data;
  }
  throw classifyMicrosoftError({
    service: 'client',
    clientCode: 'OperationTimedOut',
    message: `quantity change to ${quantity} still pending after ${policy.poll.maxPolls} polls of ${location}`,
  });
}

/**
 * Changes a subscription's seat count the way Partner Center requires: GET the whole resource,
 * change `quantity`, PATCH it all back (with its etag). A 200 returns the updated subscription;
 * a 202 + `Location` is polled with backoff until the change shows.
 */
export async function changeSubscriptionQuantity(
  transport: PcTransport,
  customerId: string,
  subscriptionId: string,
  quantity: number,
): Promise<PcSubscription> {
  const path = subscriptionPath(customerId, subscriptionId);
  const { body: current } = await transport.send('GET', path, { schema: pcSubscriptionSchema });
  if (current.quantity === quantity) return current;
  const etag = current.attributes?.etag;
  const res = await transport.send('PATCH', path, {
    body: { ...current, quantity },
    headers: etag ? { 'If-Match': etag } : {},
  });
  if (res.status === 202) {
    const location = res.headers.get('location') ?? path;
    return waitForQuantity(transport, location, quantity);
  }
  const updated = pcSubscriptionSchema.safeParse(res.body);
  if (!updated.success) {
    throw classifyMicrosoftError({
      service: 'client',
      clientCode: 'InvalidResponse',
      message: 'PATCH answer is not a subscription',
    });
  }
  return updated.data;
}
