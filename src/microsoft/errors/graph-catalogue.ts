import type { CatalogueEntry } from './types.js';

const retryLater = 'Nothing to do: Rollcall waits and tries again.';

/** Graph `error.code` values (concepts/errors.md and real captures), matched case-insensitively. */
export const graphCatalogue = {
  Authorization_RequestDenied: {
    action: 'reauthorise',
    retryable: false,
    title: 'Permission not granted',
    whatHappened:
      'Microsoft Graph refused the request because the app lacks the permission it needs in this tenant (admin consent missing or revoked).',
    howToFix:
      "In the customer tenant open Entra admin centre › Enterprise applications › <app> › Permissions and click 'Grant admin consent', or reconnect the connection as a Global Administrator.",
  },
  InvalidAuthenticationToken: {
    action: 'reauthorise',
    retryable: false,
    title: 'Access token rejected',
    whatHappened: 'Microsoft Graph did not accept the access token even after a fresh one was requested.',
    howToFix: 'Reconnect the connection. If it keeps happening, check the server clock and the tenant ID.',
  },
  Request_ResourceNotFound: {
    action: 'stop',
    retryable: false,
    title: 'Object not found',
    whatHappened: 'The user, group or other object does not exist (it may have been deleted).',
    howToFix: 'Run a sync to refresh the desk, then check whether the change is still needed.',
  },
  Request_BadRequest: {
    action: 'fix-request',
    retryable: false,
    title: 'Microsoft rejected the request',
    whatHappened: 'Microsoft Graph found the request invalid.',
    howToFix: "Read Microsoft's message below, correct the values and try again.",
  },
  Request_UnsupportedQuery: {
    action: 'fix-request',
    retryable: false,
    title: 'Query not supported',
    whatHappened: 'Microsoft Graph does not support this filter, search or sort on this property.',
    howToFix: 'Change the filter. This is usually a Rollcall bug: report it with the error details.',
  },
  BadRequest: {
    action: 'fix-request',
    retryable: false,
    title: 'Microsoft rejected the request',
    whatHappened: 'Microsoft Graph could not process the request (unknown path, property or payload).',
    howToFix: 'This is usually a Rollcall bug: report it with the error details.',
  },
  Directory_ExpiredPageToken: {
    action: 'resync',
    retryable: true,
    title: 'Page token expired',
    whatHappened: 'Reading took longer than Microsoft keeps a page position, so the next page link expired.',
    howToFix: 'Nothing to do: Rollcall restarts the read from the beginning.',
  },
  syncStateNotFound: {
    action: 'resync',
    retryable: true,
    title: 'Change tracking expired',
    whatHappened:
      'The stored delta token is too old (Microsoft keeps directory change tracking for about 7 days), so changes since the last sync cannot be listed.',
    howToFix: 'Nothing to do: Rollcall runs a full sync and compares everything.',
  },
  resyncRequired: {
    action: 'resync',
    retryable: true,
    title: 'Full sync required',
    whatHappened: 'Microsoft reset change tracking for this directory.',
    howToFix: 'Nothing to do: Rollcall runs a full sync and compares everything.',
  },
  TooManyRequests: {
    action: 'retry',
    retryable: true,
    title: 'Microsoft is throttling requests',
    whatHappened: 'Microsoft Graph asked Rollcall to slow down for this tenant.',
    howToFix: retryLater,
  },
  Authentication_RequestFromNonPremiumTenantOrB2CTenant: {
    action: 'stop',
    retryable: false,
    title: 'Sign-in activity needs Entra ID P1 or P2',
    whatHappened:
      'Last sign-in dates can only be read in tenants with a Microsoft Entra ID P1 or P2 licence.',
    howToFix: "Turn off 'last sign-in' for this tenant, or license the tenant with Entra ID P1/P2.",
  },
  serviceNotAvailable: {
    action: 'retry',
    retryable: true,
    title: 'Microsoft Graph is unavailable',
    whatHappened: 'Microsoft Graph is temporarily unavailable.',
    howToFix: retryLater,
  },
  generalException: {
    action: 'retry',
    retryable: true,
    title: 'Microsoft Graph failed',
    whatHappened: 'Microsoft Graph hit an internal error.',
    howToFix: 'Rollcall tries again later. If it persists, check the Microsoft 365 service health page.',
  },
  gatewayTimeout: {
    action: 'retry',
    retryable: true,
    title: 'Microsoft Graph timed out',
    whatHappened: 'Microsoft Graph did not answer in time.',
    howToFix: retryLater,
  },
  badGateway: {
    action: 'retry',
    retryable: true,
    title: 'Microsoft Graph is unavailable',
    whatHappened: 'A Microsoft gateway received an invalid response.',
    howToFix: retryLater,
  },
} as const satisfies Record<string, CatalogueEntry>;

