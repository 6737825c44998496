/**
 * The emulator's estate: what Microsoft would hold for a set of tenants, apps and a partner.
 * Graph-visible properties live in `props` exactly as Graph names them, so `$select`, `$filter`
 * and delta work on them generically; bookkeeping the emulator needs lives beside them.
 */

export type GraphProps = Record<string, unknown> & { id: string };

export interface UserRecord {
  props: GraphProps;
  /** Cleartext is never kept; the emulator only needs to know a password was set. */
  passwordSet: boolean;
  /** scrypt hash (identity/passwords.ts); undefined for seeded users, who use DEMO_PASSWORD. */
  passwordHash?: string;
  managerId: string | null;
  /** Set when soft-deleted (in the recycle bin); purge removes the record. */
  deletedAt: number | null;
  /** Last change-log version that touched this user. */
  version: number;
  /**
   * Identity Protection's user risk. The emulated tenants have the common user-risk policy
   * ("block access at high risk"): a `high` user gets no tokens (AADSTS53003). Absent: none.
   */
  riskLevel?: UserRiskLevel;
  /**
   * Set on users created through Graph while a replication delay is configured: Graph does not
   * show the user until the tenant has served `afterRequest` Graph requests and its last one
   * came at or after `visibleAt` (epoch ms). Cleared once the user is seen.
   */
  replication?: { afterRequest: number; visibleAt: number };
}

export const USER_RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type UserRiskLevel = (typeof USER_RISK_LEVELS)[number];

export type GroupKind = 'm365' | 'security' | 'mailSecurity' | 'distribution';

export interface GroupRecord {
  props: GraphProps;
  kind: GroupKind;
  dynamic: boolean;
  /** Direct members: object id → '#microsoft.graph.user' | '#microsoft.graph.group' | '#microsoft.graph.device'. */
  members: Map<string, MemberType>;
  deletedAt: number | null;
  version: number;
}

export type MemberType = '#microsoft.graph.user' | '#microsoft.graph.group' | '#microsoft.graph.device';

export interface ServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus: string;
  appliesTo: string;
}

export interface SkuRecord {
  skuId: string;
  skuPartNumber: string;
  displayName: string;
  capabilityStatus: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
  prepaidUnits: { enabled: number; lockedOut: number; suspended: number; warning: number };
  /** Kept true by assignLicense and user deletion. */
  consumedUnits: number;
  servicePlans: ServicePlan[];
  subscriptionIds: string[];
}

export interface DomainRecord {
  id: string;
  isVerified: boolean;
  isDefault: boolean;
  isInitial: boolean;
  authenticationType: 'Managed' | 'Federated';
  supportedServices: string[];
}

export type DeviceRecord = GraphProps;

/** An app's presence in a tenant (created by admin consent) and what it was granted there. */
export interface ServicePrincipalRecord {
  id: string;
  appId: string;
  /** Resource app id → application permissions granted (e.g. GRAPH_APP_ID → ['User.Read.All']). */
  appRoles: Record<string, string[]>;
  /** Resource app id → delegated scopes consented for all users. */
  delegatedScopes: Record<string, string[]>;
}

export interface GdapRelationshipRecord {
  id: string;
  displayName: string;
  customerTenantId: string;
  customerDisplayName: string;
  status: string;
  duration: string;
  autoExtendDuration: string;
  roleDefinitionIds: string[];
  createdDateTime: string;
  lastModifiedDateTime: string;
  activatedDateTime: string | null;
  endDateTime: string | null;
}

export interface PcCustomerRecord {
  id: string;
  companyName: string;
  domain: string;
  relationshipToPartner: 'none' | 'reseller' | 'advisor' | 'syndication' | 'microsoft_support';
  allowDelegatedAccess: boolean;
}

export interface PcSubscriptionRecord {
  /** Partner Center subscription fields, camelCase as Partner Center returns them. */
  props: Record<string, unknown> & { id: string; quantity: number; offerId: string };
  /** Graph SKU this subscription feeds in the customer tenant (for seat arithmetic). */
  skuId: string | null;
  etag: string;
}

export interface PartnerCenterState {
  customers: Map<string, PcCustomerRecord>;
  /** customer tenant id → subscription id → subscription. */
  subscriptions: Map<string, Map<string, PcSubscriptionRecord>>;
  /** Application consents recorded through Partner Center: customer id → app ids. */
  applicationConsents: Map<string, Set<string>>;
  /**
   * Partner Center roles of partner users (AdminAgent, SalesAgent, HelpdeskAgent, …) by user id.
   * A user not listed is an Admin agent (the usual account that authorises an integration); an
   * empty list is a user with no Partner Center role, refused (403) on app + user calls.
   */
  userRoles: Map<string, string[]>;
  /**
   * Price sheet rows changed through the admin API, by `priceKey` (market, product, SKU, term,
   * billing plan): the Partner API's price sheet serves these instead of the generated amounts.
   */
  priceChanges?: Map<string, { unitPrice: number; erpPrice: number }>;
  /** Azure usage added through the admin API, served by the partner billing export beside the generated usage. */
  addedUsage?: AddedUsageRecord[];
}

