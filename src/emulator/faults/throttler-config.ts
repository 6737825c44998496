import { z } from 'zod';

const count = (fallback: number) => z.number().int().min(1).default(fallback);
const seconds = (fallback: number) => z.number().positive().default(fallback);

/**
 * Graph's and Partner Center's published limits (throttling-limits.md; Partner Center
 * api-throttling-guidance). Tests shrink them to reach throttling in a handful of requests.
 */
export const resourceUnitLimitsSchema = z.object({
  /** Resource units per app+tenant pair and window, by tenant size (S < 50 users ≤ M ≤ 500 < L). */
  smallTenant: count(3_500),
  mediumTenant: count(5_000),
  largeTenant: count(8_000),
  mediumTenantFromUsers: count(50),
  largeTenantAboveUsers: count(500),
  windowSeconds: seconds(10),
  /** Write units per app+tenant pair. */
  tenantAppWrites: count(3_000),
  tenantAppWriteWindowSeconds: seconds(150),
  /** Per app across all tenants. */
  appResourceUnits: count(150_000),
  appWindowSeconds: seconds(20),
  appWrites: count(70_000),
  appWriteWindowSeconds: seconds(300),
  /** Per tenant across all apps. */
  tenantWrites: count(18_000),
  tenantWriteWindowSeconds: seconds(300),
  /** Graph's global limit: requests per app across all tenants. */
  globalRequests: count(130_000),
  globalWindowSeconds: seconds(10),
  /** Intune (managedDevices): requests per app+tenant and per tenant, reads and writes. */
  intuneTenantApp: count(2_000),
  intuneTenantAppWrites: count(200),
  intuneTenant: count(4_000),
  intuneTenantWrites: count(400),
  intuneWindowSeconds: seconds(20),
  /** Partner Center: requests per partner tenant per minute. */
  partnerCenterRequests: count(500),
  partnerCenterWindowSeconds: seconds(60),
});

export type ResourceUnitLimits = z.output<typeof resourceUnitLimitsSchema>;

/** `PUT /_emulator/throttling`: off (default), Graph's resource-unit model, or a plain request rate. */
export const throttlingSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('off') }).strict(),
  z
    .object({ mode: z.literal('resourceUnits'), limits: resourceUnitLimitsSchema.strict().prefault({}) })
    .strict(),
  z
    .object({
      mode: z.literal('rate'),
      /** Requests allowed per app+tenant and window (Graph and Partner Center). */
      requests: z.number().int().min(1),
      windowSeconds: seconds(10),
    })
    .strict(),
]);

export type ThrottlingSettings = z.output<typeof throttlingSettingsSchema>;
export type ThrottlingSettingsInput = z.input<typeof throttlingSettingsSchema>;
