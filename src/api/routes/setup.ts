import type { FastifyInstance } from 'fastify';
import { completeSetup, setupStatus } from '../../contracts/api/setup.js';
import { AccountEmailTakenError, createAccountRepository } from '../../store/index.js';
import { AdministratorRefusedError, createAdministrator } from '../auth/administrators.js';
import { ensureCookieSupport } from '../auth/cookies.js';
import { createPasswordHasher } from '../auth/passwords.js';
import { createSessions } from '../auth/sessions.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { registerEndpoint } from '../http/register-endpoint.js';

/** First run: whether setup is needed, and creating the first administrator. */
export async function registerSetupRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'config' | 'db' | 'resolvePrincipal' | 'audit' | 'now'>,
): Promise<void> {
  await ensureCookieSupport(app);
  const sessions = createSessions(deps);
  const hasher = createPasswordHasher();
  const accounts = createAccountRepository(deps.db);

  registerEndpoint(app, setupStatus, deps.resolvePrincipal, async () => ({
    needsSetup: !(await accounts.hasAnyAccount()),
  }));

  registerEndpoint(app, completeSetup, deps.resolvePrincipal, async ({ body, request, reply }) => {
    let created: { accountId: string; agentId: string };
    try {
      created = await createAdministrator({ ...deps, hasher }, body, 'any-account');
    } catch (error) {
      if (error instanceof AdministratorRefusedError || error instanceof AccountEmailTakenError) {
        throw new ApiHttpError(
          'setup_done',
          'Rollcall is already set up: sign in instead, or ask an administrator for an account.',
        );
      }
      throw error;
    }
    await deps.audit.record({
      actor: { type: 'agent', id: created.accountId, name: body.name },
      action: 'auth.first-administrator-created',
      target: { type: 'account', id: created.accountId },
      after: { email: body.email, name: body.name, agentId: created.agentId, via: 'setup' },
      ipAddress: request.ip,
      requestId: String(request.id),
    });
    return sessions.start(created.accountId, 'password', request, reply);
  });
}
