import {
  GRAPH_DEFAULT_SCOPE,
  PARTNER_CENTER_DEFAULT_SCOPE,
  type ClientCredential,
  type MicrosoftClients,
  type TokenSource,
} from '../../../microsoft/index.js';
import {
  createConnectionRepository,
  type ConnectionSecrets,
  type ConnectionSummary,
} from '../../../store/index.js';
import type { ApiDeps } from '../../deps.js';
import { missingCredential, readConnectionSecrets } from '../entra/connection-tokens.js';
import { cspSettings, type CspSettings } from './connection-settings.js';

/**
 * Tokens of a stored CSP connection, shared by "Authorise", its checks, the CSP imports, the
 * licences module and subscription changes:
 * - `partnerCenter()`: app + user tokens for Partner Center from the partner user's refresh token
 *   (the secure application model); each new refresh token Microsoft issues is stored at once.
 *   With `appOnlyUntilAuthorised`, the Partner Center app's app-only token until a partner user
 *   has authorised (see {@link PartnerCenterTokenOptions} for the calls that accepts);
 * - `partnerGraph()`: the Partner Center app's app-only Graph token in the partner tenant (GDAP
 *   relationships);
 * - `gdap(tenantId)`: the GDAP app's app-only Graph token in a tenant (customer tenants, or the
 *   partner's own to check the credential).
 */
export interface CspTokens {
  /** Whether a partner user has authorised (a refresh token is stored): app + user calls are possible. */
  readonly authorised: boolean;
  partnerCenter(options?: PartnerCenterTokenOptions): TokenSource;
  partnerGraph(): TokenSource;
  gdap(tenantId: string): TokenSource;
}

export interface PartnerCenterTokenOptions {
  /**
   * Before any partner user has authorised (no refresh token stored), use the Partner Center app's
   * app-only token instead of refusing: the licences module and subscription changes ask for this,
   * so they work on a connection made with the app's secret alone. Microsoft documents which calls
   * accept "both standalone App and App+User credentials": a customer's subscriptions
   * (`GET /v1/customers/{id}/subscriptions`), one subscription (`GET`) and its quantity
   * (`PATCH /v1/customers/{id}/subscriptions/{id}`). A customer's subscribed SKUs
   * (`GET /v1/customers/{id}/subscribedskus`) are documented "App+User credentials only", so the
   * licences module does not send its SKU reads before "Authorise" (see `authorised`). Customers
   * and relationships (the tenants module) always use app + user. Once a partner user has
   * authorised, every call uses app + user.
   */
  appOnlyUntilAuthorised?: boolean;
}

/**
 * The account under which a connection's Partner Center tokens are cached. Every reader of Partner
 * Center for the connection (tenants, licences, the checks) uses this one key, so a process holds
 * one Partner Center token per connection and redeems the rotating refresh token once per token
 * lifetime, not once per module.
 */
export const partnerCenterAccountKey = (connectionId: string) => `${connectionId}:partner-center`;

/** The GDAP app's client id and credential, or a 409 naming what is missing. */
export function gdapApp(
  settings: CspSettings,
  secrets: ConnectionSecrets,
): { clientId: string; credential: ClientCredential } {
  if (!settings.gdapClientId) throw missingCredential('gdapClientId', "the GDAP app's client ID is not set");
  if (settings.gdapAuthMethod === 'certificate') {
    if (!secrets.certificateKey || !settings.gdapCertificateThumbprint) {
      throw missingCredential(
        'gdapCertificate',
        'no certificate is stored for the GDAP app; add its private key and thumbprint',
      );
    }
    return {
      clientId: settings.gdapClientId,
      credential: {
        kind: 'certificate',
        thumbprintSha256: settings.gdapCertificateThumbprint,
        privateKeyPem: secrets.certificateKey,
      },
    };
  }
  if (!secrets.gdapClientSecret) {
    throw missingCredential('gdapClientSecret', 'no client secret is stored for the GDAP app; add its Value');
  }
  return {
    clientId: settings.gdapClientId,
    credential: { kind: 'secret', secret: secrets.gdapClientSecret },
  };
}

/** The Partner Center app's client id and secret, or a 409 naming what is missing. */
export function partnerCenterApp(
  connection: ConnectionSummary,
  secrets: ConnectionSecrets,
): { clientId: string; clientSecret: string } {
  if (!connection.clientId) {
    throw missingCredential('partnerCenterClientId', "the Partner Center app's client ID is not set");
  }
  if (!secrets.clientSecret) {
    throw missingCredential(
      'partnerCenterClientSecret',
      'no client secret is stored for the Partner Center app',
    );
  }
  return { clientId: connection.clientId, clientSecret: secrets.clientSecret };
}

/** {@link CspTokens} for `connection` with `secrets` (read them with {@link loadCspTokens} otherwise). */
export function cspTokens(
  deps: Pick<ApiDeps, 'db' | 'secrets'>,
  clients: MicrosoftClients,
  connection: ConnectionSummary,
  secrets: ConnectionSecrets,
): CspTokens {
  const settings = cspSettings(connection);
  let refreshToken = secrets.refreshToken;
  return {
    authorised: Boolean(refreshToken),
    partnerCenter(options = {}) {
      const app = partnerCenterApp(connection, secrets);
      if (!refreshToken) {
        if (options.appOnlyUntilAuthorised) {
          return clients.tokens.app({
            tenantId: connection.tenantId,
            clientId: app.clientId,
            credential: { kind: 'secret', secret: app.clientSecret },
            scopes: [PARTNER_CENTER_DEFAULT_SCOPE],
          });
        }
        throw missingCredential('refreshToken', 'no partner user has authorised yet; use "Authorise"');
      }
      const repository = createConnectionRepository(deps.db, deps.secrets);
      return clients.tokens.delegated({
        tenantId: connection.tenantId,
        clientId: app.clientId,
        credential: { kind: 'secret', secret: app.clientSecret },
        scopes: [PARTNER_CENTER_DEFAULT_SCOPE],
        accountKey: partnerCenterAccountKey(connection.id),
        refreshTokens: {
          load: async () => refreshToken ?? '',
          // Microsoft rotates refresh tokens on use: the new one replaces the stored one at once.
          save: async (token) => {
            refreshToken = token;
            await repository.updateSecrets(connection.id, { refreshToken: token });
          },
        },
      });
    },
    partnerGraph() {
      const app = partnerCenterApp(connection, secrets);
      return clients.tokens.app({
        tenantId: connection.tenantId,
        clientId: app.clientId,
        credential: { kind: 'secret', secret: app.clientSecret },
        scopes: [GRAPH_DEFAULT_SCOPE],
      });
    },
    gdap(tenantId) {
      const app = gdapApp(settings, secrets);
      return clients.tokens.app({ tenantId, ...app, scopes: [GRAPH_DEFAULT_SCOPE] });
    },
  };
}

/** {@link CspTokens} for a stored connection, its secrets decrypted (a key mismatch is a 409). */
export async function loadCspTokens(
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>,
  connection: ConnectionSummary,
): Promise<CspTokens> {
  const secrets = await readConnectionSecrets(deps.db, deps.secrets, connection.id);
  return cspTokens(deps, await deps.microsoft.clients(), connection, secrets);
}
