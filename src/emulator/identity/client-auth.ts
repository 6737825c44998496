import { timingSafeEqual } from 'node:crypto';
import type { AppRegistration } from '../state/types.js';
import { assertionSubject, verifyClientAssertion } from './client-assertion.js';
import { aadErrors, type AadError } from './errors.js';
import { audienceMatcher, readBasicCredentials, type TokenRequest } from './token-request.js';

/** `appidacr`: how the client authenticated (0 public, 1 secret, 2 certificate). */
export type AppIdAcr = '0' | '1' | '2';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The app named by `client_id` (form, Basic header, or the assertion's `sub`). A single-tenant app
 * asked for in another tenant is "not found in the directory" (AADSTS700016), as Microsoft says.
 */
export function findClient(
  t: TokenRequest,
): { ok: true; app: AppRegistration } | { ok: false; error: AadError } {
  const assertion = t.form.get('client_assertion');
  const clientId =
    t.form.get('client_id') ??
    readBasicCredentials(t.req)?.clientId ??
    (assertion ? assertionSubject(assertion) : undefined);
  if (!clientId) return { ok: false, error: aadErrors.missingParameter('client_id') };
  const directory = t.target.kind === 'tenant' ? t.target.tenant.displayName : t.target.segment;
  const app = t.ctx.estate.apps.get(clientId.toLowerCase());
  if (!app) return { ok: false, error: aadErrors.appNotFound(clientId, directory) };
  if (
    t.target.kind === 'tenant' &&
    !app.multiTenant &&
    app.homeTenantId.toLowerCase() !== t.target.tenant.id
  ) {
    return { ok: false, error: aadErrors.appNotFound(clientId, directory) };
  }
  return { ok: true, app };
}

/**
 * Verifies the client's credential: a certificate assertion, or a secret in the form or the Basic
 * header. An app with no credentials registered is a public client and may send none.
 */
export async function authenticateClient(
  t: TokenRequest,
  app: AppRegistration,
): Promise<{ ok: true; appidacr: AppIdAcr } | { ok: false; error: AadError }> {
  const assertion = t.form.get('client_assertion');
  if (assertion) {
    const error = await verifyClientAssertion(t.ctx, {
      app,
      assertion,
      assertionType: t.form.get('client_assertion_type'),
      audienceOk: audienceMatcher(t),
    });
    return error ? { ok: false, error } : { ok: true, appidacr: '2' };
  }
  const secret = t.form.get('client_secret') ?? readBasicCredentials(t.req)?.secret;
  if (secret) {
    const match = app.secrets.find((s) => sameSecret(s.value, secret));
    if (!match) return { ok: false, error: aadErrors.invalidSecret(app.clientId) };
    if (match.expiresAt < t.ctx.clock.now())
      return { ok: false, error: aadErrors.expiredSecret(app.clientId) };
    return { ok: true, appidacr: '1' };
  }
  if (app.secrets.length > 0 || app.certificates.length > 0)
    return { ok: false, error: aadErrors.noCredential() };
  return { ok: true, appidacr: '0' };
}
