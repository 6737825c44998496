import type { ConfigProblem } from '../../../contracts/api/entra-import.js';
import type { EntraImportConfig } from '../../../contracts/entra/index.js';
import type { ConnectionSummary } from '../../../store/index.js';
import type { ApiDeps } from '../../deps.js';
import { groupUses, type TenantGroups } from '../entra/config-problems.js';
import { countedGraph } from '../entra/counted-graph.js';
import { readTenantGroupNames } from '../entra/tenant-groups.js';
import { groupProblemsAcrossTenants, tenantFilterProblems, tenantsOfUse } from './config-groups.js';
import { cspImportTenants } from './config-tenants.js';
import { loadCspTokens } from './connection-tokens.js';

/** Tenants whose groups are read at once: Graph throttles per app and tenant, and a partner has thousands. */
const TENANTS_AT_ONCE = 4;

/** `read` of every item, at most `limit` at a time, results in the items' order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  read: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await read(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * What only the partner's tenants can tell about a CSP configuration: tenant filters naming
 * tenants it does not import (errors), and group names checked in each tenant a mapping applies to
 * with the GDAP app's token there. Only tenants some group-using mapping applies to are read; a
 * tenant whose token fails (consent missing, GDAP expired) is a warning, never a failure.
 */
export async function cspTenantProblems(
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>,
  connection: ConnectionSummary,
  config: EntraImportConfig,
): Promise<ConfigProblem[]> {
  const mapped = await cspImportTenants(deps.db, connection.id);
  const uses = groupUses(config);
  const toRead = [...new Set(uses.flatMap((use) => tenantsOfUse(use, mapped).map((t) => t.tenantId)))];
  const groups = new Map<string, TenantGroups>();
  if (toRead.length) {
    const read = await groupReader(deps, connection);
    const results = await mapLimited(toRead, TENANTS_AT_ONCE, read);
    toRead.forEach((tenantId, i) => groups.set(tenantId, results[i]!));
  }
  return [...tenantFilterProblems(config, mapped), ...groupProblemsAcrossTenants(uses, mapped, groups)];
}

/** Reads one tenant's group names with the GDAP app; without usable credentials, says why for each. */
async function groupReader(
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>,
  connection: ConnectionSummary,
): Promise<(tenantId: string) => Promise<TenantGroups>> {
  try {
    const tokens = await loadCspTokens(deps, connection);
    const clients = await deps.microsoft.clients();
    return (tenantId) => readTenantGroupNames(async () => countedGraph(clients, tokens.gdap(tenantId)).graph);
  } catch (error) {
    const unavailable = error instanceof Error ? error.message : String(error);
    return async () => ({ unavailable });
  }
}
