import { createHash, randomBytes } from 'node:crypto';
import type { Emulator } from '../../src/emulator/index.js';
import { DEMO_PASSWORD } from '../../src/emulator/identity/passwords.js';

export const REDIRECT_URI = 'https://rollcall.example/connections/callback';

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The first form of a page, as a browser would submit it (hidden fields included). */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form on the page:\n${html}`);
  const fields: Record<string, string> = {};
  for (const m of form[2]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeHtml(m[1]!)] = unescapeHtml(m[2]!);
  }
  return { action: unescapeHtml(form[1]!), fields };
}

async function post(emu: Emulator, url: string, fields: Record<string, string>) {
  return emu.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/**
 * What an administrator does once when connecting a tenant: sign in on the authorize page (and
 * consent if asked), then the code is redeemed for the refresh token Rollcall stores.
 */
export async function connectAsUser(
  emu: Emulator,
  input: { tenantId: string; clientId: string; clientSecret: string; login: string; scope: string },
): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: input.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    response_mode: 'query',
    scope: input.scope,
    state: 'connect',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const page = await emu.inject({ method: 'GET', url: `/${input.tenantId}/oauth2/v2.0/authorize?${query}` });
  const signInForm = formOf(String(page.body));
  let reply = await post(emu, signInForm.action, {
    ...signInForm.fields,
    login: input.login,
    passwd: DEMO_PASSWORD,
    action: 'signin',
  });
  if (reply.status === 200 && String(reply.body).includes('Permissions requested')) {
    const consent = formOf(String(reply.body));
    reply = await post(emu, consent.action, { ...consent.fields, action: 'accept' });
  }
  const location = reply.headers?.location;
  if (reply.status !== 302 || !location)
    throw new Error(`sign-in did not redirect: ${reply.status} ${String(reply.body)}`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  const token = await post(emu, `/${input.tenantId}/oauth2/v2.0/token`, {
    grant_type: 'authorization_code',
    client_id: input.clientId,
    client_secret: input.clientSecret,
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
    scope: input.scope,
  });
  const refreshToken = (token.body as { refresh_token?: string }).refresh_token;
  if (!refreshToken) throw new Error(`no refresh token: ${JSON.stringify(token.body)}`);
  return refreshToken;
}

/** The scope "Authorise" asks for on a CSP connection (Partner Center as the user, with a refresh token). */
export const PARTNER_CENTER_SCOPE =
  'https://api.partnercenter.microsoft.com/user_impersonation offline_access';

/**
 * "Authorise" on a CSP connection: the partner's first enabled user (an Admin agent unless the
 * test gives them other Partner Center roles) signs in to the partner's Partner Center app.
 * Returns the refresh token Rollcall stores, and the user's object id.
 */
export async function authorisePartnerUser(emu: Emulator): Promise<{ refreshToken: string; userId: string }> {
  const partnerApp = emu.info().apps.find((a) => a.kind === 'partner');
  const partner = emu.estate.partnerTenantId ? emu.estate.tenant(emu.estate.partnerTenantId) : undefined;
  if (!partnerApp?.clientSecret || !partner) throw new Error('the emulator has no partner app');
  const registered = await emu.inject({
    method: 'POST',
    url: `/_emulator/apps/${partnerApp.clientId}/redirect-uris`,
    body: { uris: [REDIRECT_URI] },
  });
  if (registered.status !== 200) throw new Error(`redirect URI refused: ${registered.status}`);
  const user = [...partner.users.values()].find((u) => u.props.accountEnabled !== false)!;
  const refreshToken = await connectAsUser(emu, {
    tenantId: partner.id,
    clientId: partnerApp.clientId,
    clientSecret: partnerApp.clientSecret,
    login: String(user.props.userPrincipalName),
    scope: PARTNER_CENTER_SCOPE,
  });
  return { refreshToken, userId: String(user.props.id) };
}
