import type { CatalogueEntry } from './types.js';

/** Partner Center error codes (partner-center/developer/error-codes and api-throttling-guidance). */
export const partnerCenterCatalogue = {
  'PartnerCenter.Throttled': {
    action: 'retry',
    retryable: true,
    title: 'Partner Center is throttling requests',
    whatHappened: 'Partner Center asked Rollcall to slow down (about 500 requests a minute per tenant).',
    howToFix: 'Nothing to do: Rollcall waits and tries again.',
  },
  'PartnerCenter.60012': {
    action: 'stop',
    retryable: false,
    title: 'No licences left',
    whatHappened: 'The subscription has no available licences left for this assignment.',
    howToFix: "Increase the subscription's quantity in Partner Center (or through Rollcall), then retry.",
  },
  'PartnerCenter.400': {
    action: 'reauthorise',
    retryable: false,
    title: 'Partner Center denied access',
    whatHappened: 'Partner Center did not accept the credentials of the partner connection.',
    howToFix:
      "Reconnect the partner connection. The app must have the 'Microsoft Partner Center' API permission and the signing-in user a Partner Center role (Admin agent).",
  },
  'PartnerCenter.403': {
    action: 'reauthorise',
    retryable: false,
    title: 'Partner Center: Forbidden',
    whatHappened:
      'Partner Center refused the request: the partner user the connection acts as has no role that allows it (Admin agent, Sales agent or Helpdesk agent).',
    howToFix:
      'Sign in to Partner Center as that user and open Customers; if it does not load, give the user the Admin agent role (Account settings › User management) and authorise the connection again.',
  },
  'PartnerCenter.2032': {
    action: 'reauthorise',
    retryable: false,
    title: 'Partner Center denied access',
    whatHappened: 'The signed-in partner user or app is not allowed to perform this operation.',
    howToFix: 'Give the account the needed Partner Center role (Admin agent or Sales agent) and reconnect.',
  },
  'PartnerCenter.20002': {
    action: 'stop',
    retryable: false,
    title: 'No reseller relationship with the customer',
    whatHappened: 'The partner has no commerce relationship with this customer.',
    howToFix:
      'Check the customer in Partner Center › Customers; re-establish the reseller relationship if needed.',
  },
  'PartnerCenter.20003': {
    action: 'stop',
    retryable: false,
    title: 'Subscription not found',
    whatHappened: 'Partner Center has no subscription with this ID for the customer.',
    howToFix: 'Run a subscription sync; the subscription may have been cancelled or transferred.',
  },
  'PartnerCenter.1000': {
    action: 'stop',
    retryable: false,
    title: 'Not found in Partner Center',
    whatHappened: 'Partner Center does not know the customer or resource.',
    howToFix: 'Run a customer sync; the customer relationship may have ended.',
  },
  'PartnerCenter.3000': {
    action: 'fix-request',
    retryable: false,
    title: 'Partner Center rejected a property',
    whatHappened:
      'A value in the request is not valid for Partner Center (for example a quantity outside the allowed range or a decrease after the cancellation window).',
    howToFix: "Read Partner Center's message below and correct the value.",
  },
  'PartnerCenter.400056': {
    action: 'fix-request',
    retryable: false,
    title: 'Partner Center rejected the input',
    whatHappened: 'Partner Center found the request input invalid.',
    howToFix: "Read Partner Center's message below and correct the value.",
  },
  'PartnerCenter.2002': {
    action: 'fix-request',
    retryable: false,
    title: 'Quantity not allowed for this offer',
    whatHappened: "The requested seat count is outside the offer's minimum and maximum.",
    howToFix: 'Choose a quantity the offer allows (see the offer in Partner Center).',
  },
  'PartnerCenter.2055': {
    action: 'retry',
    retryable: true,
    title: 'Subscription changed meanwhile',
    whatHappened: 'The subscription changed after Rollcall read it, so the update was refused.',
    howToFix: 'Nothing to do: Rollcall reads the subscription again and retries.',
  },
  'PartnerCenter.800014': {
    action: 'retry',
    retryable: true,
    title: 'A change is already pending',
    whatHappened: 'Partner Center is still processing an earlier change to this subscription.',
    howToFix: 'Nothing to do: Rollcall tries again once the earlier change has completed.',
  },
  'PartnerCenter.800090': {
    action: 'stop',
    retryable: false,
    title: 'Seats cannot be reduced now',
    whatHappened:
      'New-commerce subscriptions can only be reduced within 7 days of purchase or renewal; that window has passed.',
    howToFix:
      "Reduce the quantity within 7 days after the next renewal (the subscription's commitment end date), or set the renewal quantity in Partner Center; adding seats is possible at any time.",
  },
  'PartnerCenter.2001': {
    action: 'stop',
    retryable: false,
    title: 'Subscription is suspended',
    whatHappened:
      'Partner Center does not change the quantity of a subscription that is suspended or being suspended.',
    howToFix:
      'Reactivate the subscription in Partner Center, run the licences module, then change the quantity.',
  },
  'PartnerCenter.2011': {
    action: 'stop',
    retryable: false,
    title: 'Subscription is deleted',
    whatHappened: 'The subscription was deleted in Partner Center and can no longer be changed.',
    howToFix:
      'Run the licences module to bring the desk up to date; buy a new subscription if seats are needed.',
  },
} as const satisfies Record<string, CatalogueEntry>;
