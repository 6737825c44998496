import type { ThrottleQuery } from './throttler.js';

/**
 * Base resource-unit costs of Graph's identity and access service (throttling-limits.md,
 * "Identity and access service limits"): `[RU, write units]` by method and path. Anything not
 * listed costs 1 RU, plus 1 write unit for POST, PATCH, PUT and DELETE.
 */
const BASE_COSTS: Record<string, readonly [number, number]> = {
  'GET /applications': [2, 0],
  'GET /applications/{id}/extensionProperties': [2, 0],
  'GET /contracts': [3, 0],
  'POST /directoryObjects/getByIds': [3, 0],
  'GET /domains/{id}/domainNameReferences': [4, 0],
  'POST /getObjectsById': [3, 0],
  'GET /groups/{id}/members': [3, 0],
  'GET /groups/{id}/transitiveMembers': [5, 0],
  'POST /isMemberOf': [4, 0],
  'POST /users/{id}/checkMemberGroups': [4, 0],
  'POST /users/{id}/checkMemberObjects': [4, 0],
  'POST /users/{id}/getMemberGroups': [2, 0],
  'POST /users/{id}/getMemberObjects': [2, 0],
  'GET /users/{id}/licenseDetails': [2, 0],
  'GET /users/{id}/memberOf': [2, 0],
  'GET /users/{id}/ownedObjects': [2, 0],
  'GET /users/{id}/transitiveMemberOf': [2, 0],
  'GET /oauth2PermissionGrants': [2, 0],
  'GET /oauth2PermissionGrants/{id}': [2, 0],
  'GET /servicePrincipals/{id}/appRoleAssignments': [2, 0],
  'GET /subscribedSkus': [3, 0],
  'GET /users': [2, 0],
};

const LOOKUP = new Map(Object.entries(BASE_COSTS).map(([k, v]) => [k.toLowerCase(), v]));

/** First path segments served by the identity and access service (directory objects). */
const IDENTITY_ROOTS = new Set(
  [
    'users',
    'me',
    'groups',
    'directoryObjects',
    'organization',
    'subscribedSkus',
    'domains',
    'applications',
    'servicePrincipals',
    'contracts',
    'oauth2PermissionGrants',
    'getObjectsById',
    'isMemberOf',
    'directoryRoles',
    'directoryRoleTemplates',
    'roleManagement',
    'groupLifecyclePolicies',
    'invitations',
  ].map((s) => s.toLowerCase()),
);

/** Which Graph limits a route falls under. */
export type GraphWorkload = 'identity' | 'intune' | 'batch' | 'other';

export interface RequestCost {
  workload: GraphWorkload;
  resourceUnits: number;
  writeUnits: number;
  write: boolean;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** `$top` below this lowers the cost by one. */
const SMALL_TOP = 20;

/**
 * `GET /groups/{id}/members/{type}` → `GET /groups/{id}/members`: casts cost what the collection
 * costs, `me/…` costs what `users/{id}/…` costs, and any `{param}` reads as `{id}`.
 */
export function normaliseRouteName(route: string): { method: string; path: string } {
  const [method = 'GET', ...rest] = route.trim().split(/\s+/);
  const path = rest
    .join(' ')
    .replace(/^\/(v1\.0|beta)(?=\/)/i, '')
    .replace(/\/\{type\}(?=\/|$)/g, '')
    .replace(/\/microsoft\.graph\.[A-Za-z]+(?=\/|$)/g, '')
    .replace(/\{[^}]*\}|:[A-Za-z]+/g, '{id}')
    .replace(/^\/me(?=\/|$)/i, '/users/{id}');
  return { method: method.toUpperCase(), path };
}

/** Resource-unit and write cost of a Graph request, modifiers included (minimum 1 RU). */
export function graphRequestCost(q: Pick<ThrottleQuery, 'route' | 'method' | 'query'>): RequestCost {
  const { path } = normaliseRouteName(q.route);
  const method = q.method.toUpperCase();
  const root = (path.split('/')[1] ?? '').toLowerCase();
  const write = WRITE_METHODS.has(method);
  if (root === '$batch') return { workload: 'batch', resourceUnits: 1, writeUnits: 0, write: false };
  if (root === 'devicemanagement')
    return { workload: 'intune', resourceUnits: 1, writeUnits: write ? 1 : 0, write };
  if (!IDENTITY_ROOTS.has(root)) return { workload: 'other', resourceUnits: 1, writeUnits: 0, write };
  const listed = LOOKUP.get(`${method} ${path}`.toLowerCase());
  let units = listed?.[0] ?? 1;
  const writeUnits = listed?.[1] ?? (write ? 1 : 0);
  if (q.query.has('$select')) units -= 1;
  if (q.query.has('$expand')) units += 1;
  const top = Number(q.query.get('$top'));
  if (q.query.has('$top') && Number.isFinite(top) && top < SMALL_TOP) units -= 1;
  return { workload: 'identity', resourceUnits: Math.max(1, units), writeUnits, write };
}
