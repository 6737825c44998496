import type { EmuResponse } from '../http/types.js';
import { pcError } from './respond.js';

/**
 * Partner Center errors the emulator answers. Codes and descriptions come from Microsoft's
 * error-codes table (PCSDK error-codes.md) unless marked unverified.
 */
export const pcErrors = {
  /** Unverified description; code 1000 is the table's generic "Not found". */
  customerNotFound: (id: string): EmuResponse => pcError(404, 1000, `Customer ${id} was not found.`),
  subscriptionNotFound: (id: string): EmuResponse =>
    pcError(404, 20003, `Subscription with id ${id} not found.`),
  tenantNotFound: (): EmuResponse => pcError(404, 60003, 'Tenant not found'),
  invalidInput: (detail: string): EmuResponse => pcError(400, 400056, 'Invalid input', [detail]),
  invalidProperty: (detail: string): EmuResponse => pcError(400, 3000, 'Invalid property', [detail]),
  /** The table lists 2055 as 400; If-Match failures answer 412 here (unverified). */
  etagMismatch: (): EmuResponse => pcError(412, 2055, 'Etag is no longer valid'),
  quantityOutOfRange: (): EmuResponse =>
    pcError(400, 2002, 'Subscription quantity is not within minimum and maximum allowed quantity'),
  quantityWhileSuspended: (): EmuResponse =>
    pcError(
      400,
      2001,
      'Subscription quantity cannot be increased or decreased while subscription is being suspended',
    ),
  deletedSubscription: (id: string): EmuResponse =>
    pcError(400, 2011, `Subscription with id ${id} and deleted status cannot be updated.`),
  /** The code exists in the table; that it is what the new-commerce window answers is unverified. */
  decreaseNotAllowed: (windowDays: number): EmuResponse =>
    pcError(400, 800090, 'Subscription quantity cannot be decreased', [
      `Seat reductions are only allowed within ${windowDays} days of purchase or renewal.`,
    ]),
  pendingAdjustment: (): EmuResponse =>
    pcError(409, 800014, 'There is a pending adjustment requested for this order'),
  /** Wording observed in CPV scripts; status and code unverified. */
  consentExists: (): EmuResponse => pcError(409, 409, 'Permission entry already exists.'),
  consentNotFound: (appId: string): EmuResponse =>
    pcError(404, 1000, `Application consent for ${appId} was not found.`),
  /**
   * Guide 002 "Error - Forbidden": licences and subscriptions of a customer whose reseller
   * relationship has ended (or was never accepted). Body unverified.
   */
  noResellerRelationship: (id: string): EmuResponse =>
    pcError(403, 403, 'Forbidden', [`The partner has no active reseller relationship with customer ${id}.`]),
  badContinuationToken: (): EmuResponse =>
    pcError(400, 400056, 'Invalid input', ['The continuation token is missing, invalid or expired.']),
};
