import { randomUUID } from 'node:crypto';
import { PARTNER_API_ID } from '../../../contracts/api/csp-connections.js';
import { explainLicenceFailure } from '../../../domain/licences/index.js';
import {
  PARTNER_API_DEFAULT_SCOPE,
  partnerApiBaseUrl,
  readPriceSheet,
  type HttpClient,
  type MicrosoftClients,
  type TokenSource,
} from '../../../microsoft/index.js';
import {
  createConnectionRepository,
  createCspPriceRepository,
  createSyncRunRepository,
  type ConnectionSummary,
  type Database,
} from '../../../store/index.js';
import {
  runPricingImport,
  type PricingPorts,
  type PricingRunResult,
  type PricingRunTrigger,
} from '../../../sync/pricing/index.js';
import type { ApiDeps } from '../../deps.js';
import { reconcileConnectionBilling } from '../billing/subscription-billing.js';
import { ApiHttpError } from '../../http/api-error.js';
import { cspSettings } from '../csp/connection-settings.js';
import { readConnectionSecrets } from '../entra/connection-tokens.js';
import { thrownOutcome, type ModuleRunOutcome } from '../integrator/module-outcome.js';

/** The module name pricing runs are recorded under (sync_runs.module, the integrator's module). */
export const PRICING_MODULE = 'pricing';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>;

const refused = (field: string, message: string) =>
  new ApiHttpError('conflict', `This CSP connection cannot import prices yet: ${message}`, [
    { field, message },
  ]);

/** The connection's Partner API token cache key (one per connection, beside Partner Center's). */
const partnerApiAccountKey = (connectionId: string) => `${connectionId}:partner-api`;

/**
 * App + user tokens for the Partner API (`api.partner.microsoft.com`) from the partner user's stored
 * refresh token: price sheets refuse app-only tokens, so a connection nobody authorised is refused.
 */
async function partnerApiTokens(
  deps: Pick<ApiDeps, 'db' | 'secrets'>,
  clients: MicrosoftClients,
  connection: ConnectionSummary,
): Promise<TokenSource> {
  if (!connection.clientId) throw refused('clientId', "the Partner Center app's client ID is not set");
  const secrets = await readConnectionSecrets(deps.db, deps.secrets, connection.id);
  if (!secrets.clientSecret) {
    throw refused('clientSecret', 'no client secret is stored for the Partner Center app');
  }
  if (!secrets.refreshToken) {
    throw refused(
      'refreshToken',
      'no partner user has authorised it; price sheets need app + user authentication: use "Authorise"',
    );
  }
  const repository = createConnectionRepository(deps.db, deps.secrets);
  let refreshToken = secrets.refreshToken;
  return clients.tokens.delegated({
    tenantId: connection.tenantId,
    clientId: connection.clientId,
    credential: { kind: 'secret', secret: secrets.clientSecret },
    scopes: [PARTNER_API_DEFAULT_SCOPE],
    accountKey: partnerApiAccountKey(connection.id),
    refreshTokens: {
      load: async () => refreshToken,
      // Microsoft rotates refresh tokens on use: the new one replaces the stored one at once.
      save: async (token) => {
        refreshToken = token;
        await repository.updateSecrets(connection.id, { refreshToken: token });
      },
    },
  });
}

/** Why a pricing run failed, in words that name the permission when consent is what is missing. */
export function explainPricingFailure(error: unknown): { code: string; message: string; transient: boolean } {
  const failure = explainLicenceFailure(error);
  if (failure.code === 'AADSTS65001' || failure.code.endsWith('consent_required')) {
    return {
      code: failure.code,
      message: `The Partner Center app has no consent for the Partner API (${PARTNER_API_ID}, user_impersonation), which subscription pricing needs: add it under API permissions › APIs my organization uses, grant admin consent, then "Authorise" again.`,
      transient: false,
    };
  }
  if (failure.code === 'licences.forbidden') {
    return {
      code: 'pricing.forbidden',
      message:
        'Partner Center refused the price sheet: the partner user who authorised needs the Admin agent or Sales agent role. Give them the role, or authorise as a user who has it.',
      transient: false,
    };
  }
  return failure;
}

