import type { Clock } from '../clock.js';
import { createChangeLog, type ChangeLog } from './change-log.js';
import type { EstateCore, WriteOptions } from './estate-core.js';
import type { LicenceGrant } from './licence-states.js';
import { createGroupOps } from './group-ops.js';
import { createTenantOps } from './tenant-ops.js';
import { createUserOps } from './user-ops.js';
import type {
  AppRegistration,
  GraphProps,
  GroupKind,
  GroupRecord,
  MemberType,
  ServicePrincipalRecord,
  TenantRecord,
  UserRecord,
} from './types.js';

export interface NewTenant {
  id: string;
  displayName: string;
  initialDomain: string;
  customDomains?: string[];
  premium?: boolean;
  intune?: boolean;
  countryLetterCode?: string;
  partner?: boolean;
}

export type { WriteOptions } from './estate-core.js';

/**
 * The emulator's state and the only place that mutates directory objects, so every write (Graph
 * API, admin API, seed) keeps indexes, seat counts and the change log consistent.
 */
export interface Estate {
  readonly clock: Clock;
  readonly log: ChangeLog;
  readonly tenants: Map<string, TenantRecord>;
  readonly apps: Map<string, AppRegistration>;
  partnerTenantId: string | null;
  /** By tenant id or any of its domains (case-insensitive). */
  tenant(idOrDomain: string): TenantRecord | undefined;
  createTenant(input: NewTenant): TenantRecord;
  /** Adds a verified custom domain to a tenant. */
  addDomain(tenant: TenantRecord, domain: string): void;
  registerApp(app: AppRegistration): AppRegistration;
  /** Admin consent: creates the app's service principal in the tenant with the app's permissions. */
  grantConsent(tenantId: string, clientId: string): ServicePrincipalRecord;
  revokeConsent(tenantId: string, clientId: string): void;

  addUser(
    tenant: TenantRecord,
    props: GraphProps,
    opts?: WriteOptions & { passwordSet?: boolean },
  ): UserRecord;
  /** Applies a Graph-style patch; returns the names of properties whose value changed. */
  updateUser(tenant: TenantRecord, id: string, patch: Record<string, unknown>, opts?: WriteOptions): string[];
  setManager(tenant: TenantRecord, id: string, managerId: string | null, opts?: WriteOptions): void;
  softDeleteUser(tenant: TenantRecord, id: string): void;
  restoreUser(tenant: TenantRecord, id: string): void;
  purgeUser(tenant: TenantRecord, id: string): void;
  /**
   * Adds/removes SKUs on a user, directly or through a group (`assignedByGroup`), keeping
   * `licenseAssignmentStates` and consumedUnits true. Validation is the caller's job.
   */
  setLicenses(
    tenant: TenantRecord,
    userId: string,
    add: LicenceGrant[],
    remove: { skuId: string; assignedByGroup?: string | null }[],
    opts?: WriteOptions,
  ): void;

  addGroup(
    tenant: TenantRecord,
    props: GraphProps,
    shape: { kind: GroupKind; dynamic?: boolean },
    opts?: WriteOptions,
  ): GroupRecord;
  updateGroup(
    tenant: TenantRecord,
    id: string,
    patch: Record<string, unknown>,
    opts?: WriteOptions,
  ): string[];
  softDeleteGroup(tenant: TenantRecord, id: string): void;
  restoreGroup(tenant: TenantRecord, id: string): void;
  purgeGroup(tenant: TenantRecord, id: string): void;
  addMember(
    tenant: TenantRecord,
    groupId: string,
    memberId: string,
    type: MemberType,
    opts?: WriteOptions,
  ): void;
  removeMember(tenant: TenantRecord, groupId: string, memberId: string, opts?: WriteOptions): void;

  /** Drops every tenant, app and change (admin reset). */
  clear(): void;
}

export function createEstate(clock: Clock): Estate {
  const core: EstateCore = {
    clock,
    log: createChangeLog(() => clock.now()),
    tenants: new Map(),
    domainIndex: new Map(),
    apps: new Map(),
    self: () => estate,
  };
  const estate: Estate = {
    clock,
    log: core.log,
    tenants: core.tenants,
    apps: core.apps,
    partnerTenantId: null,
    ...createTenantOps(core),
    ...createUserOps(core),
    ...createGroupOps(core),
  };
  return estate;
}
