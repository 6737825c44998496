import { createEmulator, type Emulator } from '../../../src/emulator/index.js';
import { DEMO_PASSWORD } from '../../../src/emulator/identity/passwords.js';
import type { EntraPerson } from './sso-estate.js';

/**
 * The Microsoft side of the new-starter browser test: a partner tenant holding Rollcall's sign-in
 * app (so the customer's people sign in to the portal with Microsoft), and one customer tenant with
 * a few people, groups, a licence with free seats, and an app the desk writes users with.
 */
export interface RequestsEstate {
  emulator: Emulator;
  tenantId: string;
  /** The customer tenant's `<name>.onmicrosoft.com`. */
  domain: string;
  /** The customer's people: the requester and the manager they pick. */
  requester: EntraPerson;
  manager: EntraPerson;
  /** Group display names → object ids in the customer tenant. */
  groups: Record<string, string>;
  /** An app registration in the customer tenant that may create users and change groups and licences. */
  writer: { clientId: string; clientSecret: string };
  config: {
    sso: { clientId: string; clientSecret: string };
    microsoft: { authorityHost: string; graphBaseUrl: string; extraCaPath: string };
  };
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

/** What the new-starter and leaver automations need of Graph (guide 000's app permissions). */
export const WRITER_GRAPH_ROLES = [
  'User.ReadWrite.All',
  'Group.ReadWrite.All',
  'GroupMember.ReadWrite.All',
  'Directory.Read.All',
  'Organization.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'Domain.Read.All',
];

/** Starts a listening emulator and sets the tenants up through its admin API, as a person would. */
export async function startRequestsEstate(options: {
  groups: string[];
  sku: { part: string; enabled: number };
}): Promise<RequestsEstate> {
  const emulator = await createEmulator({ listen: true });
  try {
    const seeded = await admin<{ partnerTenantId: string; customerTenantIds: string[] }>(
      emulator,
      'POST',
      '/reset',
      {
        tenants: 1,
        users: 0,
      },
    );
    const tenantId = seeded.customerTenantIds[0];
    if (!tenantId) throw new Error('the emulator seeded no customer tenant');
    const joiners = await admin<{ id: string; userPrincipalName: string; displayName: string }[]>(
      emulator,
      'POST',
      `/tenants/${tenantId}/joiners`,
      {
        users: [
          { givenName: 'Pat', surname: 'Requester', usageLocation: 'GB' },
          { givenName: 'Mona', surname: 'Manager', usageLocation: 'GB' },
        ],
        licence: false,
      },
    );
    const [requester, manager] = joiners.map((j) => ({
      tenantId,
      objectId: j.id,
      upn: j.userPrincipalName,
      displayName: j.displayName,
      password: DEMO_PASSWORD,
    }));
    if (!requester || !manager) throw new Error('the emulator created fewer than two joiners');
    const groups: Record<string, string> = {};
    for (const displayName of options.groups) {
      const group = await admin<{ id: string }>(emulator, 'POST', `/tenants/${tenantId}/groups`, {
        displayName,
        kind: 'security',
      });
      groups[displayName] = group.id;
    }
    await admin(emulator, 'POST', `/tenants/${tenantId}/skus`, {
      sku: options.sku.part,
      enabled: options.sku.enabled,
    });
    const sso = await admin<{ clientId: string; clientSecret: string }>(emulator, 'POST', '/apps', {
      tenantId: seeded.partnerTenantId,
      displayName: 'Rollcall sign-in',
      kind: 'sso',
      multiTenant: true,
    });
    const writer = await admin<{ clientId: string; clientSecret: string }>(emulator, 'POST', '/apps', {
      tenantId,
      displayName: 'Rollcall requests',
      graphRoles: WRITER_GRAPH_ROLES,
    });
    const info = emulator.info();
    const domain = emulator.estate.tenant(tenantId)!.initialDomain;
    return {
      emulator,
      tenantId,
      domain,
      requester,
      manager,
      groups,
      writer,
      config: {
        sso,
        microsoft: {
          authorityHost: info.authorityHost,
          graphBaseUrl: info.graphBaseUrl,
          extraCaPath: info.caCertPath,
        },
      },
      async allowRedirectTo(baseUrl) {
        await admin(emulator, 'POST', `/apps/${sso.clientId}/redirect-uris`, {
          uris: [`${baseUrl}/api/auth/sso/callback`],
        });
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}
