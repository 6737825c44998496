import {
  GRAPH_APP_ID,
  GRAPH_RESOURCE,
  PARTNER_API_APP_ID,
  PARTNER_API_RESOURCE,
  PARTNER_CENTER_APP_ID,
  PARTNER_CENTER_RESOURCE,
} from '../state/types.js';
import { aadErrors, type AadError } from './errors.js';

/** A resource (API) tokens can be issued for, known by its URL or its app id. */
export interface Resource {
  url: string;
  appId: string;
}

export const GRAPH: Resource = { url: GRAPH_RESOURCE, appId: GRAPH_APP_ID };
export const PARTNER_CENTER: Resource = { url: PARTNER_CENTER_RESOURCE, appId: PARTNER_CENTER_APP_ID };
export const PARTNER_API: Resource = { url: PARTNER_API_RESOURCE, appId: PARTNER_API_APP_ID };
const RESOURCES: readonly Resource[] = [GRAPH, PARTNER_CENTER, PARTNER_API];

/** OpenID Connect scopes: they name no resource. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
export const DEFAULT_SCOPE = '.default';
const DEFAULT_SUFFIX = `/${DEFAULT_SCOPE}`;

/** By URL (trailing slashes and case ignored) or app id. */
export function resolveResource(identifier: string): Resource | undefined {
  const id = identifier.replace(/\/+$/, '').toLowerCase();
  return RESOURCES.find((r) => r.url.toLowerCase() === id || r.appId === id);
}

export function splitScopes(param: string): string[] {
  return param.split(/\s+/).filter(Boolean);
}

/** One requested permission of a resource; `qualified` when written with the resource prefix. */
export interface ResourceScope {
  raw: string;
  resource: Resource;
  permission: string;
  qualified: boolean;
}

export type DelegatedScopes =
  | { ok: true; oidc: string[]; resourceScopes: ResourceScope[]; resources: Resource[] }
  | { ok: false; error: AadError };

/**
 * Scopes of a delegated request: OIDC scopes, `User.Read` (Graph when unqualified),
 * `https://graph.microsoft.com/User.Read`, `<resource>/.default`. Unknown resources are invalid.
 */
export function parseDelegatedScopes(param: string): DelegatedScopes {
  const oidc: string[] = [];
  const resourceScopes: ResourceScope[] = [];
  for (const raw of splitScopes(param)) {
    if (OIDC_SCOPES.has(raw.toLowerCase())) {
      oidc.push(raw.toLowerCase());
      continue;
    }
    const slash = raw.lastIndexOf('/');
    if (slash < 0) {
      resourceScopes.push({ raw, resource: GRAPH, permission: raw, qualified: false });
      continue;
    }
    const resource = resolveResource(raw.slice(0, slash));
    const permission = raw.slice(slash + 1);
    if (!resource || !permission) return { ok: false, error: aadErrors.invalidScope(raw) };
    resourceScopes.push({ raw, resource, permission, qualified: true });
  }
  const resources = [...new Set(resourceScopes.map((s) => s.resource))];
  return { ok: true, oidc, resourceScopes, resources };
}

/**
 * Client credentials accept only `<resource>/.default`, all for one resource (AADSTS1002012,
 * AADSTS700022); an unknown resource is AADSTS70011 as in Microsoft's documented example.
 */
export function parseClientCredentialScopes(
  param: string,
): { ok: true; resource: Resource } | { ok: false; error: AadError } {
  const resources = new Set<Resource>();
  for (const raw of splitScopes(param)) {
    if (!raw.endsWith(DEFAULT_SUFFIX)) return { ok: false, error: aadErrors.scopeWithoutDefault(raw) };
    const resource = resolveResource(raw.slice(0, -DEFAULT_SUFFIX.length));
    if (!resource) return { ok: false, error: aadErrors.invalidScope(raw) };
    resources.add(resource);
  }
  const [first, ...rest] = resources;
  if (!first) return { ok: false, error: aadErrors.missingParameter('scope') };
  if (rest.length > 0) return { ok: false, error: aadErrors.multipleResources(param) };
  return { ok: true, resource: first };
}
