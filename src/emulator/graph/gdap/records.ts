import { guid } from '../../ids.js';
import type { GdapRelationshipRecord } from '../../state/types.js';

const DAY_MS = 24 * 3600 * 1000;
const DAYS_PER_YEAR = 365;
const DAYS_PER_MONTH = 30;
/** GDAP durations run from one day to two years (delegatedadminrelationship.md). */
const MAX_DURATION_DAYS = 730;
/** The only auto-extension Microsoft offers besides none. */
export const AUTO_EXTEND_DURATION = 'P180D';
export const NO_AUTO_EXTEND = 'PT0S';

/** Entra built-in role template ids MSPs put in GDAP relationships. */
export const GDAP_ROLES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  cloudDeviceAdministrator: '7698a772-787b-4ac8-901f-60d6b08affd2',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
} as const;

/** A security group of the partner tenant mapped to some of the relationship's roles. */
export interface GdapAccessAssignment {
  id: string;
  status: 'pending' | 'active' | 'deleting' | 'deleted' | 'error';
  groupId: string;
  roleDefinitionIds: string[];
  createdDateTime: string;
  lastModifiedDateTime: string;
}

/** The estate's relationship record plus its access assignments (kept on the same object). */
export type GdapRelationshipWithAssignments = GdapRelationshipRecord & {
  accessAssignments?: GdapAccessAssignment[];
};

export interface NewGdapRelationship {
  customerTenantId: string;
  customerDisplayName: string;
  displayName?: string;
  status?: string;
  durationDays: number;
  /** Epoch ms; `null` while not yet active (created, approvalPending…). */
  activatedAt: number | null;
  createdAt?: number;
  autoExtend?: boolean;
  roleDefinitionIds: string[];
  accessAssignments?: { groupId: string; roleDefinitionIds: string[] }[];
  random?: () => number;
}

/** Days in an ISO-8601 duration such as `P730D`, `P2Y` or `PT0S`. */
export function durationDays(iso: string): number {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T.*)?$/.exec(iso);
  if (!m) return 0;
  return Number(m[1] ?? 0) * DAYS_PER_YEAR + Number(m[2] ?? 0) * DAYS_PER_MONTH + Number(m[3] ?? 0);
}

/**
 * A GDAP relationship for the partner tenant's `gdapRelationships` map. Ids are two GUIDs joined
 * by a dash, like Microsoft's; `endDateTime = activatedDateTime + duration`.
 */
export function createGdapRelationship(input: NewGdapRelationship): GdapRelationshipWithAssignments {
  if (input.durationDays < 1 || input.durationDays > MAX_DURATION_DAYS) {
    throw new Error(`emulator: GDAP duration must be 1–${MAX_DURATION_DAYS} days`);
  }
  if (input.autoExtend && input.roleDefinitionIds.includes(GDAP_ROLES.globalAdministrator)) {
    throw new Error('emulator: relationships with Global Administrator cannot auto-extend');
  }
  const created = input.createdAt ?? input.activatedAt ?? 0;
  const iso = (ms: number) => new Date(ms).toISOString();
  const status = input.status ?? (input.activatedAt === null ? 'approvalPending' : 'active');
  return {
    id: `${guid(input.random)}-${guid(input.random)}`,
    displayName: input.displayName ?? `${input.customerDisplayName} admin relationship`,
    customerTenantId: input.customerTenantId,
    customerDisplayName: input.customerDisplayName,
    status,
    duration: `P${input.durationDays}D`,
    autoExtendDuration: input.autoExtend ? AUTO_EXTEND_DURATION : NO_AUTO_EXTEND,
    roleDefinitionIds: [...input.roleDefinitionIds],
    createdDateTime: iso(created),
    lastModifiedDateTime: iso(input.activatedAt ?? created),
    activatedDateTime: input.activatedAt === null ? null : iso(input.activatedAt),
    endDateTime: input.activatedAt === null ? null : iso(input.activatedAt + input.durationDays * DAY_MS),
    accessAssignments: (input.accessAssignments ?? []).map((a) => ({
      id: guid(input.random),
      status: 'active',
      groupId: a.groupId,
      roleDefinitionIds: [...a.roleDefinitionIds],
      createdDateTime: iso(input.activatedAt ?? created),
      lastModifiedDateTime: iso(input.activatedAt ?? created),
    })),
  };
}

/**
 * Status and end date as of `now`: an active relationship past its end date has expired, unless
 * it auto-extends, in which case its end date moves on by the extension period.
 */
export function effectiveState(
  rel: GdapRelationshipRecord,
  now: number,
): { status: string; endDateTime: string | null } {
  if (rel.endDateTime === null || !['active', 'expiring'].includes(rel.status)) {
    return { status: rel.status, endDateTime: rel.endDateTime };
  }
  let end = Date.parse(rel.endDateTime);
  if (end > now) return { status: rel.status, endDateTime: rel.endDateTime };
  const extendDays = durationDays(rel.autoExtendDuration);
  if (extendDays === 0) return { status: 'expired', endDateTime: rel.endDateTime };
  while (end <= now) end += extendDays * DAY_MS;
  return { status: 'active', endDateTime: new Date(end).toISOString() };
}

/** Assignments stored on the record (none when the seed gave none). */
export function accessAssignmentsOf(rel: GdapRelationshipRecord): GdapAccessAssignment[] {
  return (rel as GdapRelationshipWithAssignments).accessAssignments ?? [];
}
