import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type {
  EntraConnectionDetail,
  EntraConnectionInput,
} from '../../../src/contracts/api/entra-connections.js';
import type { Emulator } from '../../../src/emulator/index.js';
import { createHttpsTransport, type Transport } from '../../../src/microsoft/index.js';
import { startEmulator } from '../../support/emulator.js';
import { createClientCertificate, type ClientCertificate } from '../../microsoft/fixtures.js';
import { call, type Caller } from '../access/fixtures.js';
import type { TestApp } from '../../support/app.js';

/** Rollcall's public address in these tests; the apps register its Entra callback. */
export const PUBLIC_URL = 'https://rollcall.test';
export const CALLBACK_URL = `${PUBLIC_URL}/api/entra/connections/callback`;

export const TENANTS = {
  contoso: 'e0e00000-0000-4000-8000-00000000c001',
  /** Another tenant: Contoso's single-tenant apps are not found there (AADSTS700016). */
  northwind: 'e0e00000-0000-4000-8000-00000000c002',
  /** No such tenant (AADSTS90002). */
  unknown: 'e0e00000-0000-4000-8000-00000000dead',
} as const;

export const ADMIN_UPN = 'admin@contoso-entra.onmicrosoft.com';

const EVERY_PERMISSION = [
  'User.Read.All',
  'Group.Read.All',
  'AuditLog.Read.All',
  'Organization.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'User.ReadWrite.All',
  'GroupMember.ReadWrite.All',
  'Group.Create',
];

/** An app registration in Contoso, as the admin API answers it. */
export interface TestAppRegistration {
  clientId: string;
  clientSecret: string;
  secretId: string;
}

export interface EntraWorld {
  emu: Emulator;
  /** HTTPS to the emulator trusting its CA: the browser on Microsoft's side. */
  browser: Transport;
  /** Every permission of guide 001's table, application and delegated, consented. */
  full: TestAppRegistration;
  /** Everything but AuditLog.Read.All. */
  partial: TestAppRegistration;
  /** Registered with every permission, never consented: tokens carry no roles. */
  unconsented: TestAppRegistration;
  /** `full`'s certificate (its public part uploaded to the app). */
  certificate: ClientCertificate;
  close(): Promise<void>;
}

export async function registerApp(
  emu: Emulator,
  body: { graphRoles: string[]; graphScopes?: string[]; consent?: boolean },
): Promise<TestAppRegistration> {
  const res = await emu.inject({
    method: 'POST',
    url: '/_emulator/apps',
    body: {
      tenantId: TENANTS.contoso,
      displayName: 'Rollcall Entra connection',
      redirectUris: [CALLBACK_URL],
      ...body,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as TestAppRegistration;
}

/** A listening emulator (real HTTPS) with two tenants, a few users and the apps above. */
export async function startEntraWorld(): Promise<EntraWorld> {
  const emu = await startEmulator({ preset: 'empty', listen: true });
  const { estate } = emu;
  const contoso = estate.createTenant({
    id: TENANTS.contoso,
    displayName: 'Contoso Entra',
    initialDomain: 'contoso-entra.onmicrosoft.com',
  });
  estate.createTenant({
    id: TENANTS.northwind,
    displayName: 'Northwind Entra',
    initialDomain: 'northwind-entra.onmicrosoft.com',
  });
  for (const [n, upn] of [ADMIN_UPN, 'zoe@contoso-entra.onmicrosoft.com'].entries()) {
    estate.addUser(
      contoso,
      {
        id: `e0e00000-0000-4000-8000-0000000a000${n}`,
        userPrincipalName: upn,
        displayName: upn,
        accountEnabled: true,
      },
      { silent: true },
    );
  }
  const full = await registerApp(emu, { graphRoles: EVERY_PERMISSION, graphScopes: EVERY_PERMISSION });
  const partial = await registerApp(emu, {
    graphRoles: EVERY_PERMISSION.filter((p) => p !== 'AuditLog.Read.All'),
    graphScopes: EVERY_PERMISSION.filter((p) => p !== 'AuditLog.Read.All'),
  });
  const unconsented = await registerApp(emu, { graphRoles: EVERY_PERMISSION, consent: false });
  const certificate = await createClientCertificate();
  estate.apps.get(full.clientId)!.certificates.push(certificate.registration);
  const browser = createHttpsTransport({ extraCaPem: await readFile(emu.info().caCertPath, 'utf8') });
  return {
    emu,
    browser,
    full,
    partial,
    unconsented,
    certificate,
    async close() {
      browser.close();
      await emu.close();
    },
  };
}

/** Rollcall's configuration for talking to the world's emulator. */
export function entraConfig(world: EntraWorld) {
  const info = world.emu.info();
  return {
    publicUrl: PUBLIC_URL,
    microsoft: {
      authorityHost: info.authorityHost,
      graphBaseUrl: info.graphBaseUrl,
      extraCaPath: info.caCertPath,
    },
  };
}

let counter = 0;

/** A connection form for `app` in Contoso with its client secret, under a fresh name. */
export function connectionInput(
  app: TestAppRegistration,
  overrides: Partial<EntraConnectionInput> = {},
): EntraConnectionInput {
  counter += 1;
  return {
    name: `Contoso ${counter} ${Date.now()}`,
    tenantId: TENANTS.contoso,
    clientId: app.clientId,
    authMethod: 'clientSecret',
    enabledFor: 'production',
    clientSecret: app.clientSecret,
    ...overrides,
  };
}

/** Creates a connection through the API (expects 201) and returns it. */
export async function createConnection(
  app: TestApp,
  caller: Caller,
  input: EntraConnectionInput,
): Promise<EntraConnectionDetail> {
  const res = await call(app, caller, 'POST', '/api/entra/connections', input);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
