import type { FastifyRequest } from 'fastify';
import { holdsPermission, type Permission } from '../../contracts/permissions.js';

/** The signed-in account behind a request, resolved from its session cookie. */
export interface Principal {
  accountId: string;
  kind: 'agent' | 'portal';
  displayName: string;
  email: string;
  permissions: ReadonlySet<Permission>;
  /** The portal user's own customer; null for agents. Portal data is always scoped to it. */
  customerId: string | null;
  /** Connection id → access, for agents without `administrator`. */
  connectionGrants: ReadonlyMap<string, 'read' | 'modify'>;
  sessionId: string;
  csrfToken: string;
}

/** Administrators hold every agent permission (the rule lives in the contracts, shared with the web app). */
export function hasPermission(principal: Principal, permission: Permission): boolean {
  return holdsPermission(principal.kind, principal.permissions, permission);
}

/** Resolves the principal of a request (session cookie), or null when nobody is signed in. */
export type PrincipalResolver = (request: FastifyRequest) => Promise<Principal | null>;
