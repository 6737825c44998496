import { z } from 'zod';

/** subscription.md: directory resources live at most 41,760 minutes (just under 29 days). */
export const MAX_LIFETIME_MINUTES = 41_760;
/** Requests for less than 45 minutes from now are extended to 45 minutes. */
export const MIN_LIFETIME_MINUTES = 45;
export const MS_PER_MINUTE = 60_000;

/** change-notifications-api-overview: quotas for Entra ID resources (exceeding them → 403). */
export const QUOTAS = { perAppPerTenant: 100, perTenant: 1_000, perApp: 50_000 } as const;

/** subscription.md: `clientState` is at most 128 characters. */
export const MAX_CLIENT_STATE = 128;

export const createSubscriptionSchema = z.object({
  changeType: z.string().min(1),
  notificationUrl: z.string().min(1),
  resource: z.string().min(1),
  expirationDateTime: z.string().min(1),
  clientState: z.string().max(MAX_CLIENT_STATE).nullish(),
  lifecycleNotificationUrl: z.string().min(1).nullish(),
  includeResourceData: z.boolean().nullish(),
  latestSupportedTlsVersion: z.string().nullish(),
});

export const patchSubscriptionSchema = z.object({ expirationDateTime: z.string().min(1) });

/** Hosts for which plain `http://` is accepted: a receiver on the emulator's own machine (tests, demo). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Graph requires HTTPS notification URLs. The emulator also accepts `http://` to a loopback
 * host so tests and the demo can receive notifications without a certificate.
 */
export function acceptableNotificationUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) return url;
  return null;
}

export type ExpiryCheck = { ok: true; expiresAt: number } | { ok: false; message: string };

/** Applies the lifetime rules to a requested `expirationDateTime`. */
export function checkExpiry(raw: string, now: number): ExpiryCheck {
  const requested = Date.parse(raw);
  if (Number.isNaN(requested)) {
    return { ok: false, message: `Invalid expirationDateTime '${raw}'.` };
  }
  if (requested - now > MAX_LIFETIME_MINUTES * MS_PER_MINUTE) {
    return {
      ok: false,
      message: `Subscription expiration can only be ${MAX_LIFETIME_MINUTES} minutes in the future.`,
    };
  }
  return { ok: true, expiresAt: Math.max(requested, now + MIN_LIFETIME_MINUTES * MS_PER_MINUTE) };
}
