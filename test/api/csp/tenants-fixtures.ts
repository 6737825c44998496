import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CspTenantView } from '../../../src/contracts/api/csp-tenants.js';
import type { Emulator } from '../../../src/emulator/index.js';
import { createConnectionRepository, createCustomerRepository } from '../../../src/store/index.js';
import type { TestApp } from '../../support/app.js';
import { startTestApp } from '../../support/app.js';
import { emulatorEndpoints, startEmulator } from '../../support/emulator.js';
import { connectAsUser, REDIRECT_URI } from '../../microsoft/sign-in.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';

export const PUBLIC_URL = 'https://rollcall.test';
const PC_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation offline_access';
const DAY_MS = 24 * 3600 * 1000;

/** The demo estate: a partner, five customers (one never consented the GDAP app), Rollcall and two agents. */
export interface CspWorld {
  emu: Emulator;
  app: TestApp;
  partnerTenantId: string;
  gdapApp: { clientId: string; clientSecret: string };
  configurer: Caller;
  /** An agent without integrations.csp.configure. */
  outsider: Caller;
  customerIds: Record<string, string>;
  partnerApp: { clientId: string; clientSecret: string };
  /** The Partner Center app's refresh token, as "Authorise" stores it. */
  refreshToken: string;
  close(): Promise<void>;
}

export async function startCspWorld(): Promise<CspWorld> {
  const emu = await startEmulator({ preset: 'demo', listen: true });
  const partnerTenantId = emu.estate.partnerTenantId!;
  const apps = emu.info().apps;
  const partnerApp = apps.find((a) => a.kind === 'partner')!;
  const gdap = apps.find((a) => a.kind === 'gdap')!;
  const redirect = await emu.inject({
    method: 'POST',
    url: `/_emulator/apps/${partnerApp.clientId}/redirect-uris`,
    body: { uris: [REDIRECT_URI, `${PUBLIC_URL}/api/csp/tenants/consent-callback`] },
  });
  expect(redirect.status).toBe(200);
  await emu.inject({
    method: 'POST',
    url: `/_emulator/apps/${gdap.clientId}/redirect-uris`,
    body: { uris: [`${PUBLIC_URL}/api/csp/tenants/consent-callback`] },
  });
  const partner = emu.estate.tenant(partnerTenantId)!;
  const login = [...partner.users.values()].find((u) => u.props.accountEnabled !== false)!.props
    .userPrincipalName as string;
  const refreshToken = await connectAsUser(emu, {
    tenantId: partnerTenantId,
    clientId: partnerApp.clientId,
    clientSecret: partnerApp.clientSecret,
    login,
    scope: PC_SCOPE,
  });
  const info = emu.info();
  const app = await startTestApp({
    config: {
      publicUrl: PUBLIC_URL,
      microsoft: emulatorEndpoints(info),
    },
  });
  await givenBuiltInRoles(app.deps.db);
  const configurer = await givenAgent(app.deps.db, { permissions: ['integrations.csp.configure'] });
  const outsider = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
  const customerIds = Object.fromEntries(
    [...emu.estate.tenants.values()]
      .filter((t) => t.id !== partnerTenantId)
      .map((t) => [t.displayName, t.id]),
  );
  return {
    emu,
    app,
    partnerTenantId,
    gdapApp: { clientId: gdap.clientId, clientSecret: gdap.clientSecret },
    configurer,
    outsider,
    customerIds,
    refreshToken,
    partnerApp: { clientId: partnerApp.clientId, clientSecret: partnerApp.clientSecret },
    async close() {
      await app.close();
      await emu.close();
    },
  };
}

/** A CSP connection as the connection screens would store it (created here through the repository). */
export async function givenCspConnection(world: CspWorld, settings: Record<string, unknown> = {}) {
  const w = world;
  return createConnectionRepository(world.app.deps.db, world.app.deps.secrets).create({
    kind: 'csp',
    name: `Partner ${randomUUID().slice(0, 8)}`,
    tenantId: world.partnerTenantId,
    clientId: w.partnerApp.clientId,
    settings: { gdapClientId: world.gdapApp.clientId, ...settings },
    secrets: {
      clientSecret: w.partnerApp.clientSecret,
      refreshToken: w.refreshToken,
      gdapClientSecret: world.gdapApp.clientSecret,
    },
  });
}

export async function givenDeskCustomer(world: CspWorld, name: string) {
  return (await createCustomerRepository(world.app.deps.db).create({ name })).customer;
}

export async function syncTenants(world: CspWorld, connectionId: string) {
  const res = await call(
    world.app,
    world.configurer,
    'POST',
    `/api/csp/connections/${connectionId}/tenants/sync`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { status: string; counts: Record<string, number>; runId: string };
}

export async function listTenants(world: CspWorld, connectionId: string, query = '') {
  const res = await call(
    world.app,
    world.configurer,
    'GET',
    `/api/csp/connections/${connectionId}/tenants${query}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: CspTenantView[]; total: number; nextCursor: string | null };
}

/** Makes the partner's relationships with `tenantId` end in the past (no auto-extension). */
export function expireGdap(world: CspWorld, tenantId: string) {
  const partner = world.emu.estate.tenant(world.partnerTenantId)!;
  const past = new Date(world.emu.clock.now() - 3 * DAY_MS).toISOString();
  for (const rel of partner.gdapRelationships.values()) {
    if (rel.customerTenantId !== tenantId) continue;
    rel.endDateTime = past;
    rel.autoExtendDuration = 'PT0S';
  }
}

/**
 * Maps each tenant to a new desk customer named `nameOf(tenantId)`, as the Tenants tab's mapping
 * dialog does; returns the customers by tenant id.
 */
export async function givenTenantsMapped(
  world: CspWorld,
  connectionId: string,
  tenantIds: readonly string[],
  nameOf: (tenantId: string) => string = (tenantId) => `Customer of ${tenantId}`,
) {
  const customers: Record<string, Awaited<ReturnType<typeof givenDeskCustomer>>> = {};
  for (const tenantId of tenantIds) {
    const customer = await givenDeskCustomer(world, nameOf(tenantId));
    const res = await call(
      world.app,
      world.configurer,
      'PUT',
      `/api/csp/connections/${connectionId}/tenants/${tenantId}/mapping`,
      { target: { kind: 'customer', customerId: customer.id } },
    );
    expect(res.statusCode, res.body).toBe(200);
    customers[tenantId] = customer;
  }
  return customers;
}

/** "Generate mappings" on the Site Mappings tab: one site mapping per mapped tenant. */
export async function generateMappings(world: CspWorld, connectionId: string, body: object = {}) {
  const res = await call(
    world.app,
    world.configurer,
    'POST',
    `/api/csp/connections/${connectionId}/import-config/generate-mappings`,
    body,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { version: number; added: { tenantId: string; description: string }[] };
}
