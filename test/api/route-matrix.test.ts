import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/contracts/api/endpoint.js';
import { PERMISSIONS, type Access, type Permission } from '../../src/contracts/permissions.js';
import { createConnectionRepository, createRoleRepository } from '../../src/store/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  call,
  givenAgent,
  givenBuiltInRoles,
  givenCustomer,
  givenPortalUser,
  signIn,
  type Caller,
} from './access/fixtures.js';
import { sampleInput } from './access/sample-input.js';

/** One kind of caller of the matrix: who they are and what they hold. */
interface MatrixRole {
  name: string;
  kind: 'agent' | 'portal' | null;
  permissions: ReadonlySet<Permission>;
  accountId: string | null;
}

/** Whether `role` holds `permission` (administrators hold every agent permission). */
function holds(role: MatrixRole, permission: Permission): boolean {
  return (
    role.permissions.has(permission) ||
    (role.kind === 'agent' &&
      role.permissions.has('administrator') &&
      PERMISSIONS[permission].kind === 'agent')
  );
}

/**
 * The verdict the endpoint's access rule (and its `alsoRequires`) gives `role`, computed here
 * independently of the server. The matrix's agents hold no connection grants.
 */
function expectedVerdict(endpoint: Endpoint, role: MatrixRole): 'allowed' | 'refused' | 'public' {
  const access: Access = endpoint.access;
  if ('public' in access) return 'public';
  if (role.kind === null) return 'refused';
  const allowed =
    'signedIn' in access
      ? access.signedIn === 'any' || access.signedIn === role.kind
      : holds(role, access.permission);
  const narrowed = endpoint.alsoRequires;
  if (allowed && narrowed && !(role.kind === 'agent' && narrowed.permissions.some((p) => holds(role, p))))
    return 'refused';
  return allowed ? 'allowed' : 'refused';
}

/**
 * Every endpoint anyone may call without a session, and why. A new public endpoint fails the
 * matrix until it is listed here with its reason.
 */
const PUBLIC_ENDPOINTS: Record<string, string> = {
  'GET /api/setup': 'first run: whether an administrator exists yet',
  'POST /api/setup': 'first run: creates the first administrator (refused once one exists)',
  'POST /api/auth/login': 'signing in',
  'GET /api/auth/methods': 'the sign-in page shows which methods are on',
  'GET /api/auth/sso/start': 'starts Sign in with Microsoft',
  'GET /api/auth/sso/callback': "Microsoft's redirect back from sign-in (state checked)",
  'GET /healthz': 'load balancers and orchestrators have no session',
  'GET /metrics': 'scrapers have no session (bearer token when metrics.token is set)',
  'GET /api/openapi.json': 'the API description',
  'GET /api/version': 'name and version of the server',
  'POST /api/notifications/graph':
    "Microsoft Graph's change-notification webhook: Microsoft has no session; each notification is checked against its subscription's client state",
  'POST /api/notifications/graph/lifecycle':
    "Microsoft Graph's lifecycle webhook: as above (reauthorization requests)",
  'POST /api/partner-center/webhooks/:connectionId':
    "Partner Center's webhook callback: Microsoft has no session; each event's RSA-SHA256 signature is verified with Microsoft's certificate, and the event only names a subscription to read again",
};

const AGENT_PERMISSIONS = (Object.keys(PERMISSIONS) as Permission[]).filter(
  (p) => PERMISSIONS[p].kind === 'agent' && p !== 'administrator',
);

