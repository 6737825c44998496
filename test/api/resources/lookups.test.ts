import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConnectionGrantRepository,
  createConnectionRepository,
  createCustomerRepository,
  createCustomFieldRepository,
  createRoleRepository,
} from '../../../src/store/index.js';
import { givenCab, givenTeam } from '../../store/cases/plan-fixtures.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import {
  call,
  givenAgent,
  givenBuiltInRoles,
  givenCustomer,
  givenPortalUser,
  type Caller,
} from '../access/fixtures.js';

describe('lookups for the Entra import configuration', () => {
  let app: TestApp;
  let configurer: Caller;
  let grantee: Caller;
  let outsider: Caller;

  /** An agent holding no permission but a grant on a connection of `kind`. */
  async function givenGrantee(kind: 'entra' | 'csp'): Promise<Caller> {
    const db = app.deps.db;
    const agent = await givenAgent(db, { permissions: [] });
    const connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind,
      name: `Lookups ${kind} ${randomUUID()}`,
      tenantId: randomUUID(),
    });
    await createConnectionGrantRepository(db).replaceForConnection(connection.id, [
      { accountId: agent.accountId, access: 'read' },
    ]);
    return agent;
  }

  beforeAll(async () => {
    app = await startTestApp();
    await givenBuiltInRoles(app.deps.db);
    configurer = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
    grantee = await givenGrantee('entra');
    outsider = await givenAgent(app.deps.db, { permissions: ['customers.read', 'customers.write'] });
  });
  afterAll(() => app?.close());

  describe('GET /api/lookups/entra-import', () => {
    it('names every team, CAB, CAB role, agent and user role and custom field, to configurers and grantees', async () => {
      const db = app.deps.db;
      const team = await givenTeam(db);
      const retired = await givenTeam(db, { inactive: true });
      const { cab, role: cabRole } = await givenCab(db);
      const roles = createRoleRepository(db);
      const agentRole = await roles.create({
        kind: 'agent',
        name: `Tier 2 ${randomUUID()}`,
        permissions: [],
      });
      const userRole = await roles.create({ kind: 'portal', name: `Buyer ${randomUUID()}`, permissions: [] });
      const field = await createCustomFieldRepository(db).create({
        name: 'cost_centre',
        label: 'Cost centre',
      });

      for (const caller of [configurer, grantee]) {
        const res = await call(app, caller, 'GET', '/api/lookups/entra-import');
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        expect(body.teams).toEqual(
          expect.arrayContaining([
            { id: team.id, name: team.name, inactive: false },
            { id: retired.id, name: retired.name, inactive: true },
          ]),
        );
        expect(body.cabs).toContainEqual({ id: cab.id, name: cab.name });
        expect(body.cabRoles).toContainEqual({ id: cabRole.id, name: cabRole.name });
        expect(body.agentRoles).toContainEqual({ id: agentRole.id, name: agentRole.name });
        expect(body.agentRoles.map((r: { name: string }) => r.name)).toContain('Administrator');
        expect(body.userRoles).toContainEqual({ id: userRole.id, name: userRole.name });
        expect(body.userRoles.map((r: { id: string }) => r.id)).not.toContain(agentRole.id);
        expect(body.customFields).toEqual([{ id: field.id, name: 'cost_centre', label: 'Cost centre' }]);
        // Names and ids only: nothing of what a role allows.
        expect(res.body).not.toContain('permissions');
      }
    });

    it('refuses agents with neither the permission nor an Entra grant, portal users and strangers', async () => {
      const refused = await call(app, outsider, 'GET', '/api/lookups/entra-import');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toContain(
        'You need the "integrations.entra.configure" or "integrations.csp.configure" permission',
      );
      const cspOnly = await givenGrantee('csp');
      expect((await call(app, cspOnly, 'GET', '/api/lookups/entra-import')).statusCode).toBe(403);
      const acme = await givenCustomer(app.deps.db, 'Acme');
      const portal = await givenPortalUser(app.deps.db, acme, ['Portal requester']);
      expect((await call(app, portal, 'GET', '/api/lookups/entra-import')).statusCode).toBe(403);
      expect((await call(app, null, 'GET', '/api/lookups/entra-import')).statusCode).toBe(401);
    });
  });

  describe('GET /api/lookups/sites', () => {
    it('names sites by id with their customer, in the order asked, leaving out unknown ids', async () => {
      const { customer, defaultSite, otherSite } = await givenCustomer(app.deps.db, 'Fabrikam');
      const ids = [otherSite.id, randomUUID(), defaultSite.id].join(',');
      const res = await call(app, grantee, 'GET', `/api/lookups/sites?ids=${ids}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        items: [
          {
            id: otherSite.id,
            name: 'Branch office',
            customerId: customer.id,
            customerName: customer.name,
            isDefault: false,
            inactive: false,
          },
          {
            id: defaultSite.id,
            name: 'Main',
            customerId: customer.id,
            customerName: customer.name,
            isDefault: true,
            inactive: false,
          },
        ],
        nextCursor: null,
        total: 2,
      });
    });

    it('searches the start of site and customer names, by customer then site, in pages of 50', async () => {
      const customers = createCustomerRepository(app.deps.db);
      const prefix = `Zq${randomUUID().slice(0, 6)}`;
      const { customer } = await customers.create({ name: `${prefix} Holdings` });
      for (let i = 0; i < 52; i += 1)
        await customers.addSite(customer.id, `Branch ${String(i).padStart(2, '0')}`);
      const other = await customers.create({ name: `Other ${randomUUID().slice(0, 6)}` });
      const office = await customers.addSite(other.customer.id, `${prefix} office`);

      const first = (
        await call(app, configurer, 'GET', `/api/lookups/sites?search=${prefix.toUpperCase()}`)
      ).json();
      expect(first.items).toHaveLength(50);
      // "Other …" (a site name matches) sorts before "Zq… Holdings" (the customer name matches).
      expect(first.items[0]).toMatchObject({ id: office.id, customerName: other.customer.name });
      expect(first.items[1]).toMatchObject({ name: 'Branch 00', customerName: `${prefix} Holdings` });
      expect(first.nextCursor).toEqual(expect.any(String));
      const next = (
        await call(app, configurer, 'GET', `/api/lookups/sites?search=${prefix}&cursor=${first.nextCursor}`)
      ).json();
      expect(next.items.map((s: { name: string }) => s.name)).toEqual([
        'Branch 49',
        'Branch 50',
        'Branch 51',
        'Main',
      ]);
      expect(next.nextCursor).toBeNull();

      const bySite = (await call(app, configurer, 'GET', `/api/lookups/sites?search=${prefix}%20off`)).json();
      expect(bySite.items.map((s: { id: string }) => s.id)).toEqual([office.id]);
    });

    it('names the field of a bad request', async () => {
      const bad = await call(app, configurer, 'GET', `/api/lookups/sites?ids=${randomUUID()},nope`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'ids.1' }] });
      const many = Array.from({ length: 101 }, () => randomUUID()).join(',');
      const tooMany = await call(app, configurer, 'GET', `/api/lookups/sites?ids=${many}`);
      expect(tooMany.json().errors).toEqual([{ field: 'ids', message: expect.stringContaining('100') }]);
      const mixed = await call(app, configurer, 'GET', `/api/lookups/sites?ids=${randomUUID()}&search=a`);
      expect(mixed.json().errors).toEqual([{ field: 'ids', message: expect.any(String) }]);
      const cursor = await call(app, configurer, 'GET', '/api/lookups/sites?cursor=garbage');
      expect(cursor.json().errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    });

    it('answers CSP configurers, whose users import through the same configuration', async () => {
      const csp = await givenAgent(app.deps.db, { permissions: ['integrations.csp.configure'] });
      expect((await call(app, csp, 'GET', '/api/lookups/sites?search=a')).statusCode).toBe(200);
      expect((await call(app, csp, 'GET', '/api/lookups/entra-import')).statusCode).toBe(200);
    });

    it('refuses agents with neither the permission nor an Entra grant, even with customers.read', async () => {
      const res = await call(app, outsider, 'GET', '/api/lookups/sites?search=a');
      expect(res.statusCode).toBe(403);
      expect((await call(app, null, 'GET', '/api/lookups/sites')).statusCode).toBe(401);
    });
  });
});
