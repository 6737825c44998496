import type { FastifyRequest } from 'fastify';
import { holdsPermission, type ConnectionKind, type Permission } from '../../contracts/permissions.js';

/** An agent's access to one connection (guide 001), with that connection's kind. */
export interface AgentGrant {
  access: 'read' | 'modify';
  kind: ConnectionKind;
}

/** The signed-in account behind a request, resolved from its session cookie. */
export interface Principal {
  accountId: string;
  kind: 'agent' | 'portal';
  displayName: string;
  email: string;
  permissions: ReadonlySet<Permission>;
  /** The portal user's own customer; null for agents. Portal data is always scoped to it. */
  customerId: string | null;
  /** Connection id → the agent's grant on it (access, and the connection's kind). */
  connectionGrants: ReadonlyMap<string, AgentGrant>;
  sessionId: string;
  csrfToken: string;
}

/** Administrators hold every agent permission (the rule lives in the contracts, shared with the web app). */
export function hasPermission(principal: Principal, permission: Permission): boolean {
  return holdsPermission(principal.kind, principal.permissions, permission);
}

/** Resolves the principal of a request (session cookie), or null when nobody is signed in. */
export type PrincipalResolver = (request: FastifyRequest) => Promise<Principal | null>;
