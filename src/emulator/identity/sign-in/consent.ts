import type { AppRegistration, TenantRecord } from '../../state/types.js';
import type { IdentityState } from '../identity-state.js';
import { consentedScopes, grantedFor } from '../permissions.js';
import { DEFAULT_SCOPE, parseDelegatedScopes, type Resource } from '../scopes.js';

/**
 * Delegated permissions a request asks for, per resource; `<resource>/.default` stands for the
 * permissions the app registration declares for that resource.
 */
export function requestedPermissions(app: AppRegistration, scope: string): Map<Resource, string[]> {
  const parsed = parseDelegatedScopes(scope);
  const out = new Map<Resource, string[]>();
  if (!parsed.ok) return out;
  for (const s of parsed.resourceScopes) {
    const names =
      s.permission === DEFAULT_SCOPE ? grantedFor(app.requiredScopes, s.resource) : [s.permission];
    out.set(s.resource, [...new Set([...(out.get(s.resource) ?? []), ...names])]);
  }
  return out;
}

/** Requested permissions the user does not yet hold (neither tenant-wide nor their own consent). */
export function missingConsent(
  state: IdentityState,
  tenant: TenantRecord,
  app: AppRegistration,
  userId: string,
  scope: string,
): Map<Resource, string[]> {
  const missing = new Map<Resource, string[]>();
  for (const [resource, names] of requestedPermissions(app, scope)) {
    const held = new Set(consentedScopes(state, tenant, app, userId, resource).map((s) => s.toLowerCase()));
    const lacking = names.filter((n) => !held.has(n.toLowerCase()));
    if (lacking.length > 0) missing.set(resource, lacking);
  }
  return missing;
}

/** What the consent page lists: delegated permissions, plus application permissions for admin consent. */
export function permissionLabels(app: AppRegistration, scope: string, admin: boolean): string[] {
  const labels: string[] = [];
  for (const [resource, names] of requestedPermissions(app, scope)) {
    for (const n of names) labels.push(`${n} (${resource.url}, delegated)`);
  }
  if (admin) {
    for (const [resource, names] of Object.entries(app.requiredScopes)) {
      for (const n of names) labels.push(`${n} (${resource}, delegated)`);
    }
    for (const [resource, names] of Object.entries(app.requiredAppRoles)) {
      for (const n of names) labels.push(`${n} (${resource}, application)`);
    }
  }
  return [...new Set(labels)];
}
