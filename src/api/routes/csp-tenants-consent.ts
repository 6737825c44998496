import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  CSP_CONSENT_CALLBACK_PATH,
  cspTenantConsentCallback,
  startCspTenantConsent,
  testCspTenantAccess,
  type CspTenantView,
} from '../../contracts/api/csp-tenants.js';
import {
  consentCallbackOutcome,
  explainConsentError,
  gdapAccess,
  type ConsentExplanation,
} from '../../domain/csp/index.js';
import { GRAPH_DEFAULT_SCOPE, MicrosoftError, type ClientCredential } from '../../microsoft/index.js';
import {
  createConnectionRepository,
  createCspTenantRepository,
  type ConnectionSummary,
  type CspTenantWithMapping,
} from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { gdapClientIdOf } from '../integrations/csp/tenants-connection.js';
import { endpointRegistrar } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal' | 'now' | 'config'>;

interface Helpers {
  load(id: string): Promise<ConnectionSummary>;
  tenantOf(connectionId: string, tenantId: string): Promise<CspTenantWithMapping>;
  viewOf(connectionId: string, tenantId: string): Promise<CspTenantView>;
}

/** Where the console shows CSP connections (`/integrations/csp/:id?tab=tenants` is one's Tenants tab). */
export const CONSOLE_CSP_PATH = '/integrations/csp';
const CONSENT_LIFETIME_MS = 30 * 60 * 1000;
const stateSchema = z.object({ c: z.string(), t: z.string(), a: z.string(), e: z.number() });
const organisationSchema = z.looseObject({
  value: z.array(z.looseObject({ displayName: z.string().nullish() })),
});

const landing = (connectionId: string | null, tenantId: string | null, consent: string) =>
  `${CONSOLE_CSP_PATH}${connectionId ? `/${connectionId}` : ''}?${new URLSearchParams({
    ...(connectionId ? { tab: 'tenants' } : {}),
    ...(tenantId ? { tenant: tenantId } : {}),
    consent,
  })}`;

async function redirect(reply: FastifyReply, location: string): Promise<undefined> {
  reply.header('cache-control', 'no-store');
  await reply.redirect(location, 302);
  return undefined;
}

/** The consent state the start endpoint sealed, or null when it is not one of ours. */
function openState(deps: Deps, state: string | undefined): z.infer<typeof stateSchema> | null {
  try {
    return stateSchema.parse(JSON.parse(deps.secrets.decrypt(state ?? '')));
  } catch {
    return null;
  }
}

/** The GDAP app's credential: its secret, or its certificate (thumbprint in settings, key stored). */
async function gdapCredential(deps: Deps, connection: ConnectionSummary): Promise<ClientCredential> {
  const secrets = (await createConnectionRepository(deps.db, deps.secrets).readSecrets(connection.id)) ?? {};
  if (secrets.gdapClientSecret) return { kind: 'secret', secret: secrets.gdapClientSecret };
  const thumbprint = connection.settings.gdapCertificateThumbprint;
  if (secrets.certificateKey && typeof thumbprint === 'string') {
    return { kind: 'certificate', thumbprintSha256: thumbprint, privateKeyPem: secrets.certificateKey };
  }
  throw new ApiHttpError(
    'conflict',
    'This connection has no credential for the GDAP app: add its client secret.',
    [
      {
        field: 'gdapClientSecret',
        message: "the multi-tenant GDAP app's secret (or certificate) is required",
      },
    ],
  );
}

function mappedToCustomer(tenant: CspTenantWithMapping): void {
  if (!tenant.mapping?.customerId) {
    throw new ApiHttpError('conflict', 'Map this tenant to a customer before granting or testing consent.', [
      { field: 'mapping', message: 'the tenant is not mapped to a customer' },
    ]);
  }
}

