import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsRepository } from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import {
  givenCspConnection,
  givenDeskCustomer,
  listTenants,
  startCspWorld,
  syncTenants,
  type CspWorld,
} from './tenants-fixtures.js';

let world: CspWorld;
let connectionId: string;
beforeAll(async () => {
  world = await startCspWorld();
  connectionId = (await givenCspConnection(world)).id;
  await syncTenants(world, connectionId);
}, 60_000);
afterAll(async () => {
  await world?.close();
});

const mapping = (tenantId: string, body: unknown) =>
  call(
    world.app,
    world.configurer,
    'PUT',
    `/api/csp/connections/${connectionId}/tenants/${tenantId}/mapping`,
    body,
  );
const tenantRow = async (name: string) =>
  (await listTenants(world, connectionId, `?search=${encodeURIComponent(name)}`)).items[0]!;

describe('CSP tenant mapping', () => {
  it('suggests a customer by name for confirmation, never maps it by itself', async () => {
    const customer = await givenDeskCustomer(world, 'Nordlys Shipping');
    const row = await tenantRow('Nordlys');
    expect(row.mapping).toBeNull();
    expect(row.suggestions).toEqual([
      expect.objectContaining({ customerId: customer.id, basis: expect.stringMatching(/name|domain/) }),
    ]);
  });

  it('maps two tenants to one customer with overrides, records a site-mapping rule and the SSO allow-list', async () => {
    await createSettingsRepository(world.app.deps.db).put(
      'sign-in',
      { allowedTenants: [], jitPortalUsers: false },
      new Date(),
    );
    const settings = await call(
      world.app,
      world.configurer,
      'PUT',
      `/api/csp/connections/${connectionId}/tenant-settings`,
      {
        createSiteMappingOnAssign: true,
        addTenantsToSsoAllowList: true,
      },
    );
    expect(settings.statusCode, settings.body).toBe(200);
    const customer = await givenDeskCustomer(world, 'Group of two');
    const lumiere = world.customerIds['Lumière Architectes SARL']!;
    const tailspin = world.customerIds['Tailspin Logistics Ltd']!;
    const first = await mapping(lumiere, {
      target: { kind: 'customer', customerId: customer.id },
      licenceImportType: 'both',
      excludeFromIntune: true,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().tenant.mapping).toMatchObject({
      customerId: customer.id,
      licenceImportType: 'both',
      excludeFromIntune: true,
    });
    const second = await mapping(tailspin, {
      target: { kind: 'customer', customerId: customer.id },
      relationshipType: 'gdapOnly',
    });
    expect(second.statusCode, second.body).toBe(200);

    const view = await call(
      world.app,
      world.configurer,
      'GET',
      `/api/csp/connections/${connectionId}/tenant-settings`,
    );
    expect(
      view
        .json()
        .siteMappingRules.map((r: { tenantId: string }) => r.tenantId)
        .sort(),
    ).toEqual([lumiere, tailspin].sort());
    const signIn = (await createSettingsRepository(world.app.deps.db).get('sign-in')) as {
      allowedTenants: string[];
    };
    expect(signIn.allowedTenants.sort()).toEqual([lumiere, tailspin].sort());
  });

  it('do not import keeps the tenant known and unmapped to any customer', async () => {
    const nordlys = world.customerIds['Nordlys Shipping AS']!;
    const res = await mapping(nordlys, { target: { kind: 'doNotImport' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tenant.mapping).toMatchObject({ doNotImport: true, customerId: null });
    expect(res.json().tenant.suggestions).toEqual([]);
  });

  it('duplicate guard: a new customer like an existing one needs confirmation', async () => {
    await givenDeskCustomer(world, 'Contoso Dental');
    const dental = world.customerIds['Contoso Dental Group']!;
    const refused = await mapping(dental, { target: { kind: 'newCustomer' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'target.confirmDuplicate' })]);
    expect((await tenantRow('Contoso Dental')).mapping).toBeNull();

    const confirmed = await mapping(dental, { target: { kind: 'newCustomer', confirmDuplicate: true } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().tenant.mapping.customerName).toBe('Contoso Dental Group');
  });

  it('names the field of a bad mapping', async () => {
    const res = await mapping(world.customerIds['Nordlys Shipping AS']!, { target: { kind: 'customer' } });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('customerId');
  });
});

describe('CSP tenant admin consent', () => {
  it('gives the admin-consent URL of the customer tenant, records the callback and proves access with a test call', async () => {
    const bakery = world.customerIds['Bäckerei Fabrikam GmbH']!;
    const customer = await givenDeskCustomer(world, 'Fabrikam bakery');
    expect(
      (await mapping(bakery, { target: { kind: 'customer', customerId: customer.id } })).statusCode,
    ).toBe(200);
    const start = await call(
      world.app,
      world.configurer,
      'POST',
      `/api/csp/connections/${connectionId}/tenants/${bakery}/consent`,
    );
    expect(start.statusCode, start.body).toBe(200);
    const url = new URL(start.json().consentUrl);
    expect(url.pathname).toBe(`/${bakery}/adminconsent`);
    expect(url.searchParams.get('client_id')).toBe(world.gdapApp.clientId);
    const state = url.searchParams.get('state')!;

    const back = await call(
      world.app,
      world.configurer,
      'GET',
      `/api/csp/tenants/consent-callback?admin_consent=True&tenant=${bakery}&state=${encodeURIComponent(state)}`,
    );
    expect(back.statusCode).toBe(302);
    expect(back.headers.location).toContain('consent=granted');
    expect((await tenantRow('Fabrikam')).consent.state).toBe('granted');

    world.emu.counters.reset();
    const test = await call(
      world.app,
      world.configurer,
      'POST',
      `/api/csp/connections/${connectionId}/tenants/${bakery}/test`,
    );
    expect(test.statusCode, test.body).toBe(200);
    expect(test.json()).toMatchObject({
      ok: true,
      organisation: 'Bäckerei Fabrikam GmbH',
      tenant: { consent: { state: 'granted' } },
    });
    expect(world.emu.counters.total({ route: 'GET /organization', tenantId: bakery })).toBe(1);
  });

  it('a consent error from Microsoft is recorded with its fix; consent missing in a tenant fails the test with 7000229', async () => {
    const dental = world.customerIds['Contoso Dental Group']!;
    const start = await call(
      world.app,
      world.configurer,
      'POST',
      `/api/csp/connections/${connectionId}/tenants/${dental}/consent`,
    );
    const state = new URL(start.json().consentUrl).searchParams.get('state')!;
    const back = await call(
      world.app,
      world.configurer,
      'GET',
      `/api/csp/tenants/consent-callback?error=access_denied&error_description=${encodeURIComponent('AADSTS65004: User declined to consent')}&state=${encodeURIComponent(state)}`,
    );
    expect(back.headers.location).toContain('consent=failed');
    expect((await tenantRow('Contoso Dental')).consent).toMatchObject({
      state: 'failed',
      detail: { code: 'AADSTS65004' },
    });

    const test = await call(
      world.app,
      world.configurer,
      'POST',
      `/api/csp/connections/${connectionId}/tenants/${dental}/test`,
    );
    expect(test.json()).toMatchObject({
      ok: false,
      problem: { code: 'AADSTS7000229', fix: expect.stringContaining('native') },
    });
  });

  it('refuses a callback whose state another agent started', async () => {
    const res = await call(
      world.app,
      world.configurer,
      'GET',
      '/api/csp/tenants/consent-callback?admin_consent=True&state=forged',
    );
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toContain('state_invalid');
  });
});
