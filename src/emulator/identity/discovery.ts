import type { EmulatorContext } from '../context.js';
import type { EmuRequest, EmuResponse } from '../http/types.js';
import { aadErrors } from './errors.js';
import { fail, tokenJson } from './respond.js';
import { resolveTenantTarget } from './tenant-target.js';
import { endpointsFor, idTokenIssuer, originOf } from './urls.js';

/** Instance-discovery API version MSAL asks for (`api-version=1.1`). */
const INSTANCE_DISCOVERY_API_VERSION = '1.1';

const NORTH_AMERICA = new Set(['US', 'CA', 'MX']);
const EUROPE = new Set(
  'AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK'.split(
    ' ',
  ),
);

/** Microsoft reports where a tenant's data lives: `NA`, `EU`, or `WW` elsewhere. */
function regionScope(countryLetterCode: string): string {
  if (NORTH_AMERICA.has(countryLetterCode)) return 'NA';
  return EUROPE.has(countryLetterCode) ? 'EU' : 'WW';
}

/**
 * `/{tenant}/v2.0/.well-known/openid-configuration`: the fields MSAL requires (issuer,
 * authorization/token endpoints, jwks_uri) plus what Microsoft's document carries besides.
 */
export function openidConfiguration(ctx: EmulatorContext, req: EmuRequest, segment: string): EmuResponse {
  const target = resolveTenantTarget(ctx, segment);
  if (target.kind === 'unknown' || target.kind === 'consumers') {
    return fail(ctx, req, aadErrors.tenantNotFound(segment));
  }
  const origin = originOf(req);
  const pathSegment = target.kind === 'tenant' ? target.tenant.id : target.kind;
  const urls = endpointsFor(origin, pathSegment);
  return tokenJson({
    token_endpoint: urls.token,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: urls.jwks,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: idTokenIssuer(origin, target.kind === 'tenant' ? target.tenant.id : '{tenantid}'),
    request_uri_parameter_supported: false,
    authorization_endpoint: urls.authorization,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: urls.logout,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'email',
    ],
    tenant_region_scope: target.kind === 'tenant' ? regionScope(target.tenant.countryLetterCode) : null,
    cloud_instance_name: req.url.hostname,
    cloud_graph_host_name: req.url.host,
    msgraph_host: req.url.host,
  });
}

/** `/{tenant}/discovery/v2.0/keys`: the public key every emulator token is signed with. */
export function jwks(ctx: EmulatorContext, req: EmuRequest, segment: string): EmuResponse {
  const target = resolveTenantTarget(ctx, segment);
  if (target.kind === 'unknown' || target.kind === 'consumers') {
    return fail(ctx, req, aadErrors.tenantNotFound(segment));
  }
  return tokenJson(ctx.issuer.jwks());
}

/**
 * `/common/discovery/instance`: cloud discovery (aliases of the authority host). Only this
 * emulator's own host is a known instance.
 */
export function instanceDiscovery(ctx: EmulatorContext, req: EmuRequest): EmuResponse {
  const origin = originOf(req);
  const host = req.url.host;
  const authorizationEndpoint = req.url.searchParams.get('authorization_endpoint');
  let segment = 'common';
  if (authorizationEndpoint) {
    let url: URL;
    try {
      url = new URL(authorizationEndpoint);
    } catch {
      return fail(ctx, req, aadErrors.unknownInstance());
    }
    if (url.host.toLowerCase() !== host.toLowerCase()) return fail(ctx, req, aadErrors.unknownInstance());
    segment = url.pathname.split('/').filter(Boolean)[0] ?? 'common';
  }
  return tokenJson({
    tenant_discovery_endpoint: endpointsFor(origin, segment).openidConfiguration,
    'api-version': INSTANCE_DISCOVERY_API_VERSION,
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}
