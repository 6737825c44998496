import { z } from 'zod';
import {
  permissionsFor,
  type Authorisation,
  type EntraAuthMethod,
  type MicrosoftProblem,
  type PermissionCheck,
} from '../../contracts/api/entra-connections.js';
import {
  errorCatalogue,
  graphPageSchema,
  MicrosoftError,
  withQuery,
  type GraphClient,
  type TokenSource,
} from '../../microsoft/index.js';

/** The one real read "Authorise" makes: the smallest request that needs User.Read.All. */
export const READ_CHECK_PATH = withQuery('/users', { $top: 1, $select: 'id' });

const claimsSchema = z.looseObject({
  roles: z.array(z.string()).optional(),
  scp: z.string().optional(),
  upn: z.string().optional(),
  preferred_username: z.string().optional(),
});

/**
 * The payload of an access token, NOT verified: it came over TLS straight from the authority, and
 * Rollcall only reads which permissions it carries (Graph, not Rollcall, relies on the signature).
 */
export function accessTokenClaims(token: string): z.infer<typeof claimsSchema> {
  try {
    const payload = token.split('.')[1] ?? '';
    return claimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return {};
  }
}

/** A catalogued failure in the words the API shows. */
export function problemOf(error: MicrosoftError): MicrosoftProblem {
  return {
    code: error.code,
    title: error.title,
    whatHappened: error.whatHappened,
    howToFix: error.howToFix,
    microsoftCode: error.microsoftCode ?? null,
    microsoftMessage: error.microsoftMessage ?? null,
  };
}

/** Consent missing (AADSTS65001), for a token that lacks mandatory permissions. */
function consentMissing(missing: string[]): MicrosoftProblem {
  const { title, whatHappened, howToFix } = errorCatalogue.AADSTS65001;
  return {
    code: 'AADSTS65001',
    title,
    whatHappened,
    howToFix,
    microsoftCode: null,
    microsoftMessage: `The token does not carry: ${missing.join(', ')}.`,
  };
}

/** Each permission of the table for `method`, against the permissions a token carries. */
export function checkPermissions(
  method: EntraAuthMethod,
  carried: readonly string[] | null,
  refreshTokenIssued: boolean,
): PermissionCheck[] {
  const held = new Map((carried ?? []).map((p) => [p.toLowerCase(), p]));
  return permissionsFor(method).map(({ name, mandatory, feature, satisfiedBy }) => {
    const base = { name, mandatory, feature };
    if (carried === null) return { ...base, status: 'unchecked', grantedAs: null };
    // offline_access never appears in an access token: a refresh token is the proof.
    if (name === 'offline_access') {
      return { ...base, status: refreshTokenIssued ? 'granted' : 'missing', grantedAs: null };
    }
    if (held.has(name.toLowerCase())) return { ...base, status: 'granted', grantedAs: null };
    const broader = satisfiedBy.find((p) => held.has(p.toLowerCase()));
    return broader
      ? { ...base, status: 'granted', grantedAs: held.get(broader.toLowerCase()) ?? broader }
      : { ...base, status: 'missing', grantedAs: null };
  });
}

export interface CheckInput {
  method: EntraAuthMethod;
  tokens: TokenSource;
  graph: GraphClient;
  /** Delegated: whether Microsoft issued (or holds) a refresh token for the connection. */
  refreshTokenIssued?: () => boolean;
  now: Date;
}

/**
 * "Authorise": a fresh token with the connection's credential, each permission of guide 001's
 * table against its `roles` (application) or `scp` (delegated), then one real read.
 */
export async function runAuthorisationChecks(input: CheckInput): Promise<Authorisation> {
  const kind = input.method === 'delegated' ? 'delegated' : 'application';
  const result = (fields: Omit<Authorisation, 'checkedAt' | 'permissionKind'>): Authorisation => ({
    checkedAt: input.now.toISOString(),
    permissionKind: kind,
    ...fields,
  });
  let token: string;
  try {
    token = await input.tokens.getToken({ forceRefresh: true });
  } catch (error) {
    if (!(error instanceof MicrosoftError)) throw error;
    return result({
      status: 'failed',
      signedInAs: null,
      permissions: checkPermissions(input.method, null, false),
      readCheck: null,
      problem: problemOf(error),
      message: `No token: ${error.title}. ${error.howToFix}`,
    });
  }
  const claims = accessTokenClaims(token);
  const carried =
    kind === 'application' ? (claims.roles ?? []) : (claims.scp ?? '').split(' ').filter(Boolean);
  const permissions = checkPermissions(input.method, carried, input.refreshTokenIssued?.() ?? false);
  const signedInAs = kind === 'delegated' ? (claims.upn ?? claims.preferred_username ?? null) : null;
  let readProblem: MicrosoftProblem | null = null;
  try {
    await input.graph.get(READ_CHECK_PATH, graphPageSchema(z.looseObject({ id: z.string() })));
  } catch (error) {
    if (!(error instanceof MicrosoftError)) throw error;
    readProblem = problemOf(error);
  }
  const readCheck = readProblem ? 'failed' : 'passed';
  const missing = permissions.filter((p) => p.status === 'missing');
  const mandatory = missing.filter((p) => p.mandatory).map((p) => p.name);
  if (mandatory.length > 0) {
    return result({
      status: 'permissions_missing',
      signedInAs,
      permissions,
      readCheck,
      problem: consentMissing(mandatory),
      message: `Mandatory permissions not granted: ${mandatory.join(', ')}. Add them to the app registration (${kind} permissions) and grant admin consent, then authorise again.`,
    });
  }
  if (readProblem) {
    return result({
      status: 'failed',
      signedInAs,
      permissions,
      readCheck,
      problem: readProblem,
      message: `Reading users failed: ${readProblem.title}. ${readProblem.howToFix}`,
    });
  }
  const optional = missing.map((p) => `${p.name} (${p.feature})`);
  return result({
    status: 'authorised',
    signedInAs,
    permissions,
    readCheck,
    problem: null,
    message: optional.length
      ? `Authorised. Optional permissions not granted: ${optional.join('; ')}.`
      : 'Authorised: every permission is granted.',
  });
}
