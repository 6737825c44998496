import { z } from 'zod';

/**
 * Entra user properties a mapping may read. `extensionAttribute1`…`15` are the on-premises
 * extension attributes (`onPremisesExtensionAttributes.extensionAttributeN` in Graph); directory
 * schema extensions (`extension_<appId without dashes>_<name>`) are accepted as well.
 */
export const ENTRA_USER_FIELDS = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'mailNickname',
  'otherMails',
  'proxyAddresses',
  'jobTitle',
  'department',
  'companyName',
  'officeLocation',
  'employeeId',
  'employeeType',
  'businessPhones',
  'mobilePhone',
  'faxNumber',
  'streetAddress',
  'city',
  'state',
  'postalCode',
  'country',
  'usageLocation',
  'preferredLanguage',
  'userType',
  'accountEnabled',
  'onPremisesSamAccountName',
  'onPremisesDomainName',
  'onPremisesDistinguishedName',
  'onPremisesSyncEnabled',
  'createdDateTime',
  'manager',
  ...Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}` as const),
] as const;

export type KnownEntraUserField = (typeof ENTRA_USER_FIELDS)[number];

const SCHEMA_EXTENSION = /^extension_[0-9a-f]{32}_[A-Za-z0-9_]+$/;

/** Whether `name` is an Entra user field Rollcall can read. */
export function isEntraUserField(name: string): boolean {
  return (ENTRA_USER_FIELDS as readonly string[]).includes(name) || SCHEMA_EXTENSION.test(name);
}

export const entraUserFieldSchema = z.string().refine(isEntraUserField, {
  error: (issue) =>
    `"${String(issue.input)}" is not an Entra user property Rollcall can read; choose one of the listed properties, extensionAttribute1–15, or a directory extension named extension_<app id without dashes>_<name>`,
});

/** Desk user fields a field mapping (or a site mapping's "values to set") may write. */
export const DESK_USER_FIELDS = [
  'displayName',
  'givenName',
  'surname',
  'email',
  'userPrincipalName',
  'networkLogin',
  'jobTitle',
  'department',
  'phoneNumber',
  'mobileNumber',
  'employeeId',
  'officeLocation',
  'creationType',
  'isServiceAccount',
  /** The desk user whose Entra user is this user's manager; only from Entra `manager`. */
  'manager',
] as const;
export type DeskUserField = (typeof DESK_USER_FIELDS)[number];

/** A custom field of desk users is written as `custom.<name>`; the field must exist first. */
export const CUSTOM_FIELD_PREFIX = 'custom.';

/** Desk agent fields a field mapping may write. */
export const DESK_AGENT_FIELDS = [
  'displayName',
  'email',
  'userPrincipalName',
  'networkLogin',
  'jobTitle',
  'department',
  'phoneNumber',
  'mobileNumber',
  'creationType',
  /** Only from Entra `manager`; the manager must be an imported agent. */
  'linemanager',
  /** The agent's default team, by team name (unknown names leave it unchanged). */
  'team',
] as const;
export type DeskAgentField = (typeof DESK_AGENT_FIELDS)[number];

/** Fields the desk can use to adopt an existing record before it is linked to Entra, tried in order. */
export const MATCHING_FIELDS = ['email', 'userPrincipalName', 'networkLogin', 'employeeId'] as const;
export type MatchingField = (typeof MATCHING_FIELDS)[number];

/** `custom.<name>` (a user custom field) or one of {@link DESK_USER_FIELDS}. */
export const deskUserTargetSchema = z
  .string()
  .refine(
    (value) =>
      (DESK_USER_FIELDS as readonly string[]).includes(value) ||
      (value.startsWith(CUSTOM_FIELD_PREFIX) && value.length > CUSTOM_FIELD_PREFIX.length),
    {
      error: (issue) =>
        `"${String(issue.input)}" is not a desk user field; choose one of ${DESK_USER_FIELDS.join(', ')}, or custom.<name> for a custom field`,
    },
  );