/** {@link PricingPorts} over the store for one CSP connection, reading the sheet with `clients`. */
export function createPricingPorts(
  db: Database,
  connection: ConnectionSummary,
  clients: MicrosoftClients,
  tokens: TokenSource,
  trigger: PricingRunTrigger,
): PricingPorts {
  const connectionId = connection.id;
  const market = cspSettings(connection).pricingMarketplace;
  const key = { connectionId, tenantId: connection.tenantId, module: PRICING_MODULE };
  const runs = createSyncRunRepository(db);
  let count = 0;
  const http: HttpClient = {
    retry: clients.http.retry,
    send: (request) => {
      count += 1;
      return clients.http.send(request);
    },
  };
  const correlationId = randomUUID();
  return {
    market,
    source: {
      read: async (m) => {
        const sheet = await readPriceSheet(
          { baseUrl: partnerApiBaseUrl(clients.endpoints), tokens, http, correlationId },
          m,
        );
        return { rows: sheet.rows, rejected: sheet.rejectedCount };
      },
      requestCount: () => count,
    },
    lastImportedAt: () => createCspPriceRepository(db).lastImportedAt(connectionId, market),
    runs: {
      interruptStale: (before) => runs.interruptStale(key, before),
      start: () => runs.start({ ...key, mode: 'full', trigger }),
      finish: async (runId, result) => {
        await runs.finish(runId, {
          status: result.status,
          counts: result.counts,
          error: result.error,
          graphRequests: result.requests,
          ...(result.modeReason ? { modeReason: result.modeReason } : {}),
          ...(result.warnings ? { warnings: result.warnings } : {}),
        });
      },
    },
    apply: (runId, rows, importedAt, finish) =>
      db.transaction(async (tx) => {
        const prices = createCspPriceRepository(tx);
        await prices.replaceMarket(connectionId, market, rows, importedAt);
        const priced = await prices.priceSubscriptions(connectionId, market, importedAt);
        await createSyncRunRepository(tx).finish(runId, {
          status: 'succeeded',
          counts: {
            ...finish.counts,
            'pricing.priced': priced.priced,
            'pricing.unmatched': priced.unmatched,
          },
          graphRequests: finish.requests,
          warnings: finish.warnings,
        });
        return priced;
      }),
  };
}

/**
 * Runs the pricing module of a stored CSP connection: refused (409) when the connection is not a
 * CSP connection, is disabled, or lacks what app + user tokens need.
 */
export async function runConnectionPricing(
  deps: Deps,
  connection: ConnectionSummary,
  request: { trigger: PricingRunTrigger; force: boolean; now?: Date },
): Promise<PricingRunResult> {
  if (connection.kind !== 'csp') {
    throw new ApiHttpError(
      'conflict',
      `Connection "${connection.name}" is not a CSP connection; prices come from Partner Center.`,
    );
  }
  if (connection.inactive) {
    throw new ApiHttpError(
      'conflict',
      `Connection "${connection.name}" is disabled; enable it to import prices.`,
    );
  }
  const clients = await deps.microsoft.clients();
  const tokens = await partnerApiTokens(deps, clients, connection);
  const now = request.now ?? new Date();
  const result = await runPricingImport(
    createPricingPorts(deps.db, connection, clients, tokens, request.trigger),
    {
      trigger: request.trigger,
      force: request.force,
      now,
      explain: explainPricingFailure,
    },
  );
  // Products priced by the import follow the new prices (docs/billing.md).
  if (result.status === 'succeeded') await reconcileConnectionBilling(deps.db, connection, now);
  return result;
}

/**
 * The integrator's runner of the `pricing` module (connection-wide: it runs under the partner
 * tenant). The schedule imports at most weekly; a person's "Run now" forces an import.
 */
export function createPricingModuleRunner(deps: Omit<Deps, 'secrets'> & { secrets: Deps['secrets'] }) {
  return async (
    run: { connection: ConnectionSummary; trigger: PricingRunTrigger; force: boolean },
    signal?: AbortSignal,
  ): Promise<ModuleRunOutcome> => {
    if (signal?.aborted) {
      return {
        status: 'failed',
        runId: null,
        error: { code: 'job_stopped', message: 'the job was stopped' },
        transient: true,
      };
    }
    try {
      const result = await runConnectionPricing(deps, run.connection, {
        trigger: run.trigger,
        force: run.force,
      });
      return {
        status: result.status === 'failed' ? 'failed' : 'succeeded',
        runId: result.runId,
        error: result.error,
        transient: result.transient,
      };
    } catch (error) {
      return thrownOutcome(error);
    }
  };
}
