import { appCredentials } from '../state/app-credentials.js';
import { join } from 'node:path';
import { z } from 'zod';
import { emulatorBehaviourSchema, type EmulatorBehaviour } from '../config.js';
import { throttlingSettingsSchema, type ThrottlingSettingsInput } from '../faults/throttler-config.js';
import { createThrottler } from '../faults/throttler-modes.js';
import { seedEstate, SeedError } from '../seed/index.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';
import { tenantSummary } from './tenants.js';

export const seedInputSchema = z
  .object({
    seed: z.number().int().default(1),
    preset: z.enum(['demo', 'empty']).optional(),
    tenants: z.number().int().min(1).max(10_000).optional(),
    users: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

export type SeedInput = z.input<typeof seedInputSchema>;

/** Seeds on top of the current estate (customers join the existing partner). */
export function seedMore(admin: AdminContext, input: SeedInput) {
  const parsed = seedInputSchema.parse(input);
  try {
    return seedEstate(admin.emulator.estate, parsed);
  } catch (err) {
    if (err instanceof SeedError) throw new AdminError(409, 'SeedConflict', err.message);
    throw err;
  }
}

/**
 * Back to a clean emulator: no tenants or apps, counters and fault rules cleared, throttling off,
 * behaviour switches at their defaults; then seeded when a preset or tenants are given.
 */
export function resetEmulator(admin: AdminContext, input: SeedInput = {}) {
  const parsed = seedInputSchema.parse(input);
  const ctx = admin.emulator;
  ctx.estate.clear();
  ctx.counters.reset();
  ctx.faults.clear();
  setThrottling(admin, { mode: 'off' });
  assignInPlace(ctx.behaviour, emulatorBehaviourSchema.parse({}));
  if (parsed.preset === undefined && parsed.tenants === undefined) {
    return { partnerTenantId: null, customerTenantIds: [], users: 0 };
  }
  return seedMore(admin, parsed);
}

/** Switches the throttler the pipeline consults. */
export function setThrottling(admin: AdminContext, input: ThrottlingSettingsInput) {
  const settings = throttlingSettingsSchema.parse(input);
  const { estate, clock } = admin.emulator;
  admin.emulator.throttle.current = createThrottler(settings, {
    clock,
    tenantUsers: (tenantId) => estate.tenant(tenantId)?.users.size ?? 0,
  });
  admin.throttling = settings;
  return settings;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

/** Copies `source` into `target` keeping nested objects' identity: modules hold references to them. */
function assignInPlace(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) assignInPlace(current, value);
    else target[key] = value;
  }
}

function unknownPaths(patch: Record<string, unknown>, known: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(patch).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    if (!(key in known)) return [path];
    const next = known[key];
    return isPlainObject(value) && isPlainObject(next) ? unknownPaths(value, next, `${path}.`) : [];
  });
}

/** Deep-merges a patch into the behaviour switches, validates the result, and applies it in place. */
export function patchBehaviour(admin: AdminContext, patch: unknown): EmulatorBehaviour {
  if (!isPlainObject(patch)) throw new AdminError(400, 'ValidationFailed', 'The body must be a JSON object.');
  const behaviour = admin.emulator.behaviour;
  const unknown = unknownPaths(patch, behaviour as Record<string, unknown>);
  if (unknown.length) {
    throw new AdminError(400, 'ValidationFailed', `Unknown setting(s): ${unknown.join(', ')}.`, unknown);
  }
  const result = emulatorBehaviourSchema.safeParse(deepMerge(behaviour as Record<string, unknown>, patch));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AdminError(400, 'ValidationFailed', `Invalid setting(s). ${issues.join('; ')}`, issues);
  }
  assignInPlace(behaviour as Record<string, unknown>, result.data as Record<string, unknown>);
  return behaviour;
}

/** App credentials as `rollcall emulator --json` prints them: the first secret of every app. */
/** `GET /_emulator`: where everything is (URLs built from the address the caller used) and what is loaded. */
export function adminInfo(admin: AdminContext, origin: string) {
  const { estate, clock, faults, dataDir } = admin.emulator;
  return {
    authorityHost: origin,
    graphBaseUrl: `${origin}/v1.0`,
    partnerCenterBaseUrl: `${origin}/partnercenter`,
    adminUrl: `${origin}/_emulator`,
    caCertPath: join(dataDir, 'tls', 'ca.pem'),
    partnerTenantId: estate.partnerTenantId,
    now: new Date(clock.now()).toISOString(),
    throttling: admin.throttling.mode,
    faultRules: faults.list().length,
    tenants: [...estate.tenants.values()].map((t) => tenantSummary(estate, t)),
    apps: appCredentials(admin.emulator.estate),
  };
}
