import type { ConnectionSummary, Database, SecretBox } from '../../store/index.js';
import type { ApiDeps } from '../deps.js';
import { loadCspTokens } from './csp/connection-tokens.js';
import { connectionGraph } from './entra/connection-graph.js';
import { countedGraph } from './entra/counted-graph.js';

/**
 * Graph for one tenant through `connection`, requests counted: the connection's own tenant
 * (Entra) or a GDAP token in the customer's tenant (CSP). Shared by every outbound workflow.
 */
export async function tenantGraph(
  deps: { db: Database; secrets: SecretBox; microsoft: ApiDeps['microsoft'] },
  connection: ConnectionSummary,
  tenantId: string,
) {
  if (connection.kind === 'entra') return (await connectionGraph(deps, connection)).graph;
  const tokens = await loadCspTokens(deps, connection);
  return countedGraph(await deps.microsoft.clients(), tokens.gdap(tenantId)).graph;
}
