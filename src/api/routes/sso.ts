import type { FastifyInstance, FastifyReply } from 'fastify';
import { signInMethods, ssoCallback, ssoStart } from '../../contracts/api/auth.js';
import { ensureCookieSupport } from '../auth/cookies.js';
import { createSessions } from '../auth/sessions.js';
import { createSsoFlow } from '../auth/sso/sso-flow.js';
import type { ApiDeps } from '../deps.js';
import { registerEndpoint } from '../http/register-endpoint.js';

/** Sends the browser elsewhere; waits until the answer is out, since the contract's handler returns nothing. */
async function redirect(reply: FastifyReply, location: string): Promise<undefined> {
  reply.header('cache-control', 'no-store');
  await reply.redirect(location, 302);
  return undefined;
}

/** Sign-in with Microsoft (OpenID Connect) for agents and portal users; see docs/sign-in.md. */
export async function registerSsoRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'config' | 'db' | 'resolvePrincipal' | 'audit' | 'now'>,
): Promise<void> {
  await ensureCookieSupport(app);
  const flow = createSsoFlow({ ...deps, sessions: createSessions(deps) });
  app.addHook('onClose', async () => flow.close());

  registerEndpoint(app, signInMethods, deps.resolvePrincipal, () => ({
    password: true,
    microsoft: flow.enabled,
  }));

  registerEndpoint(app, ssoStart, deps.resolvePrincipal, async ({ query, request, reply }) =>
    redirect(reply, await flow.start(query, request, reply)),
  );

  registerEndpoint(app, ssoCallback, deps.resolvePrincipal, async ({ query, request, reply }) =>
    redirect(reply, await flow.callback(query, request, reply)),
  );
}
