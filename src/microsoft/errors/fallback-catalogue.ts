import type { CatalogueEntry } from './types.js';

const reportIt = 'If it keeps happening, report it with the error details below.';

/** Unknown AADSTS numbers fall back to the OAuth `error` value of the token endpoint. */
export const oauthCatalogue = {
  'OAuth.invalid_client': {
    action: 'reauthorise',
    retryable: false,
    title: 'App credentials rejected',
    whatHappened: 'Microsoft did not accept the app ID, secret or certificate of the connection.',
    howToFix: 'Check the client ID and credential of the connection and update them.',
  },
  'OAuth.unauthorized_client': {
    action: 'reauthorise',
    retryable: false,
    title: 'App not allowed in this tenant',
    whatHappened: 'The app is not allowed to get tokens in this tenant.',
    howToFix: 'Have an administrator of the tenant grant admin consent to the app.',
  },
  'OAuth.invalid_grant': {
    action: 'reauthorise',
    retryable: false,
    title: 'Sign-in no longer valid',
    whatHappened: 'The stored sign-in (refresh token or code) is no longer valid.',
    howToFix: 'Reconnect the connection by signing in again.',
  },
  'OAuth.interaction_required': {
    action: 'reauthorise',
    retryable: false,
    title: 'Interactive sign-in required',
    whatHappened: 'Microsoft needs the user to sign in interactively (consent, MFA or policy).',
    howToFix: 'Reconnect the connection by signing in again.',
  },
  'OAuth.invalid_tenant': {
    action: 'reauthorise',
    retryable: false,
    title: 'Tenant not valid',
    whatHappened: 'Microsoft does not accept this tenant.',
    howToFix: 'Check the tenant ID of the connection.',
  },
  'OAuth.invalid_scope': {
    action: 'fix-request',
    retryable: false,
    title: 'Scope not valid',
    whatHappened: 'The requested scope is not valid.',
    howToFix: `This is usually a configuration bug. ${reportIt}`,
  },
  'OAuth.invalid_request': {
    action: 'fix-request',
    retryable: false,
    title: 'Token request rejected',
    whatHappened: 'Microsoft found the token request malformed.',
    howToFix: reportIt,
  },
  'OAuth.temporarily_unavailable': {
    action: 'retry',
    retryable: true,
    title: 'Microsoft sign-in is unavailable',
    whatHappened: 'The Microsoft identity platform is temporarily unavailable.',
    howToFix: 'Nothing to do: Rollcall tries again later.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Codes Microsoft did not send: the client saw no usable answer. */
export const clientCatalogue = {
  'Client.NetworkError': {
    action: 'retry',
    retryable: true,
    title: 'Could not reach Microsoft',
    whatHappened: 'The connection to Microsoft failed or was cut off (network, DNS, TLS or proxy).',
    howToFix: 'Rollcall tries again. If it persists, check outbound HTTPS access from this server.',
  },
  'Client.Timeout': {
    action: 'retry',
    retryable: true,
    title: 'Microsoft did not answer in time',
    whatHappened: 'The request to Microsoft took longer than the configured timeout.',
    howToFix: 'Nothing to do: Rollcall tries again later.',
  },
  'Client.MalformedResponse': {
    action: 'retry',
    retryable: true,
    title: 'Incomplete answer from Microsoft',
    whatHappened: "Microsoft's answer could not be read (cut off or not JSON).",
    howToFix: `Nothing to do: Rollcall tries again. ${reportIt}`,
  },
  'Client.InvalidResponse': {
    action: 'stop',
    retryable: false,
    title: 'Unexpected answer from Microsoft',
    whatHappened: "Microsoft's answer did not have the expected shape, so Rollcall did not use it.",
    howToFix: `Microsoft may have changed its API. ${reportIt}`,
  },
  'Client.Configuration': {
    action: 'fix-request',
    retryable: false,
    title: 'Microsoft connection is misconfigured',
    whatHappened: 'The sign-in library refused the configuration (authority URL, certificate or key format).',
    howToFix: 'Check the authority host, tenant ID and certificate/private key of the connection.',
  },
  'Client.OperationTimedOut': {
    action: 'retry',
    retryable: true,
    title: 'Microsoft is still processing',
    whatHappened: 'A long-running change had not finished when Rollcall stopped waiting for it.',
    howToFix: 'Rollcall checks again later; the change may still complete.',
  },
  'Client.Unknown': {
    action: 'stop',
    retryable: false,
    title: 'Unexpected error',
    whatHappened: 'Something unexpected went wrong while talking to Microsoft.',
    howToFix: reportIt,
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Last resort: the HTTP status of an answer whose code is not catalogued. */
export const statusCatalogue = {
  'Http.400': {
    action: 'fix-request',
    retryable: false,
    title: 'Microsoft rejected the request',
    whatHappened: 'Microsoft found the request invalid.',
    howToFix: "Read Microsoft's message below and correct the request.",
  },
  'Http.401': {
    action: 'reauthorise',
    retryable: false,
    title: 'Not signed in',
    whatHappened: 'Microsoft did not accept the credentials of the connection.',
    howToFix: 'Reconnect the connection.',
  },
  'Http.403': {
    action: 'reauthorise',
    retryable: false,
    title: 'Access denied',
    whatHappened: 'The connection is not allowed to do this in the tenant.',
    howToFix:
      'Check the permissions granted to the app (admin consent) and the roles of the signed-in account.',
  },
  'Http.404': {
    action: 'stop',
    retryable: false,
    title: 'Not found',
    whatHappened: 'Microsoft does not know the object or address.',
    howToFix: 'Run a sync; the object may have been deleted.',
  },
  'Http.409': {
    action: 'stop',
    retryable: false,
    title: 'Conflict',
    whatHappened: 'The change conflicts with the current state of the object.',
    howToFix: 'Run a sync and check whether the change is still needed.',
  },
  'Http.410': {
    action: 'resync',
    retryable: true,
    title: 'Sync state expired',
    whatHappened: 'Microsoft no longer recognises the stored sync position.',
    howToFix: 'Nothing to do: Rollcall runs a full sync.',
  },
  'Http.412': {
    action: 'retry',
    retryable: true,
    title: 'Object changed meanwhile',
    whatHappened: 'The object changed since Rollcall read it.',
    howToFix: 'Nothing to do: Rollcall reads it again and retries.',
  },
  'Http.424': {
    action: 'stop',
    retryable: false,
    title: 'An earlier step failed',
    whatHappened: 'This request depended on another request of the same batch, which failed.',
    howToFix: 'See the error of the earlier step.',
  },
  'Http.429': {
    action: 'retry',
    retryable: true,
    title: 'Microsoft is throttling requests',
    whatHappened: 'Microsoft asked Rollcall to slow down.',
    howToFix: 'Nothing to do: Rollcall waits and tries again.',
  },
  'Http.5xx': {
    action: 'retry',
    retryable: true,
    title: 'Microsoft is unavailable',
    whatHappened: 'Microsoft answered with a server error.',
    howToFix: 'Nothing to do: Rollcall tries again later.',
  },
  'Http.other': {
    action: 'stop',
    retryable: false,
    title: 'Request failed',
    whatHappened: 'Microsoft answered with an unexpected status.',
    howToFix: reportIt,
  },
} as const satisfies Record<string, CatalogueEntry>;