/**
 * Graph reuses `Request_BadRequest` / `Request_ResourceNotFound` for many situations; these
 * refinements recognise the common ones by detail code, target or message wording.
 */
export const graphRefinementCatalogue = {
  'Request_BadRequest.DuplicateUserPrincipalName': {
    action: 'fix-request',
    retryable: false,
    title: 'Username already taken',
    whatHappened: 'Another object in the tenant already has this user principal name (sign-in name).',
    howToFix: 'Choose another username, or check the deleted users list in Entra admin centre.',
  },
  'Request_BadRequest.DuplicateProxyAddress': {
    action: 'fix-request',
    retryable: false,
    title: 'Email address already in use',
    whatHappened: 'Another object in the tenant already uses this email (proxy) address.',
    howToFix: 'Choose another email alias or remove it from the other object first.',
  },
  'Request_BadRequest.UnverifiedDomain': {
    action: 'fix-request',
    retryable: false,
    title: 'Domain not verified in the tenant',
    whatHappened: "The username's domain is not one of the tenant's verified domains.",
    howToFix:
      'Use a domain listed in Entra admin centre › Settings › Domain names, or verify the domain there first.',
  },
  'Request_BadRequest.WeakPassword': {
    action: 'fix-request',
    retryable: false,
    title: 'Password too weak',
    whatHappened: "The password does not meet Microsoft's complexity rules.",
    howToFix:
      'Use 8–256 characters with three of: upper case, lower case, digits, symbols; avoid common words.',
  },
  'Request_BadRequest.NoAvailableLicenses': {
    action: 'stop',
    retryable: false,
    title: 'No licences left',
    whatHappened: 'Every seat of this licence is already assigned.',
    howToFix: 'Buy more seats (or free one by removing it from a leaver), then retry the request.',
  },
  'Request_BadRequest.UsageLocationMissing': {
    action: 'fix-request',
    retryable: false,
    title: 'Usage location missing',
    whatHappened: 'A licence cannot be assigned to a user without a usage location (country).',
    howToFix: "Set the user's usage location (for example in the site mapping), then retry.",
  },
  'Request_BadRequest.UnknownSku': {
    action: 'fix-request',
    retryable: false,
    title: 'Licence not found in the tenant',
    whatHappened: 'The tenant has no subscription for this licence SKU.',
    howToFix: "Run a licence sync and pick one of the tenant's licences.",
  },
  'Request_BadRequest.LicenceInheritedFromGroup': {
    action: 'stop',
    retryable: false,
    title: 'Licence comes from a group',
    whatHappened: 'The user holds this licence through group-based licensing, not directly.',
    howToFix: 'Remove the user from the licensed group (or the licence from the group) in Entra ID.',
  },
  'Request_BadRequest.LicenceNotHeld': {
    action: 'stop',
    retryable: false,
    title: 'Licence not held',
    whatHappened: 'The user does not hold this licence, so there is nothing to remove.',
    howToFix: 'Run a users sync to refresh what the desk shows; no change is needed.',
  },
  'Request_BadRequest.AlreadyMember': {
    action: 'stop',
    retryable: false,
    title: 'Already a member',
    whatHappened: 'The object is already a member of the group, so there is nothing to add.',
    howToFix: 'Nothing to do.',
  },
  'Request_BadRequest.MailEnabledGroupNotWritable': {
    action: 'stop',
    retryable: false,
    title: 'Group is managed in Exchange',
    whatHappened:
      'Members of mail-enabled security groups and distribution lists cannot be changed through Microsoft Graph.',
    howToFix:
      'Change the membership in the Exchange admin centre, or map a Microsoft 365 or security group instead.',
  },
  'Request_BadRequest.OnPremisesMastered': {
    action: 'stop',
    retryable: false,
    title: 'Object is managed on-premises',
    whatHappened:
      'The object is synchronised from on-premises Active Directory, so these properties are read-only in the cloud.',
    howToFix: 'Make the change in on-premises Active Directory and let Entra Connect synchronise it.',
  },
  'Request_BadRequest.InvalidMailNickname': {
    action: 'fix-request',
    retryable: false,
    title: 'Email alias not valid',
    whatHappened: 'The mail nickname contains characters Microsoft does not accept.',
    howToFix: 'Use letters, digits and . - _ only in the alias.',
  },
  'Request_ResourceNotFound.NoManager': {
    action: 'stop',
    retryable: false,
    title: 'No manager',
    whatHappened: 'The user has no manager set.',
    howToFix: 'Nothing to do.',
  },
  'Request_BadRequest.DynamicGroupNotWritable': {
    action: 'stop',
    retryable: false,
    title: 'Group membership follows a rule',
    whatHappened:
      "This is a dynamic group: Microsoft adds and removes its members by the group's membership rule, so nobody can add or remove a member directly.",
    howToFix:
      "Set the user's properties so the group's rule includes (or excludes) them, or change the rule in Entra admin centre › Groups › <group> › Dynamic membership rules.",
  },
  'Request_ResourceNotFound.UserNotReplicated': {
    action: 'retry',
    retryable: true,
    title: 'New user not visible yet',
    whatHappened:
      'Microsoft created the user but does not show it everywhere yet (new users can take a few seconds to minutes to replicate).',
    howToFix: retryLater,
  },
  'Request_BadRequest.InvalidUsageLocation': {
    action: 'fix-request',
    retryable: false,
    title: 'Usage location not valid',
    whatHappened: 'Microsoft does not accept this usage location; it must be a two-letter country code.',
    howToFix:
      "Correct the usage location (for example GB or US) on the request or the customer's default, then retry.",
  },
} as const satisfies Record<string, CatalogueEntry>;

