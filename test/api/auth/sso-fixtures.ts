import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.js';
import { DEMO_PASSWORD } from '../../../src/emulator/identity/passwords.js';
import { createHttpsTransport, type Transport } from '../../../src/microsoft/index.js';
import { startEmulator } from '../../support/emulator.js';
import { formOf } from '../../emulator/identity/helpers.js';
import { cookieSet, type AuthApp } from './auth-fixtures.js';

/** Rollcall's public address in these tests; the SSO app registration lists its callback. */
export const PUBLIC_URL = 'https://rollcall.test';
export const CALLBACK_URL = `${PUBLIC_URL}/api/auth/sso/callback`;

export const TENANTS = {
  /** The MSP's own tenant: its staff are agents. */
  msp: '6d5e0000-0000-4000-8000-0000000000a1',
  /** A customer's tenant, mapped to the customer "Contoso" in the desk. */
  contoso: '6d5e0000-0000-4000-8000-0000000000b2',
  /** A tenant Rollcall knows nothing about. */
  fabrikam: '6d5e0000-0000-4000-8000-0000000000c3',
} as const;

export const PEOPLE = {
  ada: {
    tenant: TENANTS.msp,
    id: '0a0a0000-0000-4000-8000-000000000001',
    upn: 'ada@northwind-msp.com',
    name: 'Ada Lovelace',
  },
  ed: {
    tenant: TENANTS.msp,
    id: '0a0a0000-0000-4000-8000-000000000002',
    upn: 'ed@northwind-msp.com',
    name: 'Ed Unknown',
  },
  gus: {
    tenant: TENANTS.msp,
    id: '0a0a0000-0000-4000-8000-000000000003',
    upn: 'gus@northwind-msp.com',
    name: 'Gus Agent',
  },
  pat: {
    tenant: TENANTS.contoso,
    id: '0b0b0000-0000-4000-8000-000000000001',
    upn: 'pat@contoso.com',
    name: 'Pat Requester',
  },
  /** Sets her `mail` to Gus's address: the email claim must not make her Gus. */
  mallory: {
    tenant: TENANTS.fabrikam,
    id: '0c0c0000-0000-4000-8000-000000000001',
    upn: 'mallory@fabrikam.onmicrosoft.com',
    name: 'Mallory',
    mail: 'gus@northwind-msp.com',
  },
} as const;

export interface SsoWorld {
  emu: Emulator;
  /** HTTPS to the emulator, trusting its CA: the "browser" on Microsoft's side. */
  browser: Transport;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** A listening emulator with three tenants, their people, and a multi-tenant sign-in app. */
export async function startSsoWorld(): Promise<SsoWorld> {
  const emu = await startEmulator({ preset: 'empty', listen: true });
  const { estate } = emu;
  estate.createTenant({
    id: TENANTS.msp,
    displayName: 'Northwind MSP',
    initialDomain: 'northwindmsp.onmicrosoft.com',
    customDomains: ['northwind-msp.com'],
  });
  estate.createTenant({
    id: TENANTS.contoso,
    displayName: 'Contoso',
    initialDomain: 'contoso.onmicrosoft.com',
    customDomains: ['contoso.com'],
  });
  estate.createTenant({
    id: TENANTS.fabrikam,
    displayName: 'Fabrikam',
    initialDomain: 'fabrikam.onmicrosoft.com',
  });
  for (const person of Object.values(PEOPLE)) {
    const mail = 'mail' in person ? person.mail : person.upn;
    // No password hash: like seeded users, they sign in with DEMO_PASSWORD.
    estate.addUser(
      estate.tenant(person.tenant)!,
      { id: person.id, userPrincipalName: person.upn, displayName: person.name, mail, accountEnabled: true },
      { silent: true },
    );
  }
  const registered = await emu.inject({
    method: 'POST',
    url: '/_emulator/apps',
    body: {
      tenantId: TENANTS.msp,
      displayName: 'Rollcall sign-in',
      kind: 'sso',
      multiTenant: true,
      redirectUris: [CALLBACK_URL],
    },
  });
  expect(registered.status).toBe(201);
  const { clientId, clientSecret } = registered.body as { clientId: string; clientSecret: string };
  const browser = createHttpsTransport({ extraCaPem: await readFile(emu.info().caCertPath, 'utf8') });
  return {
    emu,
    browser,
    clientId,
    clientSecret,
    async close() {
      browser.close();
      await emu.close();
    },
  };
}

/** Rollcall's configuration for signing in against the world's emulator. */
export function ssoConfig(world: SsoWorld) {
  const info = world.emu.info();
  return {
    publicUrl: PUBLIC_URL,
    sso: { clientId: world.clientId, clientSecret: world.clientSecret },
    microsoft: { authorityHost: info.authorityHost, extraCaPath: info.caCertPath },
  };
}

/**
 * A person clicking "Sign in with Microsoft": Rollcall's start redirects to Microsoft's sign-in
 * page, the form is filled with their UPN and password, Microsoft redirects to the callback, and
 * the browser follows with the state cookie. Returns Rollcall's answer to the callback.
 */
export async function signInWithMicrosoft(
  app: AuthApp,
  world: SsoWorld,
  upn: string,
  query: { audience?: 'console' | 'portal'; returnTo?: string } = {},
) {
  const start = await app.app.inject({
    method: 'GET',
    url: '/api/auth/sso/start',
    query: { audience: query.audience ?? 'console', ...(query.returnTo ? { returnTo: query.returnTo } : {}) },
  });
  expect(start.statusCode, start.body).toBe(302);
  const authorize = new URL(start.headers.location as string);
  expect(authorize.pathname).toBe('/organizations/oauth2/v2.0/authorize');
  const state = cookieSet(start, 'rollcall_sso');
  expect(state).toMatchObject({ httpOnly: true, path: '/api/auth/sso' });

  const page = await world.browser.fetch(authorize.href, { method: 'GET', headers: {} });
  expect(page.status).toBe(200);
  const { action, fields } = formOf(await page.text());
  const posted = await world.browser.fetch(new URL(action, authorize).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, login: upn, passwd: DEMO_PASSWORD, action: 'signin' }).toString(),
  });
  expect(posted.status, await posted.clone().text()).toBe(302);
  const back = new URL(posted.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK_URL);
  return app.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: `rollcall_sso=${state!.value}` },
  });
}
