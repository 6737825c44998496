import { z } from 'zod';

/**
 * Every permission Rollcall checks, as data: roles are named sets of these (stored in the
 * database), and every API endpoint names the one it needs. Agent permissions apply in the console;
 * portal permissions apply within the portal user's own customer only.
 */
export const PERMISSIONS = {
  administrator: {
    kind: 'agent',
    label: 'Administrator: every permission, including managing agents and roles',
  },
  'integrations.entra.configure': { kind: 'agent', label: 'Can configure the Microsoft Entra integration' },
  'integrations.csp.configure': { kind: 'agent', label: 'Can configure the Microsoft CSP integration' },
  'requests.approve': { kind: 'agent', label: 'Can approve requests' },
  'logs.view': { kind: 'agent', label: 'Can view inbound, outbound and audit logs' },
  'customers.read': { kind: 'agent', label: 'Can view customers, sites and users' },
  'customers.write': { kind: 'agent', label: 'Can edit customers, sites and users' },
  'licences.manage': {
    kind: 'agent',
    label: "Can assign and remove users' Microsoft licences from the desk",
  },
  'billing.read': { kind: 'agent', label: 'Can view products and recurring invoices' },
  'billing.manage': {
    kind: 'agent',
    label: 'Can edit products, prices and recurring invoices and their lines',
  },
  'hr.read': { kind: 'agent', label: 'Can view HR sources, persons, rules and their audit trail' },
  'hr.manage': {
    kind: 'agent',
    label: 'Can configure HR sources, edit and publish rules, confirm held imports and run enforcement',
  },
  'agents.read': { kind: 'agent', label: 'Can view agents' },
  'agents.write': { kind: 'agent', label: 'Can edit agents, roles and access grants' },
  'settings.manage': { kind: 'agent', label: 'Can change instance settings (sign-in, SSO)' },
  'portal.requests.create': { kind: 'portal', label: 'Can submit requests for their organisation' },
  'portal.requests.read': { kind: 'portal', label: "Can see their organisation's requests" },
  'portal.requests.approve': { kind: 'portal', label: "Can approve their organisation's requests" },
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const permissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

/**
 * What an endpoint requires: a permission, any signed-in account of a kind, or nobody (`public`,
 * e.g. sign-in and health). Every endpoint must say which, so nothing is reachable by accident.
 */
export type Access = { permission: Permission } | { signedIn: 'agent' | 'portal' | 'any' } | { public: true };

/**
 * Whether an account of `kind` holding `held` has `permission`: administrators hold every agent
 * permission (never a portal one). The server enforces this; the web app uses it to hide the way in.
 */
export function holdsPermission(
  kind: 'agent' | 'portal',
  held: { has(p: Permission): boolean },
  permission: Permission,
): boolean {
  if (held.has(permission)) return true;
  return kind === 'agent' && held.has('administrator') && PERMISSIONS[permission].kind === 'agent';
}

/** Kinds of connection to Microsoft: a directly connected Entra tenant, or a CSP partner. */
export const CONNECTION_KINDS = ['entra', 'csp'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/**
 * A rule no single permission says (guide 001, "Control who can manage the Entra integration"):
 * holders of any of `permissions`, or agents with a grant (read or modify) on any connection of
 * `orGrantOn`. An endpoint open to agents narrows its `access` with one (`Endpoint.alsoRequires`).
 */
export interface PermissionOrGrant {
  permissions: readonly Permission[];
  orGrantOn: ConnectionKind;
}

/** Who sets up Entra imports or looks at one: the configure permission, or an Entra connection grant. */
export const ENTRA_IMPORT_EDITORS: PermissionOrGrant = {
  permissions: ['integrations.entra.configure'],
  orGrantOn: 'entra',
};

/**
 * Who reads the names an import configuration refers to (sites, roles, teams, custom fields):
 * the Entra import editors, and whoever configures CSP connections (whose users import through
 * the same configuration).
 */
export const IMPORT_CONFIG_READERS: PermissionOrGrant = {
  permissions: ['integrations.entra.configure', 'integrations.csp.configure'],
  orGrantOn: 'entra',
};

/** The permissions of `rule` in words: `"a" or "b"`. */
export const permissionsInWords = (rule: PermissionOrGrant) =>
  rule.permissions.map((p) => `"${p}"`).join(' or ');

/** Whether an account passes `rule`; portal accounts never do (they cannot hold grants). */
export function passesPermissionOrGrant(
  rule: PermissionOrGrant,
  account: {
    kind: 'agent' | 'portal';
    permissions: { has(p: Permission): boolean };
    grantKinds: Iterable<ConnectionKind>;
  },
): boolean {
  if (account.kind !== 'agent') return false;
  if (rule.permissions.some((p) => holdsPermission(account.kind, account.permissions, p))) return true;
  for (const kind of account.grantKinds) if (kind === rule.orGrantOn) return true;
  return false;
}
