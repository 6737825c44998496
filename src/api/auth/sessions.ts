import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionView } from '../../contracts/api/auth.js';
import type { ServerConfig } from '../../contracts/config.js';
import {
  createCustomerRepository,
  createSessionRepository,
  type Database,
  type SessionMethod,
} from '../../store/index.js';
import { clearSessionCookie, setSessionCookie } from './cookies.js';
import type { Principal } from './principal.js';
import { principalOf, sessionIdOf } from './session-resolver.js';

const TOKEN_BYTES = 32;
const HOUR_MS = 3_600_000;
/** What browsers send as User-Agent can be long; the audit trail needs its start only. */
const MAX_USER_AGENT = 512;

export interface SessionDeps {
  db: Database;
  config: ServerConfig;
  now: () => Date;
}

/** Starting and ending sessions, and the view of a session the web app gets. */
export interface Sessions {
  /** Creates a session for the account, sets the cookie, and returns the signed-in view. */
  start(
    accountId: string,
    method: SessionMethod,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<SessionView>;
  end(principal: Principal, request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Ends every session of the account (this one too); returns how many. */
  endEverywhere(principal: Principal, request: FastifyRequest, reply: FastifyReply): Promise<number>;
  view(principal: Principal): Promise<SessionView>;
}

export function createSessions(deps: SessionDeps): Sessions {
  const repo = createSessionRepository(deps.db);
  const customers = createCustomerRepository(deps.db);

  const view = async (principal: Principal): Promise<SessionView> => {
    const customer = principal.customerId ? await customers.findById(principal.customerId) : undefined;
    return {
      account: {
        id: principal.accountId,
        kind: principal.kind,
        email: principal.email,
        displayName: principal.displayName,
      },
      permissions: [...principal.permissions].sort(),
      customer: customer ? { id: customer.id, name: customer.name } : null,
      connectionGrants: [...principal.connectionGrants].map(([connectionId, grant]) => ({
        connectionId,
        access: grant.access,
        kind: grant.kind,
      })),
      csrfToken: principal.csrfToken,
    };
  };

  return {
    async start(accountId, method, request, reply) {
      const token = randomBytes(TOKEN_BYTES).toString('base64url');
      const now = deps.now();
      const id = sessionIdOf(token);
      await repo.create({
        id,
        accountId,
        method,
        csrfToken: randomBytes(TOKEN_BYTES).toString('base64url'),
        now,
        expiresAt: new Date(now.getTime() + deps.config.sessions.absoluteHours * HOUR_MS),
        ipAddress: request.ip ?? null,
        userAgent: request.headers['user-agent']?.slice(0, MAX_USER_AGENT) ?? null,
      });
      const session = await repo.resolve(id);
      if (!session) throw new Error('the session just created cannot be read back');
      setSessionCookie(reply, request, deps.config, token);
      return view(principalOf(session));
    },

    async end(principal, request, reply) {
      await repo.delete(principal.sessionId);
      clearSessionCookie(reply, request, deps.config);
    },

    async endEverywhere(principal, request, reply) {
      const ended = await repo.endAllForAccount(principal.accountId, deps.now());
      clearSessionCookie(reply, request, deps.config);
      return ended;
    },

    view,
  };
}
