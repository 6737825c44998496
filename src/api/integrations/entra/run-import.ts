import type { EntraImportConfig } from '../../../contracts/entra/index.js';
import { runEntraImport, type ImportRequest, type TenantRunResult } from '../../../sync/entra/index.js';
import { createCspMappingRepository, type ConnectionSummary } from '../../../store/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { enabledOnThisInstance, entraSettings } from './connection-settings.js';
import { loadCspTokens } from '../csp/connection-tokens.js';
import { connectionGraph } from './connection-graph.js';
import { countedGraph } from './counted-graph.js';
import { createImportPorts } from './import-ports.js';

/** Why a connection may not import on this instance, or null when it may. */
function refusal(config: ApiDeps['config'], connection: ConnectionSummary): ApiHttpError | null {
  if (connection.inactive) {
    return new ApiHttpError('conflict', `Connection "${connection.name}" is disabled; enable it to import.`);
  }
  if (!enabledOnThisInstance(config, entraSettings(connection).enabledFor)) {
    return new ApiHttpError(
      'conflict',
      `Connection "${connection.name}" is enabled for production instances only and this instance is a ${config.instance} instance (server setting "instance"); set "Enabled for instances" to all to import here.`,
      [{ field: 'enabledFor', message: 'production only' }],
    );
  }
  return null;
}

/**
 * Runs (or previews) an import of a stored Entra connection with the server's Microsoft clients.
 * Disabled connections, and connections not enabled for this instance (guide 001 "Enabled for
 * Instances": a restored test copy must not import), are refused before anything is read.
 */
export async function runConnectionImport(
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'config'>,
  connection: ConnectionSummary,
  request: ImportRequest,
  /** What the caller read just before: a partner's mapped tenants (not read again). */
  known: { importTenantIds?: readonly string[] } = {},
): Promise<TenantRunResult[]> {
  const refused = refusal(deps.config, connection);
  if (refused) throw refused;
  if (connection.kind === 'csp') return runPartnerImport(deps, connection, request, known);
  const graph = await connectionGraph(deps, connection);
  const ports = await createImportPorts({
    db: deps.db,
    connection,
    tenantIds: [connection.tenantId],
    graphFor: () => graph,
  });
  return runEntraImport(ports, request);
}

/**
 * A CSP partner's import: the customer tenants mapped to desk customers, each read with the
 * multi-tenant GDAP app's own token in that tenant (guide 002 "GDAP Connection"). Asking for a
 * tenant that is not mapped (or mapped "do not import") is refused, naming the tenant.
 */
async function runPartnerImport(
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'config'>,
  connection: ConnectionSummary,
  request: ImportRequest,
  known: { importTenantIds?: readonly string[] },
): Promise<TenantRunResult[]> {
  const mapped = known.importTenantIds
    ? [...known.importTenantIds]
    : await createCspMappingRepository(deps.db).importTenantIds(connection.id);
  if (!mapped.length) {
    throw new ApiHttpError(
      'conflict',
      'No customer tenant of this partner is mapped to a desk customer yet; map tenants on the Tenants tab, then import.',
    );
  }
  const unmapped = (request.tenantIds ?? []).filter((t) => !mapped.includes(t.toLowerCase()));
  if (unmapped.length) {
    throw new ApiHttpError(
      'validation_failed',
      `Tenant ${unmapped.join(', ')} is not mapped to a customer on this connection; map it on the Tenants tab first.`,
      [{ field: 'tenantIds', message: `must be mapped tenants (${mapped.join(', ') || 'none mapped yet'})` }],
    );
  }
  const tokens = await loadCspTokens(deps, connection);
  const clients = await deps.microsoft.clients();
  const ports = await createImportPorts({
    db: deps.db,
    connection,
    tenantIds: mapped,
    graphFor: (tenantId) => countedGraph(clients, tokens.gdap(tenantId)),
  });
  const results: TenantRunResult[] = [];
  for (const tenantId of request.tenantIds?.map((t) => t.toLowerCase()) ?? mapped) {
    const config = withTenantSiteMappings(ports.config, tenantId);
    results.push(...(await runEntraImport({ ...ports, config }, { ...request, tenantIds: [tenantId] })));
  }
  return results;
}

/**
 * The configuration one customer tenant of a partner is imported with: only the site mappings
 * that can place its users (no tenant filter, or one naming it). Generate Mappings gives every
 * mapped tenant its own mapping, and the others would only make its run reach every other
 * customer's desk records and sites and look up, in this tenant, groups only they name.
 */
export function withTenantSiteMappings(config: EntraImportConfig, tenantId: string): EntraImportConfig {
  const id = tenantId.toLowerCase();
  const siteMappings = config.siteMappings.filter(
    (m) => m.tenantIds.length === 0 || m.tenantIds.some((t) => t.toLowerCase() === id),
  );
  return siteMappings.length === config.siteMappings.length ? config : { ...config, siteMappings };
}

/** A tenant's result as the API shows it. */
export function tenantResultView(result: TenantRunResult) {
  const plan = result.plan;
  return {
    tenantId: result.tenantId,
    runId: result.runId,
    status: result.status,
    error: result.error,
    summary: plan?.summary ?? null,
    guard: plan?.guard ?? null,
    warnings: plan?.warnings ?? [],
    fingerprint: plan?.fingerprint ?? null,
    graphRequests: plan?.graphRequests ?? 0,
  };
}
