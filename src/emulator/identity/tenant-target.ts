import type { EmulatorContext } from '../context.js';
import type { TenantRecord } from '../state/types.js';

/**
 * What the `{tenant}` path segment names: one tenant (GUID or any verified domain), one of the
 * multi-tenant aliases, or nothing known.
 */
export type TenantTarget =
  | { kind: 'tenant'; tenant: TenantRecord; segment: string }
  | { kind: 'common' | 'organizations' | 'consumers'; segment: string }
  | { kind: 'unknown'; segment: string };

const ALIASES = new Set(['common', 'organizations', 'consumers']);

export function resolveTenantTarget(ctx: EmulatorContext, segment: string): TenantTarget {
  const lower = segment.toLowerCase();
  if (ALIASES.has(lower)) return { kind: lower as 'common' | 'organizations' | 'consumers', segment: lower };
  const tenant = ctx.estate.tenant(segment);
  return tenant ? { kind: 'tenant', tenant, segment } : { kind: 'unknown', segment };
}
