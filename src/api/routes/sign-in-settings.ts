import type { FastifyInstance } from 'fastify';
import { getSignInSettings, updateSignInSettings } from '../../contracts/api/sign-in-settings.js';
import { createSettingsRepository } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import { loadSignInSettings, parseSignInSettings, SIGN_IN_SETTINGS_KEY } from '../auth/sign-in-settings.js';
import type { ApiDeps } from '../deps.js';
import { registerEndpoint } from '../http/register-endpoint.js';

/** Settings → Sign-in: which tenants may sign in with Microsoft, just-in-time portal users. */
export function registerSignInSettingsRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'resolvePrincipal' | 'now'>,
): void {
  registerEndpoint(app, getSignInSettings, deps.resolvePrincipal, () => loadSignInSettings(deps.db));

  registerEndpoint(app, updateSignInSettings, deps.resolvePrincipal, ({ body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const stored = await createSettingsRepository(tx).put(SIGN_IN_SETTINGS_KEY, body, deps.now());
      await record({
        action: 'settings.sign-in.updated',
        target: { type: 'settings', id: SIGN_IN_SETTINGS_KEY },
        before: parseSignInSettings(stored),
        after: body,
      });
      return body;
    }),
  );
}
