import { createHash } from 'node:crypto';
import type { ServerConfig } from '../../contracts/config.js';
import { PERMISSIONS, type Permission } from '../../contracts/permissions.js';
import { createSessionRepository, type Database, type ResolvedSession } from '../../store/index.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import type { SessionCache } from './session-cache.js';
import type { Principal, PrincipalResolver } from './principal.js';

/** `lastSeenAt` moves at most this often: a write per request would cost more than it tells. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;
/** Tokens are 32 random bytes in base64url (43 characters); anything much longer is not ours. */
const MAX_TOKEN_LENGTH = 128;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The session id stored for a cookie token: its SHA-256, so a database leak reveals no usable token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Why a stored session no longer signs anyone in; null while it is valid. */
export function sessionProblem(
  session: ResolvedSession,
  now: Date,
  limits: ServerConfig['sessions'],
): 'expired' | 'idle' | 'disabled' | 'signed-out' | null {
  const at = now.getTime();
  if (at >= session.expiresAt.getTime()) return 'expired';
  if (at >= session.createdAt.getTime() + limits.absoluteHours * HOUR_MS) return 'expired';
  if (at >= session.lastSeenAt.getTime() + limits.idleMinutes * MINUTE_MS) return 'idle';
  if (session.disabled) return 'disabled';
  if (session.createdAt < session.sessionsValidFrom) return 'signed-out';
  return null;
}

/** The principal of a valid session; roles of the other account kind grant nothing. */
export function principalOf(session: ResolvedSession): Principal {
  const permissions = session.permissions.filter(
    (p): p is Permission => p in PERMISSIONS && PERMISSIONS[p as Permission].kind === session.kind,
  );
  return {
    accountId: session.accountId,
    kind: session.kind,
    displayName: session.displayName,
    email: session.email,
    permissions: new Set(permissions),
    customerId: session.kind === 'portal' ? session.customerId : null,
    connectionGrants: new Map(
      session.connectionGrants.map((g) => [g.connectionId, { access: g.access, kind: g.kind }]),
    ),
    sessionId: session.id,
    csrfToken: session.csrfToken,
  };
}

/**
 * Resolves the session cookie of a request to its principal: one query reads the session, its
 * account, permissions, connection grants and (portal) customer, unless `cache` still holds it.
 * Either way the session is checked against the clock on every request: expired, idle,
 * signed-out and disabled accounts' sessions are deleted on sight; valid ones slide their idle
 * expiry.
 */
export function createSessionResolver(deps: {
  db: Database;
  config: ServerConfig;
  now: () => Date;
  cache?: SessionCache;
}): PrincipalResolver {
  const sessions = createSessionRepository(deps.db);
  const { cache } = deps;
  const limits = deps.config.sessions;
  const read = async (id: string, now: Date) => {
    const generation = cache?.generation() ?? 0;
    const session = await sessions.resolve(id);
    if (session) cache?.set(id, session, now, generation);
    return session;
  };
  return async (request) => {
    const token = readCookie(request, SESSION_COOKIE);
    if (!token || token.length > MAX_TOKEN_LENGTH) return null;
    const id = sessionIdOf(token);
    const now = deps.now();
    const cached = cache?.get(id, now);
    // A cached copy that fails the checks is read again: another process may have slid its expiry.
    let session = cached && !sessionProblem(cached, now, limits) ? cached : await read(id, now);
    if (!session) {
      cache?.delete(id);
      return null;
    }
    if (sessionProblem(session, now, limits)) {
      cache?.delete(id);
      await sessions.delete(id);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
      await sessions.touch(id, now);
      session = { ...session, lastSeenAt: now };
      cache?.update(id, session);
    }
    return principalOf(session);
  };
}
