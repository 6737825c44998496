import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.js';
import { DEMO_PASSWORD } from '../../../src/emulator/identity/passwords.js';
import { REDIRECT_URI } from './fixtures.js';
import { formOf, getPage, postPage, redirectParams, type Reply } from './helpers.js';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(method: 'S256' | 'plain' = 'S256'): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return { verifier, challenge };
}

export function authorizeUrl(tenant: string, params: Record<string, string>): string {
  const query = new URLSearchParams({
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    response_mode: 'query',
    state: 'state-123',
    ...params,
  });
  return `/${tenant}/oauth2/v2.0/authorize?${query.toString()}`;
}

/** Fills and submits the sign-in form of a page, as a person would. */
export async function signIn(
  emu: Emulator,
  page: Reply,
  login: string,
  password = DEMO_PASSWORD,
): Promise<Reply> {
  expect(page.status).toBe(200);
  const { action, fields } = formOf(String(page.body));
  return postPage(emu, action, { ...fields, login, passwd: password, action: 'signin' });
}

/** Answers the consent page. */
export async function answerConsent(
  emu: Emulator,
  page: Reply,
  accept: boolean,
  extra: Record<string, string> = {},
): Promise<Reply> {
  expect(String(page.body)).toContain('Permissions requested');
  const { action, fields } = formOf(String(page.body));
  return postPage(emu, action, { ...fields, ...extra, action: accept ? 'accept' : 'decline' });
}

/** Runs authorize → sign-in → (consent) and returns the code from the redirect. */
export async function obtainCode(
  emu: Emulator,
  tenant: string,
  params: Record<string, string>,
  login: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  let reply = await signIn(emu, await getPage(emu, authorizeUrl(tenant, params)), login, password);
  if (reply.status === 200 && String(reply.body).includes('Permissions requested')) {
    reply = await answerConsent(emu, reply, true);
  }
  const query = redirectParams(reply);
  expect(query.get('state')).toBe(params.state ?? 'state-123');
  return query.get('code')!;
}
