import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { getLicenceManagement, putLicenceManagement } from '../../contracts/api/licence-changes.js';
import {
  createConnectionRepository,
  createCspMappingRepository,
  createLicenceChangeRepository,
  type ConnectionSummary,
  type Database,
} from '../../store/index.js';
import { requireConnectionAccess } from '../access/connection-access.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { endpointRegistrar, notFound } from './resource-helpers.js';

/** The connection setting "Allow licences to be managed from Rollcall". */
export const MANAGE_LICENCES_SETTING = 'manageLicences';

const enabled = (connection: ConnectionSummary) => connection.settings[MANAGE_LICENCES_SETTING] === true;

/** The tenants whose licences the connection would manage: its own (Entra) or its mapped ones (CSP). */
async function coveredTenants(db: Database, connection: ConnectionSummary): Promise<string[]> {
  if (connection.kind === 'entra') return [connection.tenantId.toLowerCase()];
  return createCspMappingRepository(db).importTenantIds(connection.id);
}

/**
 * "Allow licences to be managed from Rollcall" (guides 001/002) on a connection of either kind:
 * read by whoever may read the connection, changed by whoever may modify it. Only one connection
 * may manage licences for a tenant: turning it on where another already does is refused, naming
 * the other connection (checked under a lock, so two people cannot both turn it on at once).
 */
export function registerLicenceManagementRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal'>,
): void {
  const on = endpointRegistrar(app, deps);
  const load = async (id: string) => {
    const connection = await createConnectionRepository(deps.db, deps.secrets).findById(id);
    if (!connection) throw notFound('connection');
    return connection;
  };

  on(getLicenceManagement, async ({ params, principal }) => {
    const connection = await load(params.id);
    if (!principal) throw notFound('connection');
    requireConnectionAccess(principal, connection, 'read');
    return { enabled: enabled(connection), tenantIds: await coveredTenants(deps.db, connection) };
  });

  on(putLicenceManagement, async ({ params, body, principal, request }) => {
    const before = await load(params.id);
    if (!principal) throw notFound('connection');
    requireConnectionAccess(principal, before, 'modify');
    return audited(deps.db, auditSource(principal, request), async (tx, record) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rollcall.licence-management'))`);
      const tenantIds = await coveredTenants(tx, before);
      if (body.enabled) {
        const licences = createLicenceChangeRepository(tx);
        const clashes: string[] = [];
        for (const tenantId of tenantIds) {
          const others = (await licences.managers(tenantId)).filter((m) => m.connectionId !== before.id);
          for (const other of others) clashes.push(`${other.name} (tenant ${tenantId})`);
        }
        if (clashes.length > 0) {
          throw new ApiHttpError(
            'conflict',
            `Licences of these tenants are already managed through another connection: ${[...new Set(clashes)].join(', ')}. Turn it off there first: only one connection may manage a tenant's licences.`,
            [{ field: 'enabled', message: 'another connection manages licences for a tenant of this one' }],
          );
        }
      }
      const after = await createConnectionRepository(tx, deps.secrets).update(before.id, {
        settings: { [MANAGE_LICENCES_SETTING]: body.enabled },
      });
      if (!after) throw notFound('connection');
      if (enabled(before) !== body.enabled) {
        await record({
          action: 'connection.licence-management',
          target: { type: 'connection', id: before.id },
          before: { manageLicences: enabled(before) },
          after: { manageLicences: body.enabled },
        });
      }
      return { enabled: body.enabled, tenantIds };
    });
  });
}
