import { createEmulator, type Emulator } from '../../../src/emulator/index.js';

/** The Microsoft side of the Entra import tests: one customer tenant with a few people and an import app. */
export interface EntraEstate {
  emulator: Emulator;
  tenantId: string;
  /** An app registration in the tenant with User.Read.All and Group.Read.All, admin consent granted. */
  app: { clientId: string; clientSecret: string; secretId: string };
  /** The people of the tenant, by display name (grows with `addPerson`). */
  people: string[];
  /** A joiner in the tenant (the directory changes under Rollcall); returns their display name. */
  addPerson(givenName: string, surname: string): Promise<string>;
  /** Settings for `startE2eServer({ config })`: Rollcall talks to this emulator. */
  config: { microsoft: { authorityHost: string; graphBaseUrl: string; extraCaPath: string } };
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

const PEOPLE = [
  { givenName: 'Amélie', surname: 'Archer', department: 'Finance', officeLocation: 'London' },
  { givenName: 'Bruno', surname: 'Brook', department: 'Sales', officeLocation: 'Leeds' },
  { givenName: 'Chloé', surname: 'Cole', department: 'Sales', officeLocation: 'London' },
];

/**
 * A listening emulator (Rollcall reaches it over HTTPS like Microsoft) with one customer tenant,
 * three people and the app an administrator would register for imports, driven through its
 * admin API as a person would set it up.
 */
export async function startEntraEstate(): Promise<EntraEstate> {
  const emulator = await createEmulator({ listen: true });
  try {
    const seeded = await admin<{ customerTenantIds: string[] }>(emulator, 'POST', '/reset', {
      tenants: 1,
      users: 0,
    });
    const tenantId = seeded.customerTenantIds[0];
    if (!tenantId) throw new Error('the emulator seeded no customer tenant');
    const joiners = await admin<{ displayName: string }[]>(emulator, 'POST', `/tenants/${tenantId}/joiners`, {
      users: PEOPLE,
      licence: false,
    });
    const app = await admin<{ clientId: string; clientSecret: string; secretId: string }>(
      emulator,
      'POST',
      '/apps',
      {
        tenantId,
        displayName: 'Rollcall imports',
        graphRoles: ['User.Read.All', 'Group.Read.All'],
      },
    );
    const info = emulator.info();
    const inTenant = info.tenants.find((t) => t.id === tenantId);
    if (!inTenant) throw new Error('the seeded tenant is not listed');
    const people = joiners.map((j) => j.displayName);
    return {
      emulator,
      tenantId,
      app,
      people,
      async addPerson(givenName, surname) {
        const [joiner] = await admin<{ displayName: string }[]>(
          emulator,
          'POST',
          `/tenants/${tenantId}/joiners`,
          {
            users: [{ givenName, surname }],
            licence: false,
          },
        );
        if (!joiner) throw new Error('the emulator created no joiner');
        people.push(joiner.displayName);
        return joiner.displayName;
      },
      config: {
        microsoft: {
          authorityHost: info.authorityHost,
          graphBaseUrl: info.graphBaseUrl,
          extraCaPath: info.caCertPath,
        },
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}
