import { z } from 'zod';
import { timestampSchema } from './fields.js';

/** Guide 001, "Connecting Entra to your Halo": how the connection proves who it is. */
export const ENTRA_AUTH_METHODS = ['clientSecret', 'certificate', 'delegated'] as const;
export type EntraAuthMethod = (typeof ENTRA_AUTH_METHODS)[number];

/** Application permissions (client credentials) or delegated (authorization code, "Sign in with Microsoft"). */
export type EntraPermissionKind = 'application' | 'delegated';

export function permissionKindOf(method: EntraAuthMethod): EntraPermissionKind {
  return method === 'delegated' ? 'delegated' : 'application';
}

/** One row of guide 001's permissions table, plus the broader permissions Graph also accepts. */
export interface EntraPermission {
  name: string;
  purpose: string;
  mandatory: boolean;
  /** The feature that needs it, as a person would look for it. */
  feature: string;
  authMethods: readonly EntraAuthMethod[];
  /** Broader permissions that include this one (Graph accepts any of them for the same calls). */
  satisfiedBy: readonly string[];
}

const ALL = ENTRA_AUTH_METHODS;

/** Guide 001's permissions table ("At the time of writing, these are the permissions…"). */
export const ENTRA_PERMISSIONS: readonly EntraPermission[] = [
  {
    name: 'User.Read.All',
    purpose: 'Read user data',
    mandatory: true,
    feature: 'Importing users and agents',
    authMethods: ALL,
    satisfiedBy: ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    name: 'Group.Read.All',
    purpose: 'Read group data',
    mandatory: true,
    feature: 'Group filters and group → role, team and CAB mappings',
    authMethods: ALL,
    satisfiedBy: ['Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    name: 'offline_access',
    purpose: 'Maintain access',
    mandatory: true,
    feature: 'Keeping a delegated connection signed in (refresh token)',
    authMethods: ['delegated'],
    satisfiedBy: [],
  },
  {
    name: 'AuditLog.Read.All',
    purpose: 'Access sign-in data; required if you wish to import last sign in date',
    mandatory: false,
    feature: 'Importing the last sign-in date',
    authMethods: ALL,
    satisfiedBy: [],
  },
  {
    name: 'Organization.Read.All',
    purpose:
      'Read Organization data to enable licence assignment: required if you wish to manage licence assignment from Rollcall',
    mandatory: false,
    feature: 'Licence management',
    authMethods: ALL,
    satisfiedBy: ['Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    name: 'LicenseAssignment.ReadWrite.All',
    purpose:
      'Read and Write Licence Assignments: required if you wish to manage licence assignment from Rollcall',
    mandatory: false,
    feature: 'Licence management',
    authMethods: ALL,
    satisfiedBy: ['Directory.ReadWrite.All'],
  },
  // Beyond guide 001's table: what Rollcall's own automation writes in Entra (docs/requests.md, docs/hr.md).
  {
    name: 'User.ReadWrite.All',
    purpose:
      'Create, update and disable users: required if approved new-starter and leaver requests, or HR rules, change accounts in Entra from Rollcall',
    mandatory: false,
    feature: 'New-starter, leaver and HR automation',
    authMethods: ALL,
    satisfiedBy: ['Directory.ReadWrite.All'],
  },
  {
    name: 'GroupMember.ReadWrite.All',
    purpose:
      'Add and remove group members: required if automation puts new starters in groups or takes leavers out',
    mandatory: false,
    feature: 'Group membership in automation',
    authMethods: ALL,
    satisfiedBy: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
  {
    name: 'Group.Create',
    purpose: 'Create groups: required if HR rules create the groups they name when those do not exist yet',
    mandatory: false,
    feature: 'HR rules that create missing groups',
    authMethods: ALL,
    satisfiedBy: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
];

/** The rows of the permissions table that apply to connections using `method`. */
export function permissionsFor(method: EntraAuthMethod): EntraPermission[] {
  return ENTRA_PERMISSIONS.filter((p) => p.authMethods.includes(method));
}

/** A permission of the table as the setup screen lists it. */
export const entraPermissionSchema = z.object({
  name: z.string(),
  purpose: z.string(),
  mandatory: z.boolean(),
  feature: z.string(),
  authMethods: z.array(z.enum(ENTRA_AUTH_METHODS)),
});

/** What the last "Authorise" found for one permission. */
export const permissionCheckSchema = z.object({
  name: z.string(),
  mandatory: z.boolean(),
  feature: z.string(),
  /** `unchecked` when no token could be obtained. */
  status: z.enum(['granted', 'missing', 'unchecked']),
  /** The broader permission that covers it, when not granted by name (`Directory.Read.All`). */
  grantedAs: z.string().nullable(),
});
export type PermissionCheck = z.infer<typeof permissionCheckSchema>;

/** A failure explained with the Microsoft error catalogue's words (docs/microsoft-client.md). */
export const microsoftProblemSchema = z.object({
  /** Catalogue code: `AADSTS7000222`, `Http.403`, … */
  code: z.string(),
  title: z.string(),
  whatHappened: z.string(),
  howToFix: z.string(),
  /** Microsoft's own code and message, for the details a person can expand. */
  microsoftCode: z.string().nullable(),
  microsoftMessage: z.string().nullable(),
});
export type MicrosoftProblem = z.infer<typeof microsoftProblemSchema>;

export const AUTHORISATION_STATUSES = ['authorised', 'permissions_missing', 'failed'] as const;

/**
 * The result of "Authorise application" / "Sign in with Microsoft": `authorised` when a token was
 * obtained, every mandatory permission is granted and a real read succeeded (optional permissions
 * may still be missing); `permissions_missing` when a mandatory one is not granted; `failed` when
 * no token could be obtained or the read failed (`problem` says why and how to fix it).
 */
export const authorisationSchema = z.object({
  status: z.enum(AUTHORISATION_STATUSES),
  checkedAt: timestampSchema,
  permissionKind: z.enum(['application', 'delegated']),
  /** Delegated connections: who signed in (UPN). */
  signedInAs: z.string().nullable(),
  permissions: z.array(permissionCheckSchema),
  /** `GET /users?$top=1&$select=id` with the token; null when no token was obtained. */
  readCheck: z.enum(['passed', 'failed']).nullable(),
  problem: microsoftProblemSchema.nullable(),
  /** One sentence for the modal: what the result means. */
  message: z.string(),
});
export type Authorisation = z.infer<typeof authorisationSchema>;
