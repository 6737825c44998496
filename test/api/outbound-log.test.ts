import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundActionDetail, OutboundActionView } from '../../src/contracts/api/outbound-log.js';
import {
  createConnectionGrantRepository,
  createConnectionRepository,
  createCustomerRepository,
  createOutboundActionRepository,
  schema,
  type ConnectionSummary,
  type OutboundAction,
} from '../../src/store/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from './access/fixtures.js';

/**
 * Outbound Requests (guide 002: "changes from Halo to Microsoft"): the writes workflows record in
 * the outbox, listed per connection with their attempts, and one request's detail with what was
 * sent and Microsoft's response, never a credential.
 */
let app: TestApp;
let csp: ConnectionSummary;
let otherCsp: ConnectionSummary;
let entra: ConnectionSummary;
let cspAdmin: Caller;
let entraAdmin: Caller;
let entraReader: Caller;
let nobody: Caller;
const customerTenant = randomUUID();
const secondTenant = randomUUID();
const entraTenant = randomUUID();
const SECRET = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-token-value';
const PASSWORD = 'Tr0ub4dor&3-never-shown';
const actions: Record<string, OutboundAction> = {};

const ASSIGN_REQUEST = {
  method: 'POST',
  url: `https://graph.microsoft.com/v1.0/users/ada@bakery.example/assignLicense?client_secret=${SECRET}`,
  headers: {
    Authorization: `Bearer ${SECRET}`,
    'Content-Type': 'application/json',
    'client-request-id': 'c0ffee00-0000-4000-8000-000000000001',
  },
  body: {
    addLicenses: [{ skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3', disabledPlans: [] }],
    removeLicenses: [],
  },
};

async function record(
  connection: ConnectionSummary,
  tenantId: string,
  kind: string,
  payload: Record<string, unknown>,
) {
  const repo = createOutboundActionRepository(app.deps.db);
  const { action } = await repo.enqueue({
    idempotencyKey: `test:${randomUUID()}`,
    connectionId: connection.id,
    tenantId,
    kind,
    payload,
  });
  return action;
}

async function get<T>(caller: Caller, path: string): Promise<T> {
  const res = await call(app, caller, 'GET', path);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

type Page = { items: OutboundActionView[]; nextCursor: string | null };

beforeAll(async () => {
  app = await startTestApp();
  const db = app.deps.db;
  await givenBuiltInRoles(db);
  const connections = createConnectionRepository(db, app.deps.secrets);
  csp = await connections.create({ kind: 'csp', name: `CSP ${randomUUID()}`, tenantId: randomUUID() });
  otherCsp = await connections.create({ kind: 'csp', name: `CSP ${randomUUID()}`, tenantId: randomUUID() });
  entra = await connections.create({ kind: 'entra', name: `Entra ${randomUUID()}`, tenantId: entraTenant });
  await db.insert(schema.cspTenants).values([
    { connectionId: csp.id, tenantId: customerTenant, name: 'Bäckerei Fabrikam GmbH' },
    { connectionId: csp.id, tenantId: secondTenant, name: 'Contoso Dental Group' },
  ]);
  const { customer } = await createCustomerRepository(db).create({
    name: `Northwind ${randomUUID().slice(0, 6)}`,
  });
  await db
    .insert(schema.tenantMappings)
    .values({ tenantId: entraTenant, connectionId: entra.id, customerId: customer.id });

  cspAdmin = await givenAgent(db, { permissions: ['integrations.csp.configure'] });
  entraAdmin = await givenAgent(db, { permissions: ['integrations.entra.configure'] });
  entraReader = await givenAgent(db, { permissions: [] });
  nobody = await givenAgent(db, { permissions: [] });
  await createConnectionGrantRepository(db).replaceForConnection(entra.id, [
    { accountId: entraReader.accountId, access: 'read' },
  ]);

  const repo = createOutboundActionRepository(db);
  // A licence assignment that succeeded on its second attempt (the first was throttled).
  const assigned = await record(csp, customerTenant, 'licence.assign', {
    userPrincipalName: 'ada@bakery.example',
    skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3',
  });
  await repo.recordAttempt(assigned.id, {
    status: 'running',
    request: ASSIGN_REQUEST,
    response: { status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests' } } },
    error: { code: 'throttled', message: 'Microsoft asked to wait 2 seconds' },
  });
  actions.assigned = (await repo.recordAttempt(assigned.id, {
    status: 'succeeded',
    request: ASSIGN_REQUEST,
    response: {
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Set-Cookie': `session=${SECRET}` },
      body: { id: 'ada-object-id', userPrincipalName: 'ada@bakery.example', access_token: SECRET },
    },
  }))!;
  // A new starter that failed for good.
  const created = await record(csp, secondTenant, 'user.create', {
    displayName: 'Grace Hopper',
    usageLocation: 'GB',
  });
  actions.created = (await repo.recordAttempt(created.id, {
    status: 'failed',
    request: {
      method: 'POST',
      url: 'https://graph.microsoft.com/v1.0/users',
      headers: { authorization: `Bearer ${SECRET}` },
      body: {
        displayName: 'Grace Hopper',
        passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: true },
      },
    },
    response: {
      status: 400,
      headers: {},
      body: { error: { code: 'Request_BadRequest', message: 'usageLocation is invalid' } },
    },
    error: { code: 'Request_BadRequest', message: 'usageLocation is invalid' },
  }))!;
  actions.pending = await record(csp, customerTenant, 'subscription.quantity', {
    subscriptionId: 'sub-1',
    quantity: 12,
  });
  actions.other = await record(otherCsp, customerTenant, 'licence.assign', { skuId: 'x' });
  actions.entra = await record(entra, entraTenant, 'group.add-member', { groupId: 'g-1', userId: 'u-1' });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

const cspList = (query = '') => get<Page>(cspAdmin, `/api/csp/connections/${csp.id}/outbound${query}`);

describe('CSP outbound requests', () => {
  it("lists the connection's requests newest first with tenant, kind, status, attempts, error and completion", async () => {
    const page = await cspList();
    expect(page.items.map((a) => a.id)).toEqual([
      actions.pending!.id,
      actions.created!.id,
      actions.assigned!.id,
    ]);
    expect(page.items[2]).toMatchObject({
      tenantId: customerTenant,
      tenantName: 'Bäckerei Fabrikam GmbH',
      kind: 'licence.assign',
      status: 'succeeded',
      attempts: 2,
      lastError: null,
    });
    expect(page.items[2]!.completedAt).not.toBeNull();
    expect(page.items[1]).toMatchObject({
      tenantName: 'Contoso Dental Group',
      status: 'failed',
      attempts: 1,
      lastError: { code: 'Request_BadRequest', message: 'usageLocation is invalid' },
    });
    expect(page.items[0]).toMatchObject({ status: 'pending', attempts: 0, completedAt: null });
  });

  it('filters by status, kind and tenant, searches, and pages', async () => {
    expect((await cspList('?status=failed')).items.map((a) => a.id)).toEqual([actions.created!.id]);
    expect((await cspList('?kind=licence.assign')).items.map((a) => a.id)).toEqual([actions.assigned!.id]);
    expect((await cspList(`?tenantId=${secondTenant}`)).items.map((a) => a.id)).toEqual([
      actions.created!.id,
    ]);
    expect((await cspList('?search=grace')).items.map((a) => a.id)).toEqual([actions.created!.id]);
    expect((await cspList('?search=usageLocation%20is')).items.map((a) => a.id)).toEqual([
      actions.created!.id,
    ]);
    const first = await cspList('?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await cspList(`?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.items.map((a) => a.id)).toEqual([actions.assigned!.id]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses an unknown status, naming the field and the values', async () => {
    const res = await call(app, cspAdmin, 'GET', `/api/csp/connections/${csp.id}/outbound?status=done`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('status must be one of pending, running, succeeded, failed, cancelled');
  });

  it("shows one request with its payload, the request sent and Microsoft's response", async () => {
    const detail = await get<OutboundActionDetail>(
      cspAdmin,
      `/api/csp/connections/${csp.id}/outbound/${actions.assigned!.id}`,
    );
    expect(detail.payload).toEqual({
      userPrincipalName: 'ada@bakery.example',
      skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3',
    });
    expect(detail.request).toMatchObject({
      method: 'POST',
      body: ASSIGN_REQUEST.body,
      headers: {
        'Content-Type': 'application/json',
        'client-request-id': 'c0ffee00-0000-4000-8000-000000000001',
      },
    });
    expect(detail.request!.url).toContain('/users/ada@bakery.example/assignLicense');
    expect(detail.response).toMatchObject({ status: 200, body: { id: 'ada-object-id' } });
  });

  it('never shows a credential: Authorization and cookies left out, secret fields and parameters redacted', async () => {
    for (const action of [actions.assigned!, actions.created!]) {
      const res = await call(app, cspAdmin, 'GET', `/api/csp/connections/${csp.id}/outbound/${action.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toContain(PASSWORD);
      expect(res.body.toLowerCase()).not.toContain('authorization');
      expect(res.body.toLowerCase()).not.toContain('set-cookie');
    }
    const created = await get<OutboundActionDetail>(
      cspAdmin,
      `/api/csp/connections/${csp.id}/outbound/${actions.created!.id}`,
    );
    expect(created.request!.body).toMatchObject({
      displayName: 'Grace Hopper',
      passwordProfile: '[redacted]',
    });
    expect(created.response).toMatchObject({ status: 400, body: { error: { code: 'Request_BadRequest' } } });
  });

  it("answers 404 for another connection's request and for an unknown one", async () => {
    for (const id of [actions.other!.id, actions.entra!.id, randomUUID()]) {
      const res = await call(app, cspAdmin, 'GET', `/api/csp/connections/${csp.id}/outbound/${id}`);
      expect(res.statusCode).toBe(404);
    }
    expect(
      (await get<Page>(cspAdmin, `/api/csp/connections/${otherCsp.id}/outbound`)).items.map((a) => a.id),
    ).toEqual([actions.other!.id]);
  });

  it('refuses agents without integrations.csp.configure', async () => {
    for (const path of ['outbound', `outbound/${actions.assigned!.id}`]) {
      const res = await call(app, entraAdmin, 'GET', `/api/csp/connections/${csp.id}/${path}`);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('integrations.csp.configure');
    }
  });
});

describe('Entra outbound requests', () => {
  it("lists and shows the connection's requests to agents who may read it, with the mapped customer's name", async () => {
    for (const caller of [entraAdmin, entraReader]) {
      const page = await get<Page>(caller, `/api/entra/connections/${entra.id}/outbound`);
      expect(page.items.map((a) => [a.id, a.kind, a.status])).toEqual([
        [actions.entra!.id, 'group.add-member', 'pending'],
      ]);
      expect(page.items[0]!.tenantName).toMatch(/^Northwind /);
      const detail = await get<OutboundActionDetail>(
        caller,
        `/api/entra/connections/${entra.id}/outbound/${actions.entra!.id}`,
      );
      expect(detail).toMatchObject({
        payload: { groupId: 'g-1', userId: 'u-1' },
        request: null,
        response: null,
      });
    }
  });

  it('hides the connection from agents without a grant or the configure permission (404), and CSP ids from the Entra path', async () => {
    for (const path of [`${entra.id}/outbound`, `${entra.id}/outbound/${actions.entra!.id}`]) {
      expect((await call(app, nobody, 'GET', `/api/entra/connections/${path}`)).statusCode).toBe(404);
      expect((await call(app, cspAdmin, 'GET', `/api/entra/connections/${path}`)).statusCode).toBe(404);
    }
    expect((await call(app, entraAdmin, 'GET', `/api/entra/connections/${csp.id}/outbound`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await call(
          app,
          entraAdmin,
          'GET',
          `/api/entra/connections/${entra.id}/outbound/${actions.assigned!.id}`,
        )
      ).statusCode,
    ).toBe(404);
  });
});
