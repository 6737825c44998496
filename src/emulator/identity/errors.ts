/**
 * The AADSTS errors the emulator reproduces, with Microsoft's HTTP status, OAuth `error` value and
 * message text (reference-error-codes.md and captures quoted in the fact sheet §1.3–1.4). Messages
 * are data so the token endpoint, the sign-in page and redirects all word an error the same way.
 */
export interface AadError {
  status: number;
  error: string;
  aadsts: number;
  description: string;
}

const CERT_DOCS =
  'Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .';

const e = (status: number, error: string, aadsts: number, description: string): AadError => ({
  status,
  error,
  aadsts,
  description,
});

export const aadErrors = {
  tenantNotFound: (tenant: string) =>
    e(
      400,
      'invalid_tenant',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  missingParameter: (name: string) =>
    e(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  unsupportedGrantType: (grantType: string) =>
    e(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`),
  wrongMethod: (method: string) =>
    e(
      400,
      'invalid_request',
      900561,
      `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`,
    ),
  grantOverCommon: () =>
    e(
      400,
      'invalid_request',
      9001023,
      'The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.',
    ),
  noTenantInformation: () =>
    e(
      400,
      'invalid_request',
      50059,
      'No tenant-identifying information found in either the request or implied by any provided credentials.',
    ),
  scopeWithoutDefault: (scope: string) =>
    e(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  multipleResources: (scope: string) =>
    e(
      400,
      'invalid_scope',
      700022,
      `The provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    ),
  invalidScope: (scope: string) =>
    e(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  appNotFound: (appId: string, directory: string) =>
    e(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${appId}' was not found in the directory '${directory}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  missingServicePrincipal: (appId: string, tenantId: string) =>
    e(
      401,
      'invalid_client',
      7000229,
      `The client application ${appId} is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
    ),
  appNotAuthorizedInTenant: (appId: string, appName: string, tenantId: string) =>
    e(
      400,
      'invalid_grant',
      90099,
      `The application '${appId}' (${appName}) has not been authorized in the tenant '${tenantId}'. Applications must be authorized to access the external tenant before partner delegated administrators can use them. Provide pre-consent or execute the appropriate Partner Center API to authorize the application.`,
    ),
  tenantNotAllowed: (appId: string, appName: string, tenantName: string, tenantId: string) =>
    e(
      400,
      'unauthorized_client',
      7000119,
      `Client Application '${appName}' with identifier '${appId}' is not allowed to be used by tenant '${tenantName}' with identifier of '${tenantId}'.`,
    ),
  resourcePrincipalNotFound: (appId: string, tenantName: string) =>
    e(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${appId} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  blockedByConditionalAccess: () =>
    e(
      400,
      'invalid_grant',
      53003,
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    ),
  noCredential: () =>
    e(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  invalidSecret: (appId: string) =>
    e(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
    ),
  expiredSecret: (appId: string) =>
    e(
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    ),
  malformedAssertion: () => e(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.'),
  unsupportedAssertionType: (type: string) =>
    e(400, 'invalid_request', 50027, `The client_assertion_type '${type}' is not supported.`),
  assertionKeyNotFound: (thumbprint: string, appId: string) =>
    e(
      401,
      'invalid_client',
      700027,
      `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'.]`,
    ),
  assertionKeyExpired: (thumbprint: string) =>
    e(
      401,
      'invalid_client',
      700027,
      `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${thumbprint}']`,
    ),
  assertionBadSignature: () =>
    e(401, 'invalid_client', 700027, `Client assertion failed signature validation. ${CERT_DOCS}`),
  assertionNoThumbprint: () =>
    e(
      401,
      'invalid_client',
      50012,
      "Authentication failed. The client assertion has no 'x5t' or 'x5t#S256' header identifying the signing certificate.",
    ),
  assertionTimeRange: (now: string, nbf: string, exp: string) =>
    e(
      401,
      'invalid_client',
      700024,
      `Client assertion is not within its valid time range. Current time: ${now}, assertion valid from ${nbf}, expiry time of assertion ${exp}. ${CERT_DOCS}`,
    ),
  assertionAudience: () =>
    e(
      401,
      'invalid_client',
      700023,
      `Client assertion audience claim does not match Realm issuer. ${CERT_DOCS}`,
    ),
  assertionSubjectMismatch: () =>
    e(401, 'invalid_client', 50048, 'Subject mismatches Issuer claim in the client assertion.'),
  assertionClientMismatch: () =>
    e(
      401,
      'invalid_client',
      700021,
      `Client assertion application identifier doesn't match 'client_id' parameter. ${CERT_DOCS}`,
    ),
  codeInvalid: () =>
    e(400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid."),
  grantForOtherClient: () =>
    e(
      400,
      'invalid_grant',
      70000,
      'Provided grant is invalid or malformed. It was issued to a different client.',
    ),
  codeRedeemed: () =>
    e(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  /** Sessions revoked (`revokeSignInSessions`) or password reset after the grant was issued. */
  grantRevoked: (issued: string, validFrom: string) =>
    e(
      400,
      'invalid_grant',
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom}'.`,
    ),
  grantExpired: () =>
    e(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeForOtherTenant: () =>
    e(
      400,
      'invalid_grant',
      700005,
      'Provided Authorization Code is intended to use against other tenant, thus rejected.',
    ),
  replyAddressMismatch: (sent: string, original: string) =>
    e(
      400,
      'invalid_grant',
      500112,
      `The reply address '${sent}' does not match the reply address '${original}' provided when requesting Authorization code.`,
    ),
  pkceMismatch: () =>
    e(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  malformedGrant: () => e(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'),
  consentMissing: (appId: string, appName: string) =>
    e(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${appId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
    ),
  userDisabled: () => e(400, 'invalid_grant', 50057, 'The user account is disabled.'),
  userNotFound: (login: string, tenant: string) =>
    e(
      400,
      'invalid_grant',
      50034,
      `The user account ${login} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`,
    ),
  badPassword: () =>
    e(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.'),
  redirectUriMismatch: (uri: string, appId: string) =>
    e(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  noReplyAddress: () => e(400, 'invalid_request', 900971, 'No reply address provided.'),
  unsupportedResponseType: (type: string) =>
    e(
      400,
      'unsupported_response_type',
      70005,
      `The application requested an unsupported response type '${type}'. Only 'code' is supported.`,
    ),
  unsupportedResponseMode: (mode: string) =>
    e(400, 'invalid_request', 70007, `The application requested an unsupported response mode '${mode}'.`),
  invalidCodeChallengeMethod: () =>
    e(
      400,
      'invalid_request',
      501491,
      "Invalid code_challenge_method. Supported values are 'S256' and 'plain'.",
    ),
  userDeclinedConsent: () => e(400, 'access_denied', 65004, 'User declined to consent to access the app.'),
  loginRequired: () =>
    e(
      400,
      'login_required',
      50058,
      "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
    ),
  unknownInstance: () => e(400, 'invalid_instance', 50049, 'Unknown or invalid instance.'),
  sessionExpired: () => e(400, 'invalid_request', 50089, 'Authentication failed due to flow token expired.'),
} as const;
