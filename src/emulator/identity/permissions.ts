import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import type { AppRegistration, ServicePrincipalRecord, TenantRecord } from '../state/types.js';
import { aadErrors, type AadError } from './errors.js';
import type { IdentityState } from './identity-state.js';
import { resolveResource, type Resource } from './scopes.js';

/** Names granted for `resource` in a permission map keyed by resource URL or resource app id. */
export function grantedFor(map: Record<string, string[]>, resource: Resource): string[] {
  const names = new Set<string>();
  for (const [key, values] of Object.entries(map)) {
    if (resolveResource(key) === resource) for (const v of values) names.add(v);
  }
  return [...names];
}

/**
 * Why a multi-tenant app restricted to some tenants may not be used in `tenant` (guide 002's
 * "not allowed to be used by tenant"), in the code the behaviour switch chooses; null when allowed.
 */
export function tenantRestriction(
  ctx: EmulatorContext,
  app: AppRegistration,
  tenant: TenantRecord,
): AadError | null {
  const allowed = app.allowedTenantIds;
  if (!allowed || app.homeTenantId.toLowerCase() === tenant.id) return null;
  if (allowed.some((id) => id.toLowerCase() === tenant.id)) return null;
  switch (ctx.behaviour.identity.restrictedTenantCode) {
    case 90099:
      return aadErrors.appNotAuthorizedInTenant(app.clientId, app.displayName, tenant.id);
    case 500011:
      return aadErrors.resourcePrincipalNotFound(app.clientId, tenant.displayName);
    case 700016:
      return aadErrors.appNotFound(app.clientId, tenant.displayName);
    default:
      return aadErrors.tenantNotAllowed(app.clientId, app.displayName, tenant.displayName, tenant.id);
  }
}

/**
 * Whether an app may obtain app-only tokens in a tenant: its home tenant always (the service
 * principal there may lack any grant), another tenant only when multi-tenant, allowed there AND
 * consented.
 */
export function appPresence(
  ctx: EmulatorContext,
  app: AppRegistration,
  tenant: TenantRecord,
): { ok: true; sp: ServicePrincipalRecord | undefined } | { ok: false; error: AadError } {
  const sp = tenant.servicePrincipals.get(app.clientId);
  if (app.homeTenantId.toLowerCase() === tenant.id) return { ok: true, sp };
  if (!app.multiTenant) return { ok: false, error: aadErrors.appNotFound(app.clientId, tenant.displayName) };
  const restricted = tenantRestriction(ctx, app, tenant);
  if (restricted) return { ok: false, error: restricted };
  if (sp) return { ok: true, sp };
  const code = ctx.behaviour.identity.missingServicePrincipalCode;
  if (code === 700016) return { ok: false, error: aadErrors.appNotFound(app.clientId, tenant.displayName) };
  if (code === 90099) {
    return { ok: false, error: aadErrors.appNotAuthorizedInTenant(app.clientId, app.displayName, tenant.id) };
  }
  return { ok: false, error: aadErrors.missingServicePrincipal(app.clientId, tenant.id) };
}

/** Whether a user may sign in to an app in a tenant at all (home tenant, or a multi-tenant app). */
export function appUsableIn(app: AppRegistration, tenant: TenantRecord): boolean {
  return app.multiTenant || app.homeTenantId.toLowerCase() === tenant.id;
}

/** Why a user of `tenant` cannot sign in to (or consent to) `app`, or null when they can. */
export function signInRefusal(
  ctx: EmulatorContext,
  app: AppRegistration,
  tenant: TenantRecord,
): AadError | null {
  if (!appUsableIn(app, tenant)) return aadErrors.appNotFound(app.clientId, tenant.displayName);
  return tenantRestriction(ctx, app, tenant);
}

/** The app's object id in a tenant: its service principal, or a stable stand-in before consent. */
export function appObjectId(app: AppRegistration, tenant: TenantRecord, sp?: ServicePrincipalRecord): string {
  if (sp) return sp.id;
  const hex = createHash('sha256').update(`${tenant.id}:${app.clientId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Delegated scopes a user holds for an app on a resource: tenant-wide grants plus their own consent. */
export function consentedScopes(
  state: IdentityState,
  tenant: TenantRecord,
  app: AppRegistration,
  userId: string,
  resource: Resource,
): string[] {
  const sp = tenant.servicePrincipals.get(app.clientId);
  const all = [
    ...grantedFor(sp?.delegatedScopes ?? {}, resource),
    ...state.userConsent(tenant.id, app.clientId, userId, resource.url),
  ];
  const seen = new Set<string>();
  return all.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}
