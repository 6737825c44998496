import type { LoggedExchange, MicrosoftRefusal } from '../outbound.js';

/**
 * What the new-starter and leaver workflows (issue 8) ask of a customer's Entra directory and what
 * they get back. The Microsoft client (src/microsoft/directory/provisioning) implements these; the
 * workflows record every attempt on the request's ticket and in the Outbound Requests log.
 */

/**
 * One call to Microsoft Graph as the workflow records it: the exchange (never a password or
 * token) and either the value or Microsoft's refusal, catalogued. `request` is null only when
 * nothing had to be sent; `response` is null when no answer came back.
 */
export type GraphAttempt<T> = { request: LoggedExchange | null; response: LoggedExchange | null } & (
  { ok: true; value: T } | { ok: false; refusal: MicrosoftRefusal }
);

/** A cloud user to create (`POST /users`); the password is only ever sent, never logged. */
export interface NewDirectoryUser {
  userPrincipalName: string;
  mailNickname: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle?: string;
  department?: string;
  officeLocation?: string;
  mobilePhone?: string;
  /** Two-letter country; licences need it. */
  usageLocation?: string;
  accountEnabled: boolean;
  password: string;
  forceChangePasswordNextSignIn: true;
  /** Lets a restarted workflow recognise the account it created. */
  employeeId?: string;
  /**
   * More Graph properties (HR attributes, `toGraphProfile` in contracts/hr/entra-attributes),
   * merged into the body; the explicit fields above win over the same names here.
   */
  profile?: Record<string, unknown>;
}

export interface CreatedDirectoryUser {
  id: string;
  userPrincipalName: string;
}

/** A user as `readDirectoryUser` reads it; null properties are unset in Entra. */
export interface DirectoryUserState {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  accountEnabled: boolean | null;
  createdDateTime: string | null;
  usageLocation: string | null;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  employeeId: string | null;
  mail: string | null;
  proxyAddresses: string[];
}

/** Properties the workflows change on an existing user (`PATCH /users/{id}`). */
export interface DirectoryUserPatch {
  accountEnabled?: boolean;
  usageLocation?: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  mobilePhone?: string | null;
  employeeId?: string | null;
  /** A rename: sent together with `mail`, Exchange keeps the old address as an `smtp:` alias. */
  userPrincipalName?: string;
  mail?: string | null;
  /** More Graph properties (`toGraphProfile`), merged in; the fields above win. */
  profile?: Record<string, unknown>;
}

/**
 * Entra group kinds (fact sheet §4.1). Graph can change members only of `security` and
 * `microsoft365` groups; mail-enabled security groups and distribution lists are managed in
 * Exchange, dynamic groups by their membership rule.
 */
export const DIRECTORY_GROUP_KINDS = [
  'security',
  'microsoft365',
  'mailEnabledSecurity',
  'distribution',
  'dynamic',
] as const;
export type DirectoryGroupKind = (typeof DIRECTORY_GROUP_KINDS)[number];

export interface DirectoryGroup {
  id: string;
  name: string;
  kind: DirectoryGroupKind;
  /** False for Exchange-managed, dynamic and on-premises-synced groups: a person must act. */
  canAddMembers: boolean;
}

/** Group names looked up in a tenant: one group per name, none, or several of that name. */
export interface ResolvedGroups {
  found: DirectoryGroup[];
  missing: string[];
  ambiguous: string[];
}

/**
 * What happened to one group of a membership change:
 * - `added` / `removed`: done now; `alreadyMember` / `notMember`: already as wanted (done);
 * - `needsManual`: Graph cannot change this group (Exchange-managed, dynamic, synced); the
 *   refusal tells a person what to do;
 * - `failed`: refused; `refusal.retryable` says whether trying again later may work (a new user
 *   not replicated yet, throttling).
 */
export type GroupMembershipOutcome =
  | { groupId: string; status: 'added' | 'alreadyMember' | 'removed' | 'notMember' }
  | { groupId: string; status: 'needsManual' | 'failed'; refusal: MicrosoftRefusal };

/** Licence changes of one user in one `assignLicense` call. */
export interface LicenceChangeRequest {
  add: { skuId: string; disabledPlans?: string[] }[];
  /** SKU ids to remove. */
  remove: string[];
}

/** The SKU ids the user holds directly after the call, lower-cased. */
export interface AssignedLicences {
  skuIds: string[];
}

/**
 * Catalogue codes (src/microsoft/errors) the workflows branch on. A conflict on create means
 * "try the next naming fallback"; the others say what a person must do.
 */
export const DIRECTORY_REFUSAL_CODES = {
  /** Another object already has this userPrincipalName. */
  upnTaken: 'Request_BadRequest.DuplicateUserPrincipalName',
  /** Another object already uses this address (as UPN, mail or proxy address). */
  addressTaken: 'Request_BadRequest.DuplicateProxyAddress',
  /** The new user is not readable yet (replication); retry later. */
  notReplicatedYet: 'Request_ResourceNotFound.UserNotReplicated',
  /** Every seat of a licence is assigned. */
  noSeatsLeft: 'Request_BadRequest.NoAvailableLicenses',
  /** Licences need a usage location the user does not have (or has wrong). */
  usageLocationMissing: 'Request_BadRequest.UsageLocationMissing',
  invalidUsageLocation: 'Request_BadRequest.InvalidUsageLocation',
  /** Membership of mail-enabled security groups and distribution lists is managed in Exchange. */
  groupManagedInExchange: 'Request_BadRequest.MailEnabledGroupNotWritable',
  /** Membership of a dynamic group follows its rule. */
  groupIsDynamic: 'Request_BadRequest.DynamicGroupNotWritable',
  /** The group is synchronised from on-premises Active Directory. */
  onPremisesMastered: 'Request_BadRequest.OnPremisesMastered',
} as const;
