import { Command } from 'commander';
import { cspTenantView } from '../../api/integrations/csp/tenants-view.js';
import { syncConnectionTenants } from '../../api/integrations/csp/tenants-sync.js';
import { createMicrosoftIntegration } from '../../api/integrations/microsoft.js';
import type { CspTenantView } from '../../contracts/api/csp-tenants.js';
import type { ServerConfig } from '../../contracts/config.js';
import {
  createCspMappingRepository,
  createCspTenantRepository,
  type ConnectionSummary,
  type Database,
} from '../../store/index.js';
import { openConnection } from './connection-lookup.js';
import { configFromCommand } from './serve.js';
import { consoleOutput, type SyncOutput } from './sync.js';

const PAGE = 500;

export interface CspTenantsOptions {
  connection: string;
  /** Read Partner Center and GDAP first ("Sync tenants now"). */
  sync: boolean;
  /** Only tenants not yet mapped to a customer (nor marked do-not-import). */
  unmapped: boolean;
  json: boolean;
  config: ServerConfig;
  env?: NodeJS.ProcessEnv;
  output?: SyncOutput;
  now?: () => Date;
}

async function allTenants(db: Database, connection: ConnectionSummary, now: Date): Promise<CspTenantView[]> {
  const repository = createCspTenantRepository(db);
  const customers = await createCspMappingRepository(db).customerCandidates();
  const views: CspTenantView[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await repository.page({
      connectionId: connection.id,
      includeRemoved: false,
      offset,
      limit: PAGE,
    });
    views.push(...page.items.map((row) => cspTenantView(row, customers, now)));
    if (offset + page.items.length >= page.total || !page.items.length) return views;
  }
}

function mappingWords(tenant: CspTenantView): string {
  if (!tenant.mapping) {
    const best = tenant.suggestions[0];
    return best ? `unmapped (suggested: ${best.customerName})` : 'unmapped';
  }
  if (tenant.mapping.doNotImport) return 'do not import';
  return `→ ${tenant.mapping.customerName ?? tenant.mapping.customerId}`;
}

function gdapWords(tenant: CspTenantView): string {
  const { gdap } = tenant;
  if (gdap.state === 'none') return 'no GDAP relationship';
  if (gdap.state === 'expired') return `GDAP EXPIRED ${gdap.endsAt ?? ''}`.trim();
  if (gdap.state === 'expiring') return `GDAP expiring in ${gdap.daysLeft} day(s) (${gdap.endsAt})`;
  if (gdap.state === 'pending') return 'GDAP pending approval';
  return gdap.endsAt ? `GDAP active until ${gdap.endsAt.slice(0, 10)}` : 'GDAP active';
}

function tenantLine(tenant: CspTenantView): string {
  const parts = [
    `${tenant.name}${tenant.defaultDomain ? ` (${tenant.defaultDomain})` : ''} ${tenant.tenantId}`,
    mappingWords(tenant),
    gdapWords(tenant),
    `consent ${tenant.consent.state}`,
    `last sync ${tenant.lastSyncAt ?? 'never'}`,
  ];
  const error = tenant.lastError as { code?: unknown; message?: unknown } | null;
  if (error) parts.push(`error ${String(error.code ?? '')}: ${String(error.message ?? '')}`);
  return parts.join('; ');
}

/**
 * `rollcall csp tenants`: a CSP connection's customer tenants, as the console's Tenants tab lists
 * them; with `--sync` Partner Center and GDAP are read first. Exit 1 when the command or the sync
 * failed, 0 otherwise.
 */
export async function runCspTenants(options: CspTenantsOptions): Promise<number> {
  const out = options.output ?? consoleOutput;
  const now = options.now ?? (() => new Date());
  const opened = await openConnection('csp tenants', options, out, ['csp']);
  if (!opened) return 1;
  const { handle, secrets, connection } = opened;
  const microsoft = createMicrosoftIntegration(options.config);
  try {
    let sync = null;
    if (options.sync) {
      if (!options.json) out.progress(`Reading the customers of "${connection.name}" from Partner Center …`);
      sync = await syncConnectionTenants({ db: handle.db, secrets, microsoft, now }, connection, 'cli');
      if (!options.json) {
        const counts = Object.entries(sync.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        out.progress(`Tenants sync ${sync.status}${counts ? ` (${counts})` : ''}; run ${sync.runId}`);
        if (sync.error)
          out.error(
            `rollcall csp tenants: ${sync.error.message}${sync.error.fix ? ` ${sync.error.fix}` : ''}`,
          );
        for (const t of sync.tenantErrors) out.error(`  ${t.tenantId}: ${t.error.message}`);
      }
    }
    const tenants = (await allTenants(handle.db, connection, now())).filter(
      (t) => !options.unmapped || !t.mapping,
    );
    if (options.json) out.result(JSON.stringify({ connectionId: connection.id, sync, tenants }));
    else if (!tenants.length) {
      out.result(
        options.unmapped
          ? `"${connection.name}": every tenant is mapped to a customer or marked do not import.`
          : `"${connection.name}": no tenants yet. Read them from Partner Center: rollcall csp tenants --connection "${connection.name}" --sync`,
      );
    } else for (const tenant of tenants) out.result(tenantLine(tenant));
    return sync?.status === 'failed' ? 1 : 0;
  } catch (error) {
    out.error(`rollcall csp tenants: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    microsoft.close();
    await handle.close();
  }
}

/** `rollcall csp`: a CSP connection's customer tenants from the command line (docs/csp-tenants.md). */
export function cspCommand(): Command {
  const tenants = new Command('tenants')
    .description("List a CSP connection's customer tenants: mapping, GDAP, consent, last sync, errors")
    .requiredOption('--connection <name|id>', 'the CSP connection, by name or id')
    .option('--sync', 'read Partner Center and GDAP first (as "Sync tenants now")', false)
    .option('--unmapped', 'only tenants not yet mapped to a customer nor marked do not import', false)
    .option('--json', 'print one JSON object on stdout, no progress', false)
    .option('--data-dir <dir>', 'data folder of the embedded database (ignored with DATABASE_URL)', './data')
    .option('--config <file>', 'a JSON configuration file (as for rollcall serve)')
    .addHelpText(
      'after',
      `
One line per tenant: name, default domain and id; the customer it is mapped to (or "do not
import", or "unmapped" with the best suggested customer); the GDAP relationship (active until,
expiring within 30 days, expired, pending); admin consent; last sync; the last error.

Mapping tenants, granting consent and the tenant settings are done in the console
(Integrations → Microsoft CSP → connection → Tenants). Users and licences are imported by the
integrator: rollcall integrator run --connection "<name>" --module users --wait

With --json, stdout is one object: {"connectionId":"…","sync":null|{"runId","status","counts",
"error","tenantErrors"},"tenants":[…as GET /api/csp/connections/:id/tenants lists them]}

Exit codes: 0 listed (and, with --sync, the sync succeeded), 1 otherwise.

Examples:
  rollcall csp tenants --connection "Partner Center" --sync
  rollcall csp tenants --connection "Partner Center" --unmapped --json`,
    )
    .action(async (flags: Record<string, unknown>, command: Command) => {
      const config = configFromCommand(command, 'csp tenants', flags);
      if (!config) {
        process.exitCode = 1;
        return;
      }
      process.exitCode = await runCspTenants({
        connection: String(flags.connection),
        sync: Boolean(flags.sync),
        unmapped: Boolean(flags.unmapped),
        json: Boolean(flags.json),
        config,
      });
    });
  return new Command('csp')
    .description('Microsoft CSP connections: customer tenants and their GDAP and consent state')
    .addCommand(tenants);
}