/** Guide 002 "Granting Admin Consent", and a test call that proves it worked. */
export function registerCspTenantConsentRoutes(app: FastifyInstance, deps: Deps, helpers: Helpers): void {
  const on = endpointRegistrar(app, deps);
  const redirectUri = () =>
    `${(deps.config.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '')}${CSP_CONSENT_CALLBACK_PATH}`;

  on(startCspTenantConsent, async ({ params, principal }) => {
    const connection = await helpers.load(params.id);
    const tenant = await helpers.tenantOf(connection.id, params.tenantId);
    mappedToCustomer(tenant);
    const clientId = gdapClientIdOf(connection);
    const state = deps.secrets.encrypt(
      JSON.stringify({
        c: connection.id,
        t: tenant.tenantId,
        a: (principal as Principal).accountId,
        e: deps.now().getTime() + CONSENT_LIFETIME_MS,
      }),
    );
    const { authorityHost } = (await deps.microsoft.clients()).endpoints;
    const query = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri(), state });
    return {
      consentUrl: `${authorityHost.replace(/\/+$/, '')}/${tenant.tenantId}/adminconsent?${query}`,
      redirectUri: redirectUri(),
    };
  });

  on(cspTenantConsentCallback, async ({ query, principal, reply }) => {
    const saved = openState(deps, query.state);
    // Only the person who started it finishes it, before it expires.
    if (!saved || saved.a !== principal?.accountId || saved.e < deps.now().getTime()) {
      return redirect(reply, landing(null, null, 'state_invalid'));
    }
    const connection = await helpers.load(saved.c);
    const tenant = await helpers.tenantOf(connection.id, saved.t);
    const outcome = consentCallbackOutcome(query);
    const wrongTenant = outcome.granted && query.tenant && query.tenant.toLowerCase() !== tenant.tenantId;
    const detail = outcome.granted
      ? wrongTenant
        ? {
            source: 'callback',
            ...explainConsentError(
              'consent.wrongTenant',
              `Consent was granted in tenant ${query.tenant}, not in this one. Sign in with an administrator native to this tenant.`,
            ),
          }
        : { source: 'callback', message: 'Admin consent was granted. Test access to prove it.' }
      : { source: 'callback', ...outcome.explanation };
    const state = outcome.granted && !wrongTenant ? 'granted' : 'failed';
    await createCspTenantRepository(deps.db).recordConsent(
      connection.id,
      tenant.tenantId,
      state,
      detail,
      deps.now(),
    );
    return redirect(reply, landing(connection.id, tenant.tenantId, state));
  });

  on(testCspTenantAccess, async ({ params }) => {
    const connection = await helpers.load(params.id);
    const tenant = await helpers.tenantOf(connection.id, params.tenantId);
    mappedToCustomer(tenant);
    const clientId = gdapClientIdOf(connection);
    const credential = await gdapCredential(deps, connection);
    const clients = await deps.microsoft.clients();
    const tokens = clients.tokens.app({
      tenantId: tenant.tenantId,
      clientId,
      credential,
      scopes: [GRAPH_DEFAULT_SCOPE],
    });
    let organisation: string | null = null;
    let problem: ConsentExplanation | null = null;
    try {
      const body = await clients.graph(tokens).get('/organization?$select=displayName', organisationSchema);
      organisation = body.value[0]?.displayName ?? null;
    } catch (error) {
      if (!(error instanceof MicrosoftError)) throw error;
      const code = error.microsoftCode ?? error.code;
      const gdap = gdapAccess(tenant.gdapRelationships, deps.now());
      // A refused read with no live GDAP relationship is the relationship's fault, not consent's.
      problem =
        code === 'Authorization_RequestDenied' && (gdap.state === 'expired' || gdap.state === 'none')
          ? explainConsentError(`gdap.${gdap.state}`)
          : explainConsentError(code, error.microsoftMessage);
    }
    const detail = problem
      ? { source: 'test', ...problem }
      : { source: 'test', message: `Read the directory of ${organisation ?? 'the tenant'}.`, organisation };
    await createCspTenantRepository(deps.db).recordConsent(
      connection.id,
      tenant.tenantId,
      problem ? 'failed' : 'granted',
      detail,
      deps.now(),
    );
    return {
      ok: problem === null,
      organisation,
      problem,
      tenant: await helpers.viewOf(connection.id, tenant.tenantId),
    };
  });
}
