import type { EmulatorContext } from '../../context.js';
import { readForm, type EmuRequest, type EmuResponse, type Handler } from '../../http/types.js';
import type { TenantRecord, UserRecord } from '../../state/types.js';
import { aadErrors, type AadError } from '../errors.js';
import type { IdentityState } from '../identity-state.js';
import { verifyPassword } from '../passwords.js';
import { signInRefusal } from '../permissions.js';
import { html } from '../respond.js';
import { issueCode, redirectError, respondToClient } from './complete.js';
import { missingConsent, permissionLabels, requestedPermissions } from './consent.js';
import { validateFlow, type FlowMode, type FlowRequest } from './flow-request.js';
import { consentPage, errorPage, signInPage } from './pages.js';

/** Time between passing the password step and answering the consent page. */
const SIGN_IN_SESSION_MS = 15 * 60 * 1000;

type Found = { ok: true; tenant: TenantRecord; user: UserRecord } | { ok: false; error: AadError };

/** By UPN; on `common`/`organizations` the tenant is the one owning the UPN's domain. */
function findUser(ctx: EmulatorContext, flow: FlowRequest, login: string): Found {
  const domain = login.split('@')[1] ?? '';
  const tenant = flow.target.kind === 'tenant' ? flow.target.tenant : ctx.estate.tenant(domain);
  const id = tenant?.upnIndex.get(login.toLowerCase());
  const user = id ? tenant?.users.get(id) : undefined;
  if (!tenant || !user || user.deletedAt !== null) {
    return { ok: false, error: aadErrors.userNotFound(login, tenant?.displayName ?? flow.target.segment) };
  }
  return { ok: true, tenant, user };
}

const describe = (err: AadError) => `AADSTS${err.aadsts}: ${err.description}`;

/** GET and POST handlers of `/{tenant}/oauth2/v2.0/authorize` or `/{tenant}/adminconsent`. */
export function createSignInHandlers(
  ctx: EmulatorContext,
  state: IdentityState,
  mode: FlowMode,
): { get: Handler; post: Handler } {
  const signInForm = (flow: FlowRequest, login: string, error?: AadError) =>
    html(
      200,
      signInPage({
        action: flow.action,
        appName: flow.app.displayName,
        params: flow.params,
        login,
        error: error && describe(error),
      }),
    );

  const isAdminConsent = (flow: FlowRequest) =>
    flow.mode === 'adminconsent' || flow.prompt === 'admin_consent';

  const afterSignIn = (flow: FlowRequest, tenant: TenantRecord, user: UserRecord): EmuResponse => {
    const missing = missingConsent(state, tenant, flow.app, user.props.id, flow.scope);
    if (isAdminConsent(flow) || flow.prompt === 'consent' || missing.size > 0) {
      const session = state.handle();
      state.sessions.set(session, {
        tenantId: tenant.id,
        userId: user.props.id,
        expiresAt: ctx.clock.now() + SIGN_IN_SESSION_MS,
      });
      return html(
        200,
        consentPage({
          action: flow.action,
          appName: flow.app.displayName,
          params: flow.params,
          session,
          login: String(user.props.userPrincipalName),
          permissions: permissionLabels(flow.app, flow.scope, isAdminConsent(flow)),
          admin: isAdminConsent(flow),
        }),
      );
    }
    return issueCode(ctx, state, flow, tenant, user);
  };

  const signIn = (flow: FlowRequest, form: URLSearchParams): EmuResponse => {
    const login = form.get('login')?.trim() ?? '';
    const found = findUser(ctx, flow, login);
    if (!found.ok) return signInForm(flow, login, found.error);
    if (!verifyPassword(form.get('passwd') ?? '', found.user.passwordHash)) {
      return signInForm(flow, login, aadErrors.badPassword());
    }
    if (found.user.props.accountEnabled === false) return signInForm(flow, login, aadErrors.userDisabled());
    const refusal = signInRefusal(ctx, flow.app, found.tenant);
    if (refusal) return html(400, errorPage(describe(refusal)));
    // The tenant's user-risk policy blocks high-risk users after they prove who they are.
    if (found.user.riskLevel === 'high') {
      return html(400, errorPage(describe(aadErrors.blockedByConditionalAccess())));
    }
    return afterSignIn(flow, found.tenant, found.user);
  };

  const answerConsent = (req: EmuRequest, flow: FlowRequest, form: URLSearchParams, accept: boolean) => {
    const sessionId = form.get('session') ?? '';
    const session = state.sessions.get(sessionId);
    const tenant =
      session && session.expiresAt > ctx.clock.now() ? ctx.estate.tenant(session.tenantId) : undefined;
    const user = session ? tenant?.users.get(session.userId) : undefined;
    if (!session || !tenant || !user) return signInForm(flow, flow.loginHint, aadErrors.sessionExpired());
    state.sessions.delete(sessionId);
    if (!accept) return redirectError(ctx, req, flow, aadErrors.userDeclinedConsent());

    if (isAdminConsent(flow) || form.get('consent_org') === 'true')
      ctx.estate.grantConsent(tenant.id, flow.app.clientId);
    for (const [resource, names] of requestedPermissions(flow.app, flow.scope)) {
      state.addUserConsent(tenant.id, flow.app.clientId, user.props.id, resource.url, names);
    }
    if (flow.mode === 'adminconsent') {
      return respondToClient(flow, {
        admin_consent: 'True',
        tenant: tenant.id,
        ...(flow.scope ? { scope: flow.scope } : {}),
      });
    }
    return issueCode(ctx, state, flow, tenant, user);
  };

  return {
    get(req, params) {
      const v = validateFlow(ctx, req, params.tenant ?? '', mode, req.url.searchParams);
      if (!v.ok) return v.res;
      if (v.redirectError) return redirectError(ctx, req, v.flow, v.redirectError);
      return signInForm(v.flow, v.flow.loginHint);
    },
    post(req, params) {
      const form = readForm(req);
      const v = validateFlow(ctx, req, params.tenant ?? '', mode, form);
      if (!v.ok) return v.res;
      if (v.redirectError) return redirectError(ctx, req, v.flow, v.redirectError);
      const action = form.get('action');
      if (action === 'signin') return signIn(v.flow, form);
      if (action === 'accept' || action === 'decline')
        return answerConsent(req, v.flow, form, action === 'accept');
      return signInForm(v.flow, v.flow.loginHint);
    },
  };
}
