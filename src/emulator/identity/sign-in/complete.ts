import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../../context.js';
import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { TenantRecord, UserRecord } from '../../state/types.js';
import type { AadError } from '../errors.js';
import type { IdentityState } from '../identity-state.js';
import { errorFields, html, redirect } from '../respond.js';
import type { FlowRequest } from './flow-request.js';
import { formPostPage } from './pages.js';

/** Hands a result to the app's redirect URI in the requested response mode, with `state` echoed. */
export function respondToClient(flow: FlowRequest, values: Record<string, string>): EmuResponse {
  const all = { ...values, ...(flow.state !== null ? { state: flow.state } : {}) };
  if (flow.responseMode === 'form_post') return html(200, formPostPage(flow.redirectUri, all));
  const url = new URL(flow.redirectUri);
  if (flow.responseMode === 'fragment') url.hash = new URLSearchParams(all).toString();
  else for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
  return redirect(url.toString());
}

export function redirectError(
  ctx: EmulatorContext,
  req: EmuRequest,
  flow: FlowRequest,
  err: AadError,
): EmuResponse {
  return respondToClient(flow, errorFields(ctx, req, err));
}

/** Issues a single-use authorization code bound to client, user, redirect URI, PKCE and nonce. */
export function issueCode(
  ctx: EmulatorContext,
  state: IdentityState,
  flow: FlowRequest,
  tenant: TenantRecord,
  user: UserRecord,
): EmuResponse {
  state.prune();
  const code = `1.${state.handle()}`;
  const now = ctx.clock.now();
  state.codes.set(code, {
    clientId: flow.app.clientId,
    tenantId: tenant.id,
    userId: user.props.id,
    redirectUri: flow.redirectUri,
    scope: flow.scope,
    codeChallenge: flow.codeChallenge,
    codeChallengeMethod: flow.codeChallengeMethod,
    nonce: flow.nonce,
    authTime: now,
    expiresAt: now + ctx.behaviour.identity.authorizationCodeLifetimeSeconds * 1000,
    redeemed: false,
  });
  return respondToClient(flow, { code, session_state: randomUUID() });
}
