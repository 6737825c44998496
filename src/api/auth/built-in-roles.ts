import type { Permission } from '../../contracts/permissions.js';
import type { RoleDefinition } from '../../store/index.js';

interface BuiltInRole extends RoleDefinition {
  permissions: Permission[];
}

export const ADMINISTRATOR_ROLE = 'Administrator';
/** The role a portal user gets when created just in time at sign-in. */
export const PORTAL_REQUESTER_ROLE = 'Portal requester';

/**
 * The roles every instance starts with, created at first run when missing. Administrators may
 * edit them afterwards; they are never overwritten.
 */
export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  {
    kind: 'agent',
    name: ADMINISTRATOR_ROLE,
    description: 'Every permission, including agents, roles and settings.',
    permissions: ['administrator'],
  },
  {
    kind: 'agent',
    name: 'Agent',
    description: 'Works with customers, sites and users; sees other agents.',
    permissions: ['customers.read', 'agents.read'],
  },
  {
    kind: 'agent',
    name: 'Approver',
    description: 'Approves requests, and sees the customers they come from.',
    permissions: ['customers.read', 'requests.approve'],
  },
  {
    kind: 'portal',
    name: PORTAL_REQUESTER_ROLE,
    description: 'Submits requests for their organisation and follows them.',
    permissions: ['portal.requests.create', 'portal.requests.read'],
  },
  {
    kind: 'portal',
    name: 'Portal approver',
    description: "Submits requests and approves their organisation's requests.",
    permissions: ['portal.requests.create', 'portal.requests.read', 'portal.requests.approve'],
  },
];