/** One day of one meter's usage in a customer's Azure plan, added by a test (admin API). */
export interface AddedUsageRecord {
  customerId: string;
  subscriptionId: string;
  meterCategory: string;
  meterSubCategory: string;
  meterName: string;
  unit: string;
  quantity: number;
  unitPrice: number;
  /** `YYYY-MM-DD`. */
  usageDate: string;
}

/** Partner Center roles that may read customers, their subscriptions and licences. */
export const PARTNER_CENTER_READ_ROLES = ['AdminAgent', 'SalesAgent', 'HelpdeskAgent'] as const;

export interface GraphSubscriptionRecord {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
  applicationId: string;
  creatorId: string;
  tenantId: string;
}

export interface TenantRecord {
  id: string;
  displayName: string;
  /** `<name>.onmicrosoft.com`, always verified and the initial domain. */
  initialDomain: string;
  domains: DomainRecord[];
  /** Entra ID P1/P2: signInActivity is readable only in premium tenants. */
  premium: boolean;
  /** Intune licensed: managedDevices answers only then. */
  intune: boolean;
  countryLetterCode: string;
  users: Map<string, UserRecord>;
  /** Lower-cased UPN → user id, for uniqueness checks and `/users/{upn}`. */
  upnIndex: Map<string, string>;
  groups: Map<string, GroupRecord>;
  skus: Map<string, SkuRecord>;
  devices: Map<string, DeviceRecord>;
  servicePrincipals: Map<string, ServicePrincipalRecord>;
  gdapRelationships: Map<string, GdapRelationshipRecord>;
  graphSubscriptions: Map<string, GraphSubscriptionRecord>;
  /** Present on the partner tenant only. */
  partnerCenter: PartnerCenterState | null;
  createdDateTime: string;
  /**
   * Graph requests this tenant has served and when the last one came (emulator clock), as the
   * replication delay of new users counts them. Absent until the first request.
   */
  graphRequests?: { count: number; at: number };
}

export interface AppSecret {
  id: string;
  value: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface AppCertificate {
  /** Base64url SHA-1 thumbprint (`x5t`). */
  x5t: string;
  /** Base64url SHA-256 thumbprint (`x5t#S256`). */
  x5tS256: string;
  publicKeyPem: string;
  expiresAt: number;
}

/** Which resource an app's permissions are for. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const PARTNER_CENTER_RESOURCE = 'https://api.partnercenter.microsoft.com';
export const PARTNER_CENTER_APP_ID = 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd';
/** The Partner API (`api.partner.microsoft.com`: price sheets), guide 002's "Subscription Pricing" permission. */
export const PARTNER_API_RESOURCE = 'https://api.partner.microsoft.com';
export const PARTNER_API_APP_ID = '4990cffe-04e8-4e8b-808a-1175604b879f';

export type AppKind = 'graph' | 'partner' | 'gdap' | 'sso';

export interface AppRegistration {
  clientId: string;
  displayName: string;
  homeTenantId: string;
  multiTenant: boolean;
  kind: AppKind;
  secrets: AppSecret[];
  certificates: AppCertificate[];
  redirectUris: string[];
  /**
   * Permissions the app asks for (its manifest's requiredResourceAccess), granted in a tenant by admin
   * consent: resource app id (GRAPH_APP_ID, PARTNER_CENTER_APP_ID) → permission names.
   */
  requiredAppRoles: Record<string, string[]>;
  requiredScopes: Record<string, string[]>;
  /**
   * Multi-tenant apps restricted to some tenants (Authentication › Supported accounts: "Allow
   * only certain tenants"): other tenants cannot consent to or use it. Absent or null: any tenant.
   */
  allowedTenantIds?: string[] | null;
}

/** One directory change, in the order it happened; delta rounds and webhooks read this. */
export interface ChangeEntry {
  version: number;
  at: number;
  resource: 'users' | 'groups';
  id: string;
  kind: 'created' | 'updated' | 'softDeleted' | 'restored' | 'purged' | 'memberAdded' | 'memberRemoved';
  /** Properties changed by an update (Graph names); undefined means "all". */
  props?: string[];
  /** For member changes. */
  memberId?: string;
  memberType?: MemberType;
}
