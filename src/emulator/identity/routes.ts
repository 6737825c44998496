import type { EmulatorContext } from '../context.js';
import type { Handler } from '../http/types.js';
import { instanceDiscovery, jwks, openidConfiguration } from './discovery.js';
import { createIdentityState } from './identity-state.js';
import { createLogoutHandler } from './logout.js';
import { createSignInHandlers } from './sign-in/handlers.js';
import { createTokenEndpoint, tokenEndpointWrongMethod } from './token-endpoint.js';

/**
 * The identity platform (login.microsoftonline.com): discovery, keys, token endpoint, sign-in,
 * admin consent and logout. Every path starts with `/:tenant` (GUID, verified domain or alias),
 * the parameter the pipeline reads for per-tenant counters and faults.
 */
export function registerIdentityRoutes(ctx: EmulatorContext): void {
  const state = createIdentityState(ctx.clock);
  const on = (method: 'GET' | 'POST', path: string, handler: Handler) =>
    ctx.router.on(
      method,
      path.replace('{tenant}', ':tenant'),
      { service: 'identity', name: `${method} ${path}` },
      handler,
    );

  on('GET', '/{tenant}/v2.0/.well-known/openid-configuration', (req, p) =>
    openidConfiguration(ctx, req, p.tenant ?? ''),
  );
  on('GET', '/{tenant}/discovery/v2.0/keys', (req, p) => jwks(ctx, req, p.tenant ?? ''));
  on('GET', '/{tenant}/discovery/instance', (req) => instanceDiscovery(ctx, req));

  on('POST', '/{tenant}/oauth2/v2.0/token', createTokenEndpoint(ctx, state));
  on('GET', '/{tenant}/oauth2/v2.0/token', tokenEndpointWrongMethod(ctx));

  const authorize = createSignInHandlers(ctx, state, 'authorize');
  on('GET', '/{tenant}/oauth2/v2.0/authorize', authorize.get);
  on('POST', '/{tenant}/oauth2/v2.0/authorize', authorize.post);
  const adminConsent = createSignInHandlers(ctx, state, 'adminconsent');
  on('GET', '/{tenant}/adminconsent', adminConsent.get);
  on('POST', '/{tenant}/adminconsent', adminConsent.post);

  on('GET', '/{tenant}/oauth2/v2.0/logout', createLogoutHandler(ctx));
}