type RefinementCode = keyof typeof graphRefinementCatalogue;

/**
 * Codes the classifier never picks from Graph's answer alone: a caller restates a refusal with one
 * when it knows more (a 404 naming the user it created moments ago means "not replicated yet").
 */
export const graphContextualCodes: readonly RefinementCode[] = ['Request_ResourceNotFound.UserNotReplicated'];

/** How a refinement is recognised; first match wins. */
export const graphRefinements: readonly {
  code: RefinementCode;
  graphCode: string;
  detail?: { code?: string; target?: RegExp };
  message?: RegExp;
}[] = [
  {
    code: 'Request_BadRequest.DuplicateUserPrincipalName',
    graphCode: 'Request_BadRequest',
    detail: { code: 'ObjectConflict', target: /^userPrincipalName$/i },
  },
  {
    code: 'Request_BadRequest.DuplicateUserPrincipalName',
    graphCode: 'Request_BadRequest',
    message: /same value for property userPrincipalName already exists/i,
  },
  {
    code: 'Request_BadRequest.DuplicateProxyAddress',
    graphCode: 'Request_BadRequest',
    message: /same value for property proxyAddresses already exists/i,
  },
  {
    code: 'Request_BadRequest.UnverifiedDomain',
    graphCode: 'Request_BadRequest',
    message: /domain portion of the userPrincipalName property is invalid/i,
  },
  {
    code: 'Request_BadRequest.WeakPassword',
    graphCode: 'Request_BadRequest',
    message: /password complexity/i,
  },
  {
    code: 'Request_BadRequest.NoAvailableLicenses',
    graphCode: 'Request_BadRequest',
    message: /does not have any available licenses|no available licenses/i,
  },
  {
    code: 'Request_BadRequest.UsageLocationMissing',
    graphCode: 'Request_BadRequest',
    message: /invalid usage location/i,
  },
  {
    code: 'Request_BadRequest.UnknownSku',
    graphCode: 'Request_BadRequest',
    message: /does not correspond to a valid company License/i,
  },
  {
    code: 'Request_BadRequest.LicenceInheritedFromGroup',
    graphCode: 'Request_BadRequest',
    message: /inherited from (a )?group membership/i,
  },
  {
    code: 'Request_BadRequest.LicenceNotHeld',
    graphCode: 'Request_BadRequest',
    message: /does not have a corresponding license/i,
  },
  {
    code: 'Request_BadRequest.AlreadyMember',
    graphCode: 'Request_BadRequest',
    message: /added object references already exist/i,
  },
  {
    code: 'Request_BadRequest.MailEnabledGroupNotWritable',
    graphCode: 'Request_BadRequest',
    message: /mail-enabled security groups and or distribution list/i,
  },
  {
    code: 'Request_BadRequest.OnPremisesMastered',
    graphCode: 'Request_BadRequest',
    message: /on-premises mastered Directory Sync objects/i,
  },
  {
    code: 'Request_BadRequest.InvalidMailNickname',
    graphCode: 'Request_BadRequest',
    detail: { code: 'InvalidValue', target: /^mailNickname$/i },
  },
  {
    code: 'Request_ResourceNotFound.NoManager',
    graphCode: 'Request_ResourceNotFound',
    message: /Resource 'manager' does not exist/i,
  },
  // Microsoft's body for a dynamic group is unverified (fact sheet §4.3); match the rule's mention.
  {
    code: 'Request_BadRequest.DynamicGroupNotWritable',
    graphCode: 'Request_BadRequest',
    message: /dynamic (group )?membership|membership rule/i,
  },
  {
    code: 'Request_BadRequest.DynamicGroupNotWritable',
    graphCode: 'Authorization_RequestDenied',
    message: /dynamic (group )?membership|membership rule/i,
  },
  {
    code: 'Request_BadRequest.InvalidUsageLocation',
    graphCode: 'Request_BadRequest',
    detail: { code: 'InvalidValue', target: /^usageLocation$/i },
  },
];
