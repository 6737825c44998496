import type { Estate } from '../state/estate.js';
import type { PcCustomerRecord, PcSubscriptionRecord } from '../state/types.js';
import { derivedGuid } from './records.js';
import { pcLink } from './respond.js';

/** Partner Center answers in British English for GB customers, US English otherwise. */
const CULTURE_BY_COUNTRY: Record<string, string> = { GB: 'en-GB', IE: 'en-IE', US: 'en-US' };

export const customerUri = (id: string) => `/v1/customers/${id}`;
export const subscriptionUri = (customerId: string, id: string) =>
  `/v1/customers/${customerId}/subscriptions/${id}`;

/** A customer as in the customer list (get-a-list-of-customers.md). */
export function customerListJson(c: PcCustomerRecord): Record<string, unknown> {
  return {
    id: c.id,
    commerceId: derivedGuid(`commerce|${c.id}`),
    companyProfile: {
      tenantId: c.id,
      domain: c.domain,
      companyName: c.companyName,
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    relationshipToPartner: c.relationshipToPartner,
    links: { self: pcLink(customerUri(c.id)) },
    attributes: { objectType: 'Customer' },
  };
}

/** A customer by id: adds `allowDelegatedAccess`, `billingProfile` and `customDomains`. */
export function customerJson(estate: Estate, c: PcCustomerRecord): Record<string, unknown> {
  const tenant = estate.tenant(c.id);
  const country = tenant?.countryLetterCode ?? 'US';
  return {
    ...customerListJson(c),
    allowDelegatedAccess: c.allowDelegatedAccess,
    customDomains: tenant?.domains.filter((d) => !d.isInitial).map((d) => d.id) ?? [],
    billingProfile: {
      id: derivedGuid(`billing|${c.id}`),
      firstName: 'Billing',
      lastName: 'Contact',
      email: `billing@${c.domain}`,
      culture: CULTURE_BY_COUNTRY[country] ?? 'en-US',
      language: 'en',
      companyName: c.companyName,
      defaultAddress: { country, firstName: 'Billing', lastName: 'Contact' },
      links: { self: pcLink(`${customerUri(c.id)}/profiles/billing`) },
      attributes: { etag: derivedGuid(`billing-etag|${c.id}`), objectType: 'CustomerBillingProfile' },
    },
  };
}

/** A subscription as Partner Center returns it (subscription-resources.md, example 17b). */
export function subscriptionJson(customerId: string, s: PcSubscriptionRecord): Record<string, unknown> {
  return {
    ...s.props,
    links: {
      offer: pcLink(`/v1/offers/${String(s.props.offerId)}`),
      self: pcLink(subscriptionUri(customerId, s.props.id)),
    },
    attributes: { etag: s.etag, objectType: 'Subscription' },
  };
}
