import { ConfidentialClientApplication, type Configuration, type INetworkModule } from '@azure/msal-node';
import type { ClientCredential } from './types.js';

/** Hosts MSAL already knows (its hard-coded cloud list); others need `knownAuthorities`. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/**
 * The identity platform's endpoints for one tenant, given to MSAL as `authorityMetadata` so it
 * makes no discovery call: one request fewer per app, and token-endpoint errors (such as
 * AADSTS90002 for an unknown tenant) reach us instead of a generic "openid_config_error".
 */
function authorityMetadata(authority: string): string {
  return JSON.stringify({
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    issuer: `${authority}/v2.0`,
    jwks_uri: `${authority}/discovery/v2.0/keys`,
  });
}

export interface MsalAppInput {
  /** `https://login.microsoftonline.com`, or the sandbox's host. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  networkClient: INetworkModule;
}

export function buildMsalConfiguration(input: MsalAppInput): Configuration {
  const host = new URL(input.authorityHost);
  const authority = `${host.origin}/${encodeURIComponent(input.tenantId)}`;
  const credential =
    input.credential.kind === 'secret'
      ? { clientSecret: input.credential.secret }
      : {
          clientCertificate: {
            thumbprintSha256: input.credential.thumbprintSha256,
            privateKey: input.credential.privateKeyPem,
            ...(input.credential.x5c ? { x5c: input.credential.x5c } : {}),
          },
        };
  return {
    auth: {
      clientId: input.clientId,
      authority,
      authorityMetadata: authorityMetadata(authority),
      ...(MICROSOFT_AUTHORITY_HOSTS.has(host.hostname.toLowerCase())
        ? {}
        : { knownAuthorities: [host.host] }),
      ...credential,
    },
    system: { networkClient: input.networkClient },
  };
}

/** One MSAL application per (authority tenant, client id, credential). */
export function createMsalApp(input: MsalAppInput): ConfidentialClientApplication {
  return new ConfidentialClientApplication(buildMsalConfiguration(input));
}
