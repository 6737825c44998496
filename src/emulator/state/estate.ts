import type { Clock } from '../clock.js';
import { guid } from '../ids.js';
import { createChangeLog, type ChangeLog } from './change-log.js';
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

interface WriteOptions {
  /** Seeding writes the starting state and does not show up as changes in delta rounds. */
  silent?: boolean;
}

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
  /** Adds/removes SKUs on a user and keeps consumedUnits true. Validation is the caller's job. */
  setLicenses(
    tenant: TenantRecord,
    userId: string,
    add: { skuId: string; disabledPlans: string[] }[],
    remove: string[],
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

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createEstate(clock: Clock): Estate {
  const tenants = new Map<string, TenantRecord>();
  const domainIndex = new Map<string, string>();
  const apps = new Map<string, AppRegistration>();
  const log = createChangeLog(() => clock.now());

  const userOf = (tenant: TenantRecord, id: string): UserRecord => {
    const user = tenant.users.get(id);
    if (!user) throw new Error(`emulator: no user ${id} in tenant ${tenant.id}`);
    return user;
  };
  const groupOf = (tenant: TenantRecord, id: string): GroupRecord => {
    const group = tenant.groups.get(id);
    if (!group) throw new Error(`emulator: no group ${id} in tenant ${tenant.id}`);
    return group;
  };
  const touchUser = (
    tenant: TenantRecord,
    user: UserRecord,
    kind: 'created' | 'updated' | 'softDeleted' | 'restored' | 'purged',
    props: string[] | undefined,
    opts: WriteOptions | undefined,
  ) => {
    if (opts?.silent) return;
    user.version = log.record(tenant.id, { resource: 'users', id: user.props.id, kind, props }).version;
  };
  const touchGroup = (
    tenant: TenantRecord,
    group: GroupRecord,
    entry: {
      kind: 'created' | 'updated' | 'softDeleted' | 'restored' | 'purged' | 'memberAdded' | 'memberRemoved';
      props?: string[];
      memberId?: string;
      memberType?: MemberType;
    },
    opts: WriteOptions | undefined,
  ) => {
    if (opts?.silent) return;
    group.version = log.record(tenant.id, { resource: 'groups', id: group.props.id, ...entry }).version;
  };
  const consumeSeats = (tenant: TenantRecord, user: UserRecord, delta: 1 | -1) => {
    const assigned = (user.props.assignedLicenses as { skuId: string }[] | undefined) ?? [];
    for (const { skuId } of assigned) {
      const sku = tenant.skus.get(skuId);
      if (sku) sku.consumedUnits = Math.max(0, sku.consumedUnits + delta);
    }
  };

  const estate: Estate = {
    clock,
    log,
    tenants,
    apps,
    partnerTenantId: null,
    tenant(idOrDomain) {
      const key = idOrDomain.toLowerCase();
      return tenants.get(key) ?? tenants.get(domainIndex.get(key) ?? '');
    },
    createTenant(input) {
      const id = input.id.toLowerCase();
      const domains = [
        {
          id: input.initialDomain,
          isVerified: true,
          isDefault: !input.customDomains?.length,
          isInitial: true,
          authenticationType: 'Managed' as const,
          supportedServices: ['Email', 'OfficeCommunicationsOnline'],
        },
        ...(input.customDomains ?? []).map((d, i) => ({
          id: d,
          isVerified: true,
          isDefault: i === 0,
          isInitial: false,
          authenticationType: 'Managed' as const,
          supportedServices: ['Email', 'OfficeCommunicationsOnline', 'Intune'],
        })),
      ];
      const tenant: TenantRecord = {
        id,
        displayName: input.displayName,
        initialDomain: input.initialDomain,
        domains,
        premium: input.premium ?? true,
        intune: input.intune ?? true,
        countryLetterCode: input.countryLetterCode ?? 'GB',
        users: new Map(),
        upnIndex: new Map(),
        groups: new Map(),
        skus: new Map(),
        devices: new Map(),
        servicePrincipals: new Map(),
        gdapRelationships: new Map(),
        graphSubscriptions: new Map(),
        partnerCenter: input.partner
          ? { customers: new Map(), subscriptions: new Map(), applicationConsents: new Map() }
          : null,
        createdDateTime: new Date(clock.now()).toISOString(),
      };
      tenants.set(id, tenant);
      for (const d of domains) domainIndex.set(d.id.toLowerCase(), id);
      if (input.partner) estate.partnerTenantId = id;
      return tenant;
    },
    addDomain(tenant, domain) {
      if (tenant.domains.some((d) => d.id.toLowerCase() === domain.toLowerCase())) return;
      tenant.domains.push({
        id: domain,
        isVerified: true,
        isDefault: false,
        isInitial: false,
        authenticationType: 'Managed',
        supportedServices: ['Email', 'OfficeCommunicationsOnline'],
      });
      domainIndex.set(domain.toLowerCase(), tenant.id);
    },
    registerApp(app) {
      apps.set(app.clientId.toLowerCase(), app);
      return app;
    },
    grantConsent(tenantId, clientId) {
      const tenant = estate.tenant(tenantId);
      const app = apps.get(clientId.toLowerCase());
      if (!tenant || !app) throw new Error(`emulator: cannot consent ${clientId} in ${tenantId}`);
      const existing = tenant.servicePrincipals.get(app.clientId);
      const sp: ServicePrincipalRecord = existing ?? {
        id: guid(),
        appId: app.clientId,
        appRoles: {},
        delegatedScopes: {},
      };
      for (const [resource, roles] of Object.entries(app.requiredAppRoles)) {
        sp.appRoles[resource] = [...new Set([...(sp.appRoles[resource] ?? []), ...roles])];
      }
      for (const [resource, scopes] of Object.entries(app.requiredScopes)) {
        sp.delegatedScopes[resource] = [...new Set([...(sp.delegatedScopes[resource] ?? []), ...scopes])];
      }
      tenant.servicePrincipals.set(app.clientId, sp);
      return sp;
    },
    revokeConsent(tenantId, clientId) {
      estate.tenant(tenantId)?.servicePrincipals.delete(clientId);
    },

    addUser(tenant, props, opts) {
      const user: UserRecord = {
        props,
        passwordSet: opts?.passwordSet ?? true,
        managerId: null,
        deletedAt: null,
        version: log.version(tenant.id),
      };
      tenant.users.set(props.id, user);
      const upn = props.userPrincipalName;
      if (typeof upn === 'string') tenant.upnIndex.set(upn.toLowerCase(), props.id);
      consumeSeats(tenant, user, 1);
      touchUser(tenant, user, 'created', undefined, opts);
      return user;
    },
    updateUser(tenant, id, patch, opts) {
      const user = userOf(tenant, id);
      const changed: string[] = [];
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'id' || sameValue(user.props[key], value)) continue;
        if (key === 'userPrincipalName') {
          tenant.upnIndex.delete(String(user.props.userPrincipalName).toLowerCase());
          tenant.upnIndex.set(String(value).toLowerCase(), id);
        }
        user.props[key] = value;
        changed.push(key);
      }
      if (changed.length) touchUser(tenant, user, 'updated', changed, opts);
      return changed;
    },
    setManager(tenant, id, managerId, opts) {
      const user = userOf(tenant, id);
      if (user.managerId === managerId) return;
      user.managerId = managerId;
      touchUser(tenant, user, 'updated', ['manager'], opts);
    },
    softDeleteUser(tenant, id) {
      const user = userOf(tenant, id);
      if (user.deletedAt !== null) return;
      user.deletedAt = clock.now();
      tenant.upnIndex.delete(String(user.props.userPrincipalName).toLowerCase());
      // Deleting a user frees its licences; restore takes them again.
      consumeSeats(tenant, user, -1);
      for (const group of tenant.groups.values()) {
        if (group.members.has(id)) estate.removeMember(tenant, group.props.id, id);
      }
      touchUser(tenant, user, 'softDeleted', undefined, undefined);
    },
    restoreUser(tenant, id) {
      const user = userOf(tenant, id);
      if (user.deletedAt === null) return;
      user.deletedAt = null;
      tenant.upnIndex.set(String(user.props.userPrincipalName).toLowerCase(), id);
      consumeSeats(tenant, user, 1);
      touchUser(tenant, user, 'restored', undefined, undefined);
    },
    purgeUser(tenant, id) {
      const user = userOf(tenant, id);
      if (user.deletedAt === null) {
        estate.softDeleteUser(tenant, id);
      }
      tenant.users.delete(id);
      touchUser(tenant, user, 'purged', undefined, undefined);
    },
    setLicenses(tenant, userId, add, remove, opts) {
      const user = userOf(tenant, userId);
      const current = (
        (user.props.assignedLicenses as { skuId: string; disabledPlans: string[] }[]) ?? []
      ).slice();
      const next = current.filter((l) => !remove.includes(l.skuId));
      for (const l of add) {
        const i = next.findIndex((n) => n.skuId === l.skuId);
        if (i >= 0) next[i] = { skuId: l.skuId, disabledPlans: l.disabledPlans };
        else next.push({ skuId: l.skuId, disabledPlans: l.disabledPlans });
      }
      const before = new Set(current.map((l) => l.skuId));
      const after = new Set(next.map((l) => l.skuId));
      if (user.deletedAt === null) {
        for (const skuId of after) if (!before.has(skuId)) tenant.skus.get(skuId)!.consumedUnits += 1;
        for (const skuId of before) {
          const sku = tenant.skus.get(skuId);
          if (!after.has(skuId) && sku) sku.consumedUnits = Math.max(0, sku.consumedUnits - 1);
        }
      }
      estate.updateUser(tenant, userId, { assignedLicenses: next }, opts);
    },

    addGroup(tenant, props, shape, opts) {
      const group: GroupRecord = {
        props,
        kind: shape.kind,
        dynamic: shape.dynamic ?? false,
        members: new Map(),
        deletedAt: null,
        version: log.version(tenant.id),
      };
      tenant.groups.set(props.id, group);
      touchGroup(tenant, group, { kind: 'created' }, opts);
      return group;
    },
    updateGroup(tenant, id, patch, opts) {
      const group = groupOf(tenant, id);
      const changed: string[] = [];
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'id' || sameValue(group.props[key], value)) continue;
        group.props[key] = value;
        changed.push(key);
      }
      if (changed.length) touchGroup(tenant, group, { kind: 'updated', props: changed }, opts);
      return changed;
    },
    softDeleteGroup(tenant, id) {
      const group = groupOf(tenant, id);
      if (group.deletedAt !== null) return;
      group.deletedAt = clock.now();
      touchGroup(tenant, group, { kind: 'softDeleted' }, undefined);
    },
    restoreGroup(tenant, id) {
      const group = groupOf(tenant, id);
      if (group.deletedAt === null) return;
      group.deletedAt = null;
      touchGroup(tenant, group, { kind: 'restored' }, undefined);
    },
    purgeGroup(tenant, id) {
      const group = groupOf(tenant, id);
      if (group.deletedAt === null) estate.softDeleteGroup(tenant, id);
      // A purged group is no longer a member of anything.
      for (const parent of tenant.groups.values()) {
        if (parent.members.has(id)) estate.removeMember(tenant, parent.props.id, id);
      }
      tenant.groups.delete(id);
      touchGroup(tenant, group, { kind: 'purged' }, undefined);
    },
    addMember(tenant, groupId, memberId, type, opts) {
      const group = groupOf(tenant, groupId);
      if (group.members.has(memberId)) return;
      group.members.set(memberId, type);
      touchGroup(tenant, group, { kind: 'memberAdded', memberId, memberType: type }, opts);
    },
    removeMember(tenant, groupId, memberId, opts) {
      const group = groupOf(tenant, groupId);
      const type = group.members.get(memberId);
      if (!type) return;
      group.members.delete(memberId);
      touchGroup(tenant, group, { kind: 'memberRemoved', memberId, memberType: type }, opts);
    },

    clear() {
      tenants.clear();
      domainIndex.clear();
      apps.clear();
      estate.partnerTenantId = null;
    },
  };
  return estate;
}
