import { z } from 'zod';
import {
  commonErrorFor,
  GDAP_APP_PERMISSIONS,
  type CspAuthorisation,
  type CspCheck,
  type CspCheckName,
} from '../../../contracts/api/csp-connections.js';
import type { MicrosoftProblem } from '../../../contracts/api/entra-connections.js';
import {
  errorCatalogue,
  graphPageSchema,
  MicrosoftError,
  withQuery,
  type MicrosoftClients,
} from '../../../microsoft/index.js';
import { accessTokenClaims, problemOf } from '../../routes/entra-connections-checks.js';
import type { CspTokens } from './connection-tokens.js';

const LABELS: Record<CspCheckName, string> = {
  partnerCenterToken: 'Partner Center token (the partner user’s sign-in)',
  customerList: 'Partner Center customer list readable',
  gdapRelationships: 'GDAP relationships readable in the partner tenant (Partner Center app)',
  gdapAppToken: 'GDAP app gets a token in the partner tenant (client credentials)',
};

/** The smallest read that needs DelegatedAdminRelationship.Read.All. */
const RELATIONSHIPS_PATH = withQuery('/tenantRelationships/delegatedAdminRelationships', { $top: 1 });

const ok = (check: CspCheckName, detail: string): CspCheck => ({
  check,
  label: LABELS[check],
  status: 'ok',
  detail,
  problem: null,
  commonError: null,
});

/** A failed check with the catalogue's words and, when it is one, guide 002's common-errors row. */
export function failedCheck(check: CspCheckName, problem: MicrosoftProblem): CspCheck {
  const row = commonErrorFor(check, problem.code);
  return {
    check,
    label: LABELS[check],
    status: 'failed',
    detail: `${problem.title}. ${problem.howToFix}`,
    problem,
    commonError: row
      ? { id: row.id, element: row.element, symptom: row.symptom, cause: row.cause, solution: row.solution }
      : null,
  };
}

const skipped = (check: CspCheckName, why: string): CspCheck => ({
  check,
  label: LABELS[check],
  status: 'skipped',
  detail: why,
  problem: null,
  commonError: null,
});

/** Runs `step`; a Microsoft failure becomes a failed check, anything else is a bug and is thrown. */
async function attempt(check: CspCheckName, step: () => Promise<CspCheck>): Promise<CspCheck> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof MicrosoftError)) throw error;
    return failedCheck(check, problemOf(error));
  }
}

/** Application permissions the GDAP app's token lacks (a ReadWrite permission covers its Read). */
function missingGdapRoles(roles: readonly string[]): string[] {
  const held = new Set(roles.map((r) => r.toLowerCase()));
  return GDAP_APP_PERMISSIONS.filter(
    (p) =>
      p.mandatory &&
      !held.has(p.name.toLowerCase()) &&
      !held.has(p.name.replace('.Read.', '.ReadWrite.').toLowerCase()),
  ).map((p) => p.name);
}

function rolesMissing(missing: string[]): MicrosoftProblem {
  const { title, whatHappened, howToFix } = errorCatalogue.AADSTS65001;
  return {
    code: 'AADSTS65001',
    title,
    whatHappened,
    howToFix,
    microsoftCode: null,
    microsoftMessage: `The GDAP app's token carries no application permission for: ${missing.join(', ')}.`,
  };
}

export interface CspCheckInput {
  tokens: CspTokens;
  clients: MicrosoftClients;
  /** The partner tenant (the connection's). */
  partnerTenantId: string;
  now: Date;
}

/**
 * "Authorise" for a CSP connection (guide 002 "Authorizing Connection"): each prerequisite in
 * turn, each reported ok or failed with its explanation, never stopping at the first failure
 * (a person fixes them all at once).
 */
export async function runCspChecks(input: CspCheckInput): Promise<CspAuthorisation> {
  const { tokens, clients } = input;
  let signedInAs: string | null = null;

  const pcSource = tokens.partnerCenter();
  const pcToken = await attempt('partnerCenterToken', async () => {
    const claims = accessTokenClaims(await pcSource.getToken({ forceRefresh: true }));
    signedInAs = claims.upn ?? claims.preferred_username ?? null;
    return ok(
      'partnerCenterToken',
      `Partner Center token obtained${signedInAs ? ` for ${signedInAs}` : ''}.`,
    );
  });
  const customers =
    pcToken.status === 'ok'
      ? await attempt('customerList', async () => {
          const first = await clients.partnerCenter(pcSource).customers().next();
          const count = first.done ? 0 : first.value.items.length;
          return ok('customerList', `Partner Center lists customers (${count} on the first page).`);
        })
      : skipped('customerList', 'Needs a Partner Center token.');
  const relationships = await attempt('gdapRelationships', async () => {
    // A fresh token: "Authorise" proves the stored secret works now, not an hour ago.
    const source = tokens.partnerGraph();
    await source.getToken({ forceRefresh: true });
    const page = await clients
      .graph(source)
      .get(RELATIONSHIPS_PATH, graphPageSchema(z.looseObject({ id: z.string() })));
    const more = page['@odata.nextLink'] ? ' or more' : '';
    return ok(
      'gdapRelationships',
      `GDAP relationships readable (${page.value.length}${more} on the first page).`,
    );
  });
  const gdap = await attempt('gdapAppToken', async () => {
    const claims = accessTokenClaims(
      await tokens.gdap(input.partnerTenantId).getToken({ forceRefresh: true }),
    );
    const missing = missingGdapRoles(claims.roles ?? []);
    if (missing.length > 0) return failedCheck('gdapAppToken', rolesMissing(missing));
    return ok('gdapAppToken', 'The GDAP app got a token with every mandatory application permission.');
  });

  const checks = [pcToken, customers, relationships, gdap];
  const failed = checks.filter((c) => c.status === 'failed');
  return {
    status: failed.length === 0 ? 'authorised' : 'failed',
    checkedAt: input.now.toISOString(),
    signedInAs,
    checks,
    message:
      failed.length === 0
        ? 'Authorised: Partner Center and both app registrations are ready.'
        : `Not ready: ${failed.map((c) => c.label).join('; ')}. See each check for the fix.`,
  };
}
