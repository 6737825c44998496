import { z } from 'zod';

/**
 * The inputs and the result of planning an Entra import (`plan()` in the design): what each Entra
 * user becomes in the desk, with the reason. Shared by the pure planner (src/domain), the store's
 * apply, the API (preview) and the web UI.
 */

/** An Entra user as the planner sees it: normalised, with only what the configuration reads. */
export interface DirectoryUser {
  tenantId: string;
  /** Entra object id. */
  id: string;
  displayName: string;
  userPrincipalName: string | null;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  /** Has at least one assigned licence. */
  licensed: boolean;
  /** Entra object id of the manager; null when none (or not read). */
  managerId: string | null;
  /**
   * Display names of the Entra groups the user is a transitive member of, among the groups the
   * configuration names (site mapping group filters, group mappings). Compared ignoring case.
   */
  groups: readonly string[];
  /**
   * The Entra fields the configuration reads, as text: multi-valued properties give their first
   * value, booleans `true`/`false`; null or '' is blank.
   */
  fields: Readonly<Record<string, string | null>>;
  /** ISO time of the last sign-in, when read (AuditLog.Read.All); null otherwise. */
  lastSignInAt: string | null;
  /**
   * The licences the user holds (`assignedLicenses`, with `licenseAssignmentStates` telling which
   * come from a group); absent when the read did not return them (nothing is then concluded).
   */
  licences?: readonly DirectoryLicence[];
}

/** A licence (SKU) a directory user holds. */
export interface DirectoryLicence {
  /** Lower-case SKU id. */
  skuId: string;
  /** Lower-case service plan ids turned off for the user. */
  disabledPlans: readonly string[];
  /** Only inherited from a group (not removable on the user). */
  viaGroup: boolean;
}

/** A user a delta round reported deleted: `changed` = soft-deleted (restorable), `deleted` = purged. */
export interface RemovedDirectoryUser {
  tenantId: string;
  id: string;
  reason: 'changed' | 'deleted';
}

/**
 * A time as plan values hold it (the desk field `lastSignInAt`): ISO 8601 in UTC with
 * milliseconds, as `Date#toISOString` writes it. Graph sends `…:00Z` and the database gives back
 * Dates or `….000Z`; the planner and the desk loaders both go through this, so a re-run compares
 * like with like. Null when blank or not a time.
 */