describe('route × role matrix', () => {
  let app: TestApp;
  const roles: MatrixRole[] = [];
  /** Real ids of customer B's objects (and other records), by the resource a path names. */
  const pathIds: Record<string, string> = {};
  /** Values a portal user of customer A must never receive. */
  const customerBSecrets: string[] = [];
  /** Values a portal user of customer A must receive somewhere (so the scan is not vacuous). */
  const customerAValues: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.deps.db;
    await givenBuiltInRoles(db);
    const alpha = await givenCustomer(db, 'Alpha', 3);
    const bravo = await givenCustomer(db, 'Bravo', 3);
    const bravoPortal = await givenPortalUser(db, bravo, ['Portal requester']);
    const spareAgent = await givenAgent(db, { roleNames: [] });
    const spareRole = await createRoleRepository(db).create({
      kind: 'portal',
      name: `Matrix spare ${randomUUID().slice(0, 8)}`,
      permissions: ['portal.requests.read'],
    });
    const connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind: 'entra',
      name: `Matrix ${randomUUID()}`,
      tenantId: randomUUID(),
    });
    Object.assign(pathIds, {
      customers: bravo.customer.id,
      sites: bravo.otherSite.id,
      users: bravo.users[0]!.id,
      accounts: bravoPortal.accountId,
      agents: spareAgent.agentId,
      roles: spareRole.id,
      connections: connection.id,
    });
    customerBSecrets.push(
      bravo.customer.id,
      bravo.customer.name,
      bravo.defaultSite.id,
      bravo.otherSite.id,
      bravoPortal.accountId,
      bravoPortal.deskUserId,
      ...bravo.users.flatMap((user) => [user.id, user.displayName]),
    );
    customerAValues.push(alpha.customer.id, ...alpha.users.map((user) => user.id));

    const add = (name: string, caller: Caller | null, kind: MatrixRole['kind'], permissions: Permission[]) =>
      roles.push({ name, kind, permissions: new Set(permissions), accountId: caller?.accountId ?? null });
    add('anonymous', null, null, []);
    add('administrator', await givenAgent(db, { roleNames: ['Administrator'] }), 'agent', ['administrator']);
    for (const permission of AGENT_PERMISSIONS) {
      add(`agent with ${permission}`, await givenAgent(db, { permissions: [permission] }), 'agent', [
        permission,
      ]);
    }
    add('agent without permissions', await givenAgent(db, { permissions: [] }), 'agent', []);
    add('portal requester of A', await givenPortalUser(db, alpha, ['Portal requester']), 'portal', [
      'portal.requests.create',
      'portal.requests.read',
    ]);
    add('portal approver of A', await givenPortalUser(db, alpha, ['Portal approver']), 'portal', [
      'portal.requests.create',
      'portal.requests.read',
      'portal.requests.approve',
    ]);
  });
  afterAll(() => app?.close());

  /** The path with real ids: `:id` after `/customers` gets customer B's id, `:siteId` a site of B. */
  function concretePath(path: string): string {
    const segments = path.split('/');
    return segments
      .map((segment, index) => {
        if (!segment.startsWith(':')) return segment;
        const name = segment.slice(1);
        const resource = name === 'id' ? segments[index - 1]! : `${name.replace(/Id$/, '')}s`;
        // A route of a resource the matrix seeds nothing for still gets a well-formed id (404 is fine).
        return pathIds[resource] ?? randomUUID();
      })
      .join('/');
  }

  function url(endpoint: Endpoint): string {
    const query = sampleInput(endpoint.query) as Record<string, unknown> | undefined;
    const search = new URLSearchParams(
      Object.entries(query ?? {}).map(([k, v]) => [k, String(v)]),
    ).toString();
    return concretePath(endpoint.path) + (search ? `?${search}` : '');
  }

  /** A fresh session per request: some endpoints (sign out) end the caller's session. */
  async function callerFor(role: MatrixRole): Promise<Caller | null> {
    if (!role.accountId) return null;
    return {
      accountId: role.accountId,
      email: '',
      displayName: role.name,
      ...(await signIn(app.deps.db, role.accountId)),
    };
  }

  it('covers every registered endpoint, each with an access rule', () => {
    expect(app.app.endpoints.length).toBeGreaterThanOrEqual(30);
    for (const endpoint of app.app.endpoints) {
      const { access } = endpoint;
      const shapes = ['permission' in access, 'signedIn' in access, 'public' in access].filter(Boolean);
      expect(shapes, `${endpoint.method} ${endpoint.path} declares exactly one access rule`).toHaveLength(1);
      if ('permission' in access) expect(Object.keys(PERMISSIONS)).toContain(access.permission);
      if (endpoint.alsoRequires) {
        expect(access, `${endpoint.method} ${endpoint.path} narrows agents' access only`).toEqual({
          signedIn: 'agent',
        });
        for (const permission of endpoint.alsoRequires.permissions)
          expect(Object.keys(PERMISSIONS)).toContain(permission);
        expect(endpoint.alsoRequires.permissions.length).toBeGreaterThan(0);
      }
    }
  });

  it('lists every public endpoint with the reason it is public', () => {
    const open = app.app.endpoints
      .filter((endpoint) => 'public' in endpoint.access)
      .map((endpoint) => `${endpoint.method} ${endpoint.path}`);
    expect(open.filter((key) => !PUBLIC_ENDPOINTS[key])).toEqual([]);
  });

  it('refuses anonymous callers before reading their input (no field errors for strangers)', async () => {
    const answers: string[] = [];
    for (const endpoint of app.app.endpoints.filter((e) => !('public' in e.access))) {
      const res = await call(app, null, endpoint.method, endpoint.path.replaceAll(/:\w+/g, 'not-an-id'), {});
      if (res.statusCode !== 401) answers.push(`${endpoint.method} ${endpoint.path}: ${res.statusCode}`);
    }
    expect(answers).toEqual([]);
  });

  it('refuses (401/403) whoever the rule refuses, serves whoever it allows, and never fails (5xx)', async () => {
    const problems: string[] = [];
    const portalBodies: string[] = [];
    for (const endpoint of app.app.endpoints) {
      for (const role of roles) {
        const verdict = expectedVerdict(endpoint, role);
        const res = await call(
          app,
          await callerFor(role),
          endpoint.method,
          url(endpoint),
          sampleInput(endpoint.body),
        );
        const where = `${endpoint.method} ${endpoint.path} as ${role.name}: ${res.statusCode}`;
        if (res.statusCode >= 500) problems.push(`${where} (server error)`);
        else if (verdict === 'refused' && res.statusCode !== 401 && res.statusCode !== 403) {
          problems.push(`${where} (should be refused)`);
        } else if (verdict === 'refused' && role.kind === null && res.statusCode !== 401) {
          problems.push(`${where} (anonymous callers get 401)`);
        } else if (verdict === 'allowed' && (res.statusCode === 401 || res.statusCode === 403)) {
          problems.push(`${where} (should be allowed): ${res.json().message}`);
        }
        if (role.kind === 'portal') portalBodies.push(`${where}\n${res.body}`);
      }
    }
    expect(problems).toEqual([]);

    // Scoping: nothing of customer B reaches a portal user of customer A, whatever they call.
    const leaks = portalBodies.filter((body) => customerBSecrets.some((value) => body.includes(value)));
    expect(leaks.map((body) => body.split('\n')[0])).toEqual([]);
    const seen = portalBodies.join('\n');
    expect(customerAValues.filter((value) => seen.includes(value))).not.toHaveLength(0);
  });
});
