import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { registerSystemRoutes } from './system.js';
import { registerRoleRoutes } from './roles.js';
import { registerAccountRoutes } from './accounts.js';
import { registerConnectionGrantRoutes } from './connection-grants.js';
import { registerAuditRoutes } from './audit.js';
import { registerCustomerRoutes } from './customers.js';
import { registerSiteRoutes } from './sites.js';
import { registerLookupRoutes } from './lookups.js';
import { registerCustomFieldRoutes } from './custom-fields.js';
import { registerUserRoutes } from './users.js';
import { registerAgentRoutes } from './agents.js';
import { registerAuthRoutes } from './auth.js';
import { registerSetupRoutes } from './setup.js';
import { registerSsoRoutes } from './sso.js';
import { registerSignInSettingsRoutes } from './sign-in-settings.js';
import { registerEntraConnectionRoutes } from './entra-connections.js';
import { registerEntraImportConfigRoutes } from './entra-import-config.js';
import { registerEntraImportRunRoutes } from './entra-import-runs.js';
import { registerEntraDeltaRoutes } from './entra-deltas.js';

/** Every route module of the API, one file per resource. */
export async function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  void app;
  void deps;
  registerSystemRoutes(app, deps);
  registerRoleRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerConnectionGrantRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerSiteRoutes(app, deps);
  registerLookupRoutes(app, deps);
  registerCustomFieldRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAgentRoutes(app, deps);
  await registerAuthRoutes(app, deps);
  await registerSetupRoutes(app, deps);
  await registerSsoRoutes(app, deps);
  registerSignInSettingsRoutes(app, deps);
  await registerEntraConnectionRoutes(app, deps);
  registerEntraImportConfigRoutes(app, deps);
  registerEntraImportRunRoutes(app, deps);
  registerEntraDeltaRoutes(app, deps);
}
