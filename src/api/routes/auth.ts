import type { FastifyInstance } from 'fastify';
import { login, logout, logoutEverywhere, me } from '../../contracts/api/auth.js';
import { auditSource } from '../audit/audited.js';
import { ensureCookieSupport } from '../auth/cookies.js';
import { createPasswordLogin } from '../auth/password-login.js';
import { createPasswordHasher } from '../auth/passwords.js';
import { createSessions } from '../auth/sessions.js';
import type { ApiDeps } from '../deps.js';
import { registerEndpoint } from '../http/register-endpoint.js';

/** What the sign-in routes use of {@link ApiDeps}. */
export type AuthRouteDeps = Pick<ApiDeps, 'config' | 'db' | 'resolvePrincipal' | 'audit' | 'now'>;

/** Password sign-in, the signed-in view, sign-out and sign-out everywhere. */
export async function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  await ensureCookieSupport(app);
  const sessions = createSessions(deps);
  const passwordLogin = createPasswordLogin({ ...deps, hasher: createPasswordHasher() });

  registerEndpoint(app, login, deps.resolvePrincipal, async ({ body, principal, request, reply }) => {
    const account = await passwordLogin({
      email: body.email,
      password: body.password,
      ipAddress: request.ip,
      requestId: String(request.id),
    });
    // A browser signing in again leaves no session behind.
    if (principal) await sessions.end(principal, request, reply);
    return sessions.start(account.id, 'password', request, reply);
  });

  registerEndpoint(app, me, deps.resolvePrincipal, ({ principal }) => sessions.view(principal!));

  registerEndpoint(app, logout, deps.resolvePrincipal, async ({ principal, request, reply }) => {
    await sessions.end(principal!, request, reply);
    return null;
  });

  registerEndpoint(app, logoutEverywhere, deps.resolvePrincipal, async ({ principal, request, reply }) => {
    const endedSessions = await sessions.endEverywhere(principal!, request, reply);
    await deps.audit.record({
      ...auditSource(principal, request),
      action: 'auth.sign-out-everywhere',
      target: { type: 'account', id: principal!.accountId },
      after: { endedSessions },
    });
    return { endedSessions };
  });
}