export function planTime(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const time = value instanceof Date ? value.getTime() : value.trim() === '' ? NaN : Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** A desk site the planner may put users on. */
export interface PlanSite {
  id: string;
  customerId: string;
  name: string;
  reference: string | null;
  isDefault: boolean;
}

/** A desk user as the planner sees it (every record of the customers the configuration reaches). */
export interface PlanDeskUser {
  id: string;
  customerId: string;
  siteId: string;
  tenantId: string | null;
  entraObjectId: string | null;
  inactive: boolean;
  /** Desk field → value; custom fields as `custom.<name>`. `manager` holds the manager's Entra id. */
  values: Readonly<Record<string, string | null>>;
  /** Portal (user) role ids held. */
  roleIds: readonly string[];
}

/** A desk agent as the planner sees it. */
export interface PlanDeskAgent {
  id: string;
  tenantId: string | null;
  entraObjectId: string | null;
  inactive: boolean;
  licenceType: 'named' | 'concurrent';
  /** Desk field → value. `linemanager` holds the line manager's Entra id; `team` the default team's name. */
  values: Readonly<Record<string, string | null>>;
  roleIds: readonly string[];
  /** Team ids the agent is a member of, and whether the membership came from a group mapping. */
  teams: readonly { teamId: string; fromMapping: boolean }[];
  cabs: readonly { cabId: string; cabRoleId: string | null }[];
}

export const PLAN_OUTCOMES = ['create', 'update', 'unchanged', 'deactivate', 'excluded', 'review'] as const;
export type PlanOutcome = (typeof PLAN_OUTCOMES)[number];

/**
 * Closed set of reason codes. `excluded.*` say why a user is not imported; `matched.*` which way
 * a record was found; `deactivated.*` why it is made inactive.
 */
export const PLAN_REASON_CODES = [
  'matched.linked',
  'matched.adopted',
  'created',
  'excluded.disabled',
  'excluded.guest',
  'excluded.guestUnlicensed',
  'excluded.memberOnlyAgents',
  'excluded.groupFilter',
  'excluded.fieldFilter',
  'excluded.tenantFilter',
  /** Users: the licence check (include / exclude by assigned licences) leaves the user out. */
  'excluded.licenceCheck',
  'excluded.doNotImport',
  'excluded.noMatchingMapping',
  'excluded.noMatchingSite',
  'excluded.blankSiteName',
  'excluded.noRole',
  /** Agents: a new agent whose roles include one that makes agents inactive (licence management). */
  'excluded.inactiveRole',
  'review.ambiguousMatch',
  'review.linkedElsewhere',
  'deactivated.notFound',
  'deactivated.disabled',
  'deactivated.inactiveRole',
  'deactivated.noRole',
] as const;
export type PlanReasonCode = (typeof PLAN_REASON_CODES)[number];

export const fieldChangeSchema = z.object({
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** Where a planned user lands: an existing site, or a site the apply creates (customerByField). */
export const plannedSiteSchema = z.union([
  z.object({ siteId: z.string() }),
  z.object({ newSite: z.object({ customerId: z.string(), name: z.string() }) }),
]);
export type PlannedSite = z.infer<typeof plannedSiteSchema>;

/** Agent-only parts of a planned agent (group mappings for teams and CABs, licence management). */
export const plannedAgentExtrasSchema = z.object({
  /** null: leave the licence type as it is. */
  licenceType: z.enum(['named', 'concurrent']).nullable(),
  /** Teams the agent must be in because of team mappings (membership flags of guide 001). */
  addTeamIds: z.array(z.string()),
  /** Mapped teams the agent leaves (no longer in the group; scheduled runs with the option on). */
  removeTeamIds: z.array(z.string()),
  /** Default team by name (field mapping `team`); null: unchanged. */
  defaultTeamId: z.string().nullable(),
  cabs: z.array(z.object({ cabId: z.string(), cabRoleId: z.string().nullable() })),
});
export type PlannedAgentExtras = z.infer<typeof plannedAgentExtrasSchema>;

/** What one Entra user (or one unmatched desk record) becomes. */
export const plannedUserSchema = z.object({
  tenantId: z.string(),
  entraId: z.string(),
  displayName: z.string(),
  outcome: z.enum(PLAN_OUTCOMES),
  reasonCode: z.enum(PLAN_REASON_CODES),
  /** For a person: "matched site mapping 'London' (seq 10) via group Loc-London". */
  reason: z.string(),
  mappingId: z.string().nullable(),
  /** The desk record updated, left unchanged or deactivated; null for creations and exclusions. */
  deskId: z.string().nullable(),
  site: plannedSiteSchema.nullable(),
  /** create: every desk value; update: only `changes`. */
  values: z.record(z.string(), z.string().nullable()).nullable(),
  changes: z.array(fieldChangeSchema),
  /** Desk roles the record must hold after the apply (portal roles for users, agent roles for agents). */
  roleIds: z.array(z.string()).nullable(),
  /** Desk records that matched equally (review outcome). */
  candidates: z.array(z.string()),
  /** Agents only; null for desk users. */
  agent: plannedAgentExtrasSchema.nullable(),
});
export type PlannedUser = z.infer<typeof plannedUserSchema>;

export const planSummarySchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
  unchanged: z.number().int(),
  excluded: z.number().int(),
  review: z.number().int(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

/** The mass-deactivation guard: the run stops and asks when `tripped`. */
export const deactivationGuardSchema = z.object({
  tripped: z.boolean(),
  wouldDeactivate: z.number().int(),
  /**
   * Active linked records of the tenants. A delta run counts only as far as decides the guard,
   * so when it did not trip this may be a lower bound (exact whenever it tripped).
   */
  linked: z.number().int(),
  percent: z.number(),
  limitPercent: z.number().int(),
});
export type DeactivationGuard = z.infer<typeof deactivationGuardSchema>;
