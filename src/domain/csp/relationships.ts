import { gdapRoleName } from './gdap-roles.js';

const DAY_MS = 24 * 3600 * 1000;
/** Guide 002 / issue 6: warn 30 days before a GDAP relationship ends. */
export const EXPIRY_WARNING_DAYS = 30;

/** A GDAP relationship as Graph lists it (`delegatedAdminRelationship`), narrowed to what we use. */
export interface GdapRelationshipInput {
  id: string;
  displayName: string;
  status: string;
  customerTenantId: string;
  customerDisplayName: string;
  activatedDateTime: string | null;
  endDateTime: string | null;
  autoExtendDuration: string | null;
  roleDefinitionIds: string[];
}

/** One relationship as stored on the tenant (`csp_tenants.gdap_relationships`). */
export interface TenantGdapRelationship {
  id: string;
  displayName: string;
  status: string;
  startAt: string | null;
  endAt: string | null;
  autoExtendDuration: string | null;
  roles: { id: string; name: string | null }[];
}

export function toTenantRelationship(rel: GdapRelationshipInput): TenantGdapRelationship {
  return {
    id: rel.id,
    displayName: rel.displayName,
    status: rel.status,
    startAt: rel.activatedDateTime,
    endAt: rel.endDateTime,
    autoExtendDuration: rel.autoExtendDuration,
    roles: rel.roleDefinitionIds.map((id) => ({ id: id.toLowerCase(), name: gdapRoleName(id) })),
  };
}

/** Statuses under which a relationship gives access (Microsoft's `expiring` is still active). */
const USABLE = new Set(['active', 'expiring']);

/**
 * What a tenant's GDAP access amounts to today: `none` (no relationship), `pending` (only
 * relationships not active yet), `active`, `expiring` (the best active one ends within 30 days and
 * does not auto-extend), `expired` (only ended ones: expired or terminated).
 */
export type GdapAccessState = 'none' | 'pending' | 'active' | 'expiring' | 'expired';

export interface GdapAccess {
  state: GdapAccessState;
  /** End of the relationship that gives access the longest (null: none, or open-ended). */
  endsAt: string | null;
  daysLeft: number | null;
  /** Role names (or ids) granted by the usable relationships, sorted, without repeats. */
  roles: string[];
}

const autoExtends = (rel: TenantGdapRelationship) =>
  rel.autoExtendDuration !== null && !['PT0S', 'P0D'].includes(rel.autoExtendDuration);

/** The tenant's GDAP access as of `now` from its relationships. */
export function gdapAccess(relationships: readonly TenantGdapRelationship[], now: Date): GdapAccess {
  if (relationships.length === 0) return { state: 'none', endsAt: null, daysLeft: null, roles: [] };
  const usable = relationships.filter(
    (r) => USABLE.has(r.status) && (r.endAt === null || Date.parse(r.endAt) > now.getTime()),
  );
  if (usable.length === 0) {
    const last =
      relationships
        .map((r) => r.endAt)
        .filter((e): e is string => e !== null)
        .sort()
        .at(-1) ?? null;
    const state = relationships.some(isPending) ? 'pending' : 'expired';
    return { state, endsAt: last, daysLeft: null, roles: [] };
  }
  const roles = [...new Set(usable.flatMap((r) => r.roles.map((role) => role.name ?? role.id)))].sort();
  const open = usable.find((r) => r.endAt === null || autoExtends(r));
  if (open) return { state: 'active', endsAt: open.endAt, daysLeft: daysUntil(open.endAt, now), roles };
  const best = usable.reduce((a, b) => (Date.parse(b.endAt!) > Date.parse(a.endAt!) ? b : a));
  const daysLeft = daysUntil(best.endAt, now);
  const state = daysLeft !== null && daysLeft <= EXPIRY_WARNING_DAYS ? 'expiring' : 'active';
  return { state, endsAt: best.endAt, daysLeft, roles };
}

const PENDING = new Set(['created', 'approvalPending', 'approved', 'activating']);
const isPending = (rel: TenantGdapRelationship) => PENDING.has(rel.status);

function daysUntil(iso: string | null, now: Date): number | null {
  if (iso === null) return null;
  return Math.max(0, Math.ceil((Date.parse(iso) - now.getTime()) / DAY_MS));
}
