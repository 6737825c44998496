import { createEmulator, type Emulator } from '../../../src/emulator/index.js';
import { DEMO_PASSWORD } from '../../../src/emulator/identity/passwords.js';

/** A person in an emulated tenant who signs in on the emulator's sign-in page. */
export interface EntraPerson {
  tenantId: string;
  objectId: string;
  upn: string;
  displayName: string;
  password: string;
}

export interface SsoEstate {
  emulator: Emulator;
  /** The MSP's own tenant (its people are agents) and two customers' tenants. */
  partnerTenantId: string;
  customerTenantIds: [string, string];
  /** Rollcall's sign-in app registration (multi-tenant). */
  app: { clientId: string; clientSecret: string };
  /** Settings for `startE2eServer({ config })`. */
  config: {
    sso: { clientId: string; clientSecret: string };
    microsoft: { authorityHost: string; extraCaPath: string };
  };
  addPerson(tenantId: string, givenName: string, surname: string): Promise<EntraPerson>;
  /** Lets the emulator send people back to this Rollcall (redirect URIs are checked exactly). */
  allowRedirectTo(baseUrl: string): Promise<void>;
}

async function admin<T>(emulator: Emulator, method: string, url: string, body?: unknown): Promise<T> {
  const res = await emulator.inject({ method, url: `/_emulator${url}`, ...(body ? { body } : {}) });
  const raw = res.body;
  const parsed: unknown = Buffer.isBuffer(raw)
    ? JSON.parse(raw.toString('utf8'))
    : typeof raw === 'string'
      ? JSON.parse(raw)
      : raw;
  if (res.status >= 300)
    throw new Error(`emulator ${method} ${url} → ${res.status}: ${JSON.stringify(parsed)}`);
  return parsed as T;
}

/**
 * A listening emulator (the browser goes to its sign-in page over HTTPS) with a partner tenant,
 * two customer tenants and Rollcall's sign-in app, driven through its admin API like a person would.
 */
export async function startSsoEstate(): Promise<SsoEstate> {
  const emulator = await createEmulator({ listen: true });
  try {
    const seeded = await admin<{ partnerTenantId: string; customerTenantIds: string[] }>(
      emulator,
      'POST',
      '/reset',
      {
        tenants: 2,
        users: 0,
      },
    );
    const [first, second] = seeded.customerTenantIds;
    if (!first || !second) throw new Error('the emulator seeded fewer than two customer tenants');
    const app = await admin<{ clientId: string; clientSecret: string }>(emulator, 'POST', '/apps', {
      tenantId: seeded.partnerTenantId,
      displayName: 'Rollcall sign-in',
      kind: 'sso',
      multiTenant: true,
    });
    const info = emulator.info();
    return {
      emulator,
      partnerTenantId: seeded.partnerTenantId,
      customerTenantIds: [first, second],
      app,
      config: {
        sso: { clientId: app.clientId, clientSecret: app.clientSecret },
        microsoft: { authorityHost: info.authorityHost, extraCaPath: info.caCertPath },
      },
      async addPerson(tenantId, givenName, surname) {
        const [joiner] = await admin<{ id: string; userPrincipalName: string; displayName: string }[]>(
          emulator,
          'POST',
          `/tenants/${tenantId}/joiners`,
          { users: [{ givenName, surname }], licence: false },
        );
        if (!joiner) throw new Error('the emulator created no joiner');
        return {
          tenantId,
          objectId: joiner.id,
          upn: joiner.userPrincipalName,
          displayName: joiner.displayName,
          password: DEMO_PASSWORD,
        };
      },
      async allowRedirectTo(baseUrl) {
        await admin(emulator, 'POST', `/apps/${app.clientId}/redirect-uris`, {
          uris: [`${baseUrl}/api/auth/sso/callback`],
        });
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}
