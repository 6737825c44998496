import type { CatalogueEntry } from './types.js';

const APP_REGISTRATIONS = 'Entra admin centre › Identity › Applications › App registrations';

/** Identity platform errors by AADSTS number (reference-error-codes.md and real captures). */
export const aadstsCatalogue = {
  AADSTS7000215: {
    action: 'reauthorise',
    retryable: false,
    title: 'Client secret is wrong',
    whatHappened:
      'Microsoft rejected the client secret. You may have pasted the secret ID instead of the secret VALUE, or the secret was deleted.',
    howToFix: `Create a new secret in ${APP_REGISTRATIONS} › <app> › Certificates & secrets, copy its Value (shown only once) and paste it into the connection.`,
  },
  AADSTS7000222: {
    action: 'reauthorise',
    retryable: false,
    title: 'Client secret has expired',
    whatHappened: "The app's client secret is past its expiry date, so Microsoft no longer accepts it.",
    howToFix: `Create a new secret in ${APP_REGISTRATIONS} › <app> › Certificates & secrets (or switch the connection to a certificate) and paste its Value into the connection.`,
  },
  AADSTS700016: {
    action: 'reauthorise',
    retryable: false,
    title: 'App not found in the tenant',
    whatHappened:
      'The application ID is not known in this tenant: it was never consented to there, it was deleted, or the request went to the wrong tenant.',
    howToFix:
      'Check the application (client) ID and the tenant ID of the connection. For a multi-tenant app, have a Global Administrator of the customer tenant grant admin consent.',
  },
  AADSTS90002: {
    action: 'reauthorise',
    retryable: false,
    title: 'Tenant not found',
    whatHappened:
      'Microsoft does not know this tenant ID or domain in this cloud. The tenant may have been deleted or the ID mistyped.',
    howToFix:
      "Copy the Tenant ID from Entra admin centre › Overview of the customer's tenant and correct the connection; check you are using the right cloud.",
  },
  AADSTS7000229: {
    action: 'reauthorise',
    retryable: false,
    title: 'App has no service principal in the tenant',
    whatHappened:
      'The multi-tenant app has not been added to this customer tenant (no enterprise application / service principal exists there).',
    howToFix:
      'Have a Global Administrator of the customer tenant grant admin consent to the app (or add it through Partner Center application consent for CSP customers).',
  },
  AADSTS1002012: {
    action: 'fix-request',
    retryable: false,
    title: 'Scope must end with /.default',
    whatHappened:
      "An app-only token was requested with a scope that does not end in '/.default' (or the scope was encoded twice).",
    howToFix:
      "Request 'https://graph.microsoft.com/.default' or 'https://api.partnercenter.microsoft.com/.default'. This is a Rollcall configuration bug: report it.",
  },
  AADSTS65001: {
    action: 'reauthorise',
    retryable: false,
    title: 'Consent has not been granted',
    whatHappened: 'The user or an administrator has not consented to the app using these permissions.',
    howToFix:
      'Reconnect and accept the consent prompt, or have an administrator grant admin consent in Entra admin centre › Enterprise applications › <app> › Permissions.',
  },
  AADSTS700027: {
    action: 'reauthorise',
    retryable: false,
    title: 'Certificate signature not accepted',
    whatHappened:
      'Microsoft could not verify the signed client assertion: the certificate is not registered on the app, or the private key does not match it.',
    howToFix: `Upload the certificate's public part in ${APP_REGISTRATIONS} › <app> › Certificates & secrets, and make sure the connection holds the matching private key and SHA-256 thumbprint.`,
  },
  AADSTS700024: {
    action: 'stop',
    retryable: false,
    title: 'Client assertion outside its valid time range',
    whatHappened:
      "The signed client assertion was not valid at the time Microsoft received it, usually because this server's clock is wrong.",
    howToFix:
      'Synchronise the server clock (NTP). If the clock is correct, the certificate may have expired: upload a new one.',
  },
  AADSTS50012: {
    action: 'reauthorise',
    retryable: false,
    title: 'Client authentication failed',
    whatHappened:
      'Microsoft rejected the app credential (for example a certificate thumbprint that is not authorised for this app).',
    howToFix: `Check the credential in ${APP_REGISTRATIONS} › <app> › Certificates & secrets and update the connection.`,
  },
  AADSTS7000112: {
    action: 'reauthorise',
    retryable: false,
    title: 'App is disabled',
    whatHappened: 'The application has been disabled in the tenant, so it cannot sign in.',
    howToFix:
      "Ask an administrator to enable it: Entra admin centre › Enterprise applications › <app> › Properties › 'Enabled for users to sign-in?' = Yes.",
  },
  AADSTS90099: {
    action: 'reauthorise',
    retryable: false,
    title: 'App not authorised in the customer tenant',
    whatHappened:
      'The app has not been authorised in this customer tenant, so partner delegated administrators cannot use it there.',
    howToFix:
      'Grant consent for the app in the customer tenant (admin consent by a customer administrator, or Partner Center application consent).',
  },
  AADSTS500011: {
    action: 'reauthorise',
    retryable: false,
    title: 'Resource not available in the tenant',
    whatHappened:
      'The API the token is for (for example Partner Center) has no service principal in this tenant, or the resource name is wrong.',
    howToFix:
      'Check that the tenant subscribes to the service and that the scope names the right resource; an administrator may need to consent to the API.',
  },
  AADSTS50057: {
    action: 'reauthorise',
    retryable: false,
    title: 'User account is disabled',
    whatHappened: 'The user this connection signs in as has been disabled.',
    howToFix: 'Enable the account, or reconnect the connection with another administrator account.',
  },
  AADSTS70008: {
    action: 'reauthorise',
    retryable: false,
    title: 'Sign-in has expired',
    whatHappened:
      'The stored refresh token or authorisation code has expired or been revoked (for example after a password change or inactivity).',
    howToFix: 'Reconnect the connection: sign in again as an administrator and accept the consent prompt.',
  },
  AADSTS700082: {
    action: 'reauthorise',
    retryable: false,
    title: 'Sign-in expired through inactivity',
    whatHappened: 'The stored refresh token was not used for too long and has expired.',
    howToFix: 'Reconnect the connection: sign in again as an administrator.',
  },
  AADSTS50173: {
    action: 'reauthorise',
    retryable: false,
    title: 'Sign-in was revoked',
    whatHappened:
      "The stored sign-in is no longer valid because the user's password changed or their sessions were revoked.",
    howToFix: 'Reconnect the connection: sign in again as an administrator.',
  },
  AADSTS50076: {
    action: 'reauthorise',
    retryable: false,
    title: 'Multi-factor authentication required',
    whatHappened: 'A Conditional Access policy requires MFA for this sign-in.',
    howToFix: 'Reconnect the connection interactively and complete MFA.',
  },
  AADSTS54005: {
    action: 'reauthorise',
    retryable: false,
    title: 'Sign-in code already used',
    whatHappened: 'The authorisation code from the sign-in page was already redeemed.',
    howToFix: 'Start the sign-in again from the connection page.',
  },
  AADSTS9001023: {
    action: 'fix-request',
    retryable: false,
    title: "App-only sign-in is not allowed over 'common'",
    whatHappened: "Client credentials were requested from the 'common' or 'consumers' endpoint.",
    howToFix: "Set the connection's tenant to the tenant ID or its onmicrosoft.com domain.",
  },
  AADSTS700022: {
    action: 'fix-request',
    retryable: false,
    title: 'Scopes for more than one API',
    whatHappened: 'One token request named scopes of several APIs; a token is always for one resource.',
    howToFix: 'Request a separate token per API. This is a Rollcall bug: report it.',
  },
  AADSTS70011: {
    action: 'fix-request',
    retryable: false,
    title: 'Scope is not valid',
    whatHappened: 'The requested scope is not valid for this app or resource.',
    howToFix: 'Check the API the connection is configured for. This is usually a Rollcall configuration bug.',
  },
  AADSTS7000218: {
    action: 'reauthorise',
    retryable: false,
    title: 'No credential was sent',
    whatHappened: 'The token request carried neither a client secret nor a certificate assertion.',
    howToFix: 'Add a client secret or certificate to the connection.',
  },
  AADSTS900144: {
    action: 'fix-request',
    retryable: false,
    title: 'Token request is missing a parameter',
    whatHappened: 'The token request lacked a required parameter.',
    howToFix: 'This is a Rollcall bug: report it with the error details.',
  },
  AADSTS700084: {
    action: 'reauthorise',
    retryable: false,
    title: 'Sign-in has expired',
    whatHappened: 'The refresh token was issued for a single-page app and has reached its 24-hour lifetime.',
    howToFix: 'Reconnect the connection: sign in again as an administrator.',
  },
  AADSTS90055: {
    action: 'retry',
    retryable: true,
    title: 'Microsoft is throttling sign-ins',
    whatHappened: 'Too many token requests were made for this tenant in a short time.',
    howToFix: 'Nothing to do: Rollcall waits and tries again.',
  },
  AADSTS50196: {
    action: 'retry',
    retryable: true,
    title: 'Repeated sign-in loop detected',
    whatHappened: 'The same token request was sent too often in a short time.',
    howToFix: 'Nothing to do: Rollcall backs off and tries again later. If it persists, report it.',
  },
  AADSTS7000119: {
    action: 'reauthorise',
    retryable: false,
    title: 'App not allowed in this tenant',
    whatHappened:
      'The multi-tenant app is restricted to a list of tenants (Supported accounts) that does not include this one, so it cannot be consented to or used there.',
    howToFix: `In ${APP_REGISTRATIONS} › <app> › Authentication › Supported accounts choose 'Allow all tenants', or add this tenant to the allowed tenants.`,
  },
  AADSTS53003: {
    action: 'reauthorise',
    retryable: false,
    title: 'Blocked by Conditional Access',
    whatHappened:
      'A Conditional Access policy does not allow a token for this user, for example because Identity Protection flagged them as a risky user.',
    howToFix:
      'In the tenant open Entra admin centre › Protection › Identity Protection › Risky users and remediate the account (or review the Conditional Access sign-in log), then sign in again.',
  },
  AADSTS50011: {
    action: 'reauthorise',
    retryable: false,
    title: 'Redirect URI not registered',
    whatHappened: "The redirect URI Rollcall sent is not one of the app registration's redirect URIs.",
    howToFix: `Copy the redirect URI shown on the connection into ${APP_REGISTRATIONS} › <app> › Authentication › Web › Redirect URIs exactly, then try again.`,
  },
  AADSTS500112: {
    action: 'reauthorise',
    retryable: false,
    title: 'Redirect URI changed during sign-in',
    whatHappened:
      'The reply address used to redeem the sign-in code differs from the one the sign-in started with (the server address changed meanwhile).',
    howToFix:
      "Check the server's public URL setting, register its redirect URI on the app, and sign in again.",
  },
  AADSTS500021: {
    action: 'stop',
    retryable: false,
    title: 'Tenant restrictions deny access',
    whatHappened: "A tenant restriction policy on the network blocks access to this customer's tenant.",
    howToFix: 'Ask the network administrator to allow this tenant in the tenant restrictions policy.',
  },
} as const satisfies Record<string, CatalogueEntry>;
