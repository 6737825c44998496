import { z } from 'zod';
import type { EmulatorContext } from '../../context.js';
import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { AppRegistration } from '../../state/types.js';
import { aadErrors, type AadError } from '../errors.js';
import { signInRefusal } from '../permissions.js';
import { errorFields, html } from '../respond.js';
import { parseDelegatedScopes } from '../scopes.js';
import { resolveTenantTarget, type TenantTarget } from '../tenant-target.js';
import { errorPage } from './pages.js';

/** `authorize` hands out a code; `adminconsent` grants the app's permissions in a tenant. */
export type FlowMode = 'authorize' | 'adminconsent';

/** Request parameters the sign-in pages carry along as hidden fields. */
const flowParamsSchema = z.object({
  client_id: z.string().optional(),
  response_type: z.string().optional(),
  redirect_uri: z.string().optional(),
  response_mode: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
  nonce: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
  prompt: z.string().optional(),
  login_hint: z.string().optional(),
  domain_hint: z.string().optional(),
});
type FlowParams = z.infer<typeof flowParamsSchema>;

export interface FlowRequest {
  mode: FlowMode;
  target: Exclude<TenantTarget, { kind: 'unknown' | 'consumers' }>;
  app: AppRegistration;
  redirectUri: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  state: string | null;
  nonce: string | null;
  scope: string;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain';
  prompt: string | null;
  loginHint: string;
  /** Path the pages post back to. */
  action: string;
  /** The original parameters, re-sent by every form of the flow. */
  params: Record<string, string>;
}

export type FlowValidation =
  { ok: true; flow: FlowRequest; redirectError: AadError | null } | { ok: false; res: EmuResponse };

function readParams(source: URLSearchParams): FlowParams {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(flowParamsSchema.shape)) {
    const value = source.get(key);
    if (value !== null) raw[key] = value;
  }
  return flowParamsSchema.parse(raw);
}

function page(ctx: EmulatorContext, req: EmuRequest, err: AadError): { ok: false; res: EmuResponse } {
  const fields = errorFields(ctx, req, err);
  return { ok: false, res: html(err.status, errorPage(fields.error_description ?? err.description)) };
}

const RESPONSE_MODES = new Set(['query', 'fragment', 'form_post']);

/**
 * Validates an authorize or admin-consent request. Problems with the tenant, the client or the
 * redirect URI are shown on the page (redirecting would hand them to an unverified URI); the rest
 * are sent back to the app's redirect URI (`redirectError`).
 */
export function validateFlow(
  ctx: EmulatorContext,
  req: EmuRequest,
  segment: string,
  mode: FlowMode,
  source: URLSearchParams,
): FlowValidation {
  const p = readParams(source);
  const target = resolveTenantTarget(ctx, segment);
  if (target.kind === 'unknown' || target.kind === 'consumers') {
    return page(ctx, req, aadErrors.tenantNotFound(segment));
  }
  if (!p.client_id) return page(ctx, req, aadErrors.missingParameter('client_id'));
  const app = ctx.estate.apps.get(p.client_id.toLowerCase());
  const directory = target.kind === 'tenant' ? target.tenant.displayName : target.segment;
  if (!app) return page(ctx, req, aadErrors.appNotFound(p.client_id, directory));
  const refusal = target.kind === 'tenant' ? signInRefusal(ctx, app, target.tenant) : null;
  if (refusal) return page(ctx, req, refusal);
  const redirectUri = p.redirect_uri ?? app.redirectUris[0];
  if (!redirectUri) return page(ctx, req, aadErrors.noReplyAddress());
  if (!app.redirectUris.includes(redirectUri)) {
    return page(ctx, req, aadErrors.redirectUriMismatch(redirectUri, app.clientId));
  }

  const params = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const responseMode = mode === 'authorize' && p.response_mode ? p.response_mode : 'query';
  const flow: FlowRequest = {
    mode,
    target,
    app,
    redirectUri,
    responseMode: RESPONSE_MODES.has(responseMode) ? (responseMode as FlowRequest['responseMode']) : 'query',
    state: p.state ?? null,
    nonce: p.nonce ?? null,
    scope: p.scope ?? '',
    codeChallenge: p.code_challenge ?? null,
    codeChallengeMethod: p.code_challenge_method === 'S256' ? 'S256' : 'plain',
    prompt: p.prompt?.toLowerCase() ?? null,
    loginHint: p.login_hint ?? '',
    action: req.url.pathname,
    params,
  };
  return { ok: true, flow, redirectError: mode === 'authorize' ? authorizeProblem(p) : null };
}

function authorizeProblem(p: FlowParams): AadError | null {
  if (!p.response_type) return aadErrors.missingParameter('response_type');
  if (p.response_type !== 'code') return aadErrors.unsupportedResponseType(p.response_type);
  if (p.response_mode && !RESPONSE_MODES.has(p.response_mode))
    return aadErrors.unsupportedResponseMode(p.response_mode);
  if (!p.scope) return aadErrors.missingParameter('scope');
  const scopes = parseDelegatedScopes(p.scope);
  if (!scopes.ok) return scopes.error;
  if (p.code_challenge_method && !['S256', 'plain'].includes(p.code_challenge_method)) {
    return aadErrors.invalidCodeChallengeMethod();
  }
  if (p.prompt?.toLowerCase() === 'none') return aadErrors.loginRequired();
  return null;
}
