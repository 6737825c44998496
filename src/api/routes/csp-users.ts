import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { generateCspMappings } from '../../contracts/api/csp-users.js';
import { entraImportConfigSchema } from '../../contracts/entra/index.js';
import { withGeneratedSiteMappings } from '../../domain/entra-import/generated-mappings.js';
import {
  ConfigVersionConflictError,
  createEntraConfigRepository,
  createCspMappingRepository,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { loadCspConnection } from '../integrations/csp/tenants-connection.js';
import { loadImportConfig } from '../integrations/entra/import-ports.js';
import { endpointRegistrar } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal'>;

/** The Users tab of a CSP connection: "Generate Mappings" (guide 002). */
export function registerCspUserRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);

  on(generateCspMappings, async ({ params, body, principal, request }) => {
    const connection = await loadCspConnection(deps.db, deps.secrets, params.id);
    const tenants = await createCspMappingRepository(deps.db).mappedWithDefaultSite(connection.id);
    if (!tenants.length) {
      throw new ApiHttpError(
        'conflict',
        'No tenant of this partner is mapped to a customer yet; map tenants on the Tenants tab, then generate mappings.',
      );
    }
    try {
      return await audited(deps.db, auditSource(principal, request), async (tx, record) => {
        const stored = await loadImportConfig(tx, connection.id);
        if (body.expectedVersion !== undefined && stored.version !== body.expectedVersion) {
          throw new ConfigVersionConflictError(connection.id, body.expectedVersion, stored.version);
        }
        const generated = withGeneratedSiteMappings(stored.config, tenants, randomUUID);
        const { added } = generated;
        if (!added.length) return { version: stored.version, added: [] };
        // What the configuration's own rules say (the site-mapping limit, unique sequences).
        const checked = entraImportConfigSchema.safeParse(generated.config);
        if (!checked.success) {
          throw new ApiHttpError(
            'conflict',
            `The generated mappings would make the configuration invalid: ${checked.error.issues[0]?.message ?? 'unknown'}; make room, then generate again.`,
          );
        }
        const config = checked.data;
        const version = await createEntraConfigRepository(tx).save(connection.id, config, {
          expectedVersion: stored.version,
          updatedBy: principal?.accountId ?? null,
        });
        await record({
          action: 'csp.import-config.generate-mappings',
          target: { type: 'connection', id: connection.id },
          before: { siteMappings: stored.config.siteMappings.length },
          after: {
            added: added.map((m) => ({ id: m.id, tenantIds: m.tenantIds, description: m.description })),
          },
        });
        return {
          version,
          added: added.map((m) => ({
            mappingId: m.id,
            tenantId: m.tenantIds[0]!,
            siteId: m.siteId,
            description: m.description,
          })),
        };
      });
    } catch (error) {
      if (error instanceof ConfigVersionConflictError) {
        throw new ApiHttpError(
          'conflict',
          'Someone saved the import configuration since you opened it; reload it, then generate again.',
          [{ field: 'expectedVersion', message: error.message }],
        );
      }
      throw error;
    }
  });
}
