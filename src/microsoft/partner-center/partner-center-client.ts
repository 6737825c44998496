import type { HttpClient, TokenSource } from '../http/types.js';
import { allItems, pcPages, type PcPage } from './paging.js';
import { changeSubscriptionQuantity } from './quantity.js';
import { createPcTransport } from './request.js';
import { partnerCenterWebhooks, type PartnerCenterWebhooks } from './webhooks.js';
import {
  pcApplicationConsentSchema,
  pcCustomerSchema,
  pcSubscribedSkuSchema,
  pcSubscriptionSchema,
  type PcApplicationConsent,
  type PcCustomer,
  type PcSubscribedSku,
  type PcSubscription,
} from './schemas.js';

export interface PartnerCenterClientOptions {
  /** `https://api.partnercenter.microsoft.com`, or the sandbox's equivalent. */
  baseUrl: string;
  /** Tokens for `https://api.partnercenter.microsoft.com` in the partner tenant. */
  tokens: TokenSource;
  http: HttpClient;
  /** Sent as `MS-CorrelationId` on every call of this client (one per job is a good grain). */
  correlationId?: string;
}

export interface NewApplicationConsent {
  applicationId: string;
  displayName?: string;
  applicationGrants: { enterpriseApplicationId: string; scope: string }[];
}

/** Partner Center REST for one partner. Every method throws catalogued `MicrosoftError`s. */
export interface PartnerCenterClient {
  /** Customers, page by page (seek paging with `MS-ContinuationToken`). */
  customers(options?: { size?: number }): AsyncGenerator<PcPage<PcCustomer>, void, undefined>;
  customer(customerId: string): Promise<PcCustomer>;
  subscriptions(customerId: string): Promise<PcSubscription[]>;
  subscription(customerId: string, subscriptionId: string): Promise<PcSubscription>;
  subscribedSkus(customerId: string): Promise<PcSubscribedSku[]>;
  /** GET → set quantity → PATCH the full resource; waits out a 202. */
  changeQuantity(customerId: string, subscriptionId: string, quantity: number): Promise<PcSubscription>;
  applicationConsents(customerId: string): Promise<PcApplicationConsent[]>;
  createApplicationConsent(customerId: string, consent: NewApplicationConsent): Promise<PcApplicationConsent>;
  deleteApplicationConsent(customerId: string, applicationId: string): Promise<void>;
  /** The partner's webhook registration and validation events. */
  webhooks: PartnerCenterWebhooks;
}

const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;

export function createPartnerCenterClient(options: PartnerCenterClientOptions): PartnerCenterClient {
  const transport = createPcTransport(options);
  return {
    customers: ({ size } = {}) =>
      pcPages(
        transport,
        size === undefined ? '/v1/customers' : `/v1/customers?size=${size}`,
        pcCustomerSchema,
      ),
    customer: async (id) =>
      (await transport.send('GET', customerPath(id), { schema: pcCustomerSchema })).body,
    subscriptions: (id) =>
      allItems(pcPages(transport, `${customerPath(id)}/subscriptions`, pcSubscriptionSchema)),
    subscription: async (id, subId) =>
      (
        await transport.send('GET', `${customerPath(id)}/subscriptions/${encodeURIComponent(subId)}`, {
          schema: pcSubscriptionSchema,
        })
      ).body,
    subscribedSkus: (id) =>
      allItems(pcPages(transport, `${customerPath(id)}/subscribedskus`, pcSubscribedSkuSchema)),
    changeQuantity: (id, subId, quantity) => changeSubscriptionQuantity(transport, id, subId, quantity),
    applicationConsents: (id) =>
      allItems(pcPages(transport, `${customerPath(id)}/applicationconsents`, pcApplicationConsentSchema)),
    createApplicationConsent: async (id, consent) =>
      (
        await transport.send('POST', `${customerPath(id)}/applicationconsents`, {
          body: consent,
          schema: pcApplicationConsentSchema,
        })
      ).body,
    deleteApplicationConsent: async (id, appId) =>
      void (await transport.send(
        'DELETE',
        `${customerPath(id)}/applicationconsents/${encodeURIComponent(appId)}`,
      )),
    webhooks: partnerCenterWebhooks(transport),
  };
}
