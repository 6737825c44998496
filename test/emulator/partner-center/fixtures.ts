import type { Emulator } from '../../../src/emulator/index.js';
import { createManagedDevice } from '../../../src/emulator/graph/devices/records.js';
import { createGdapRelationship, GDAP_ROLES } from '../../../src/emulator/graph/gdap/records.js';
import { SKU_CATALOGUE } from '../../../src/emulator/graph/licences/catalogue.js';
import { createSkuRecord } from '../../../src/emulator/graph/licences/records.js';
import {
  addSubscription,
  createCustomerRecord,
  createSubscriptionRecord,
} from '../../../src/emulator/partner-center/records.js';
import type { TenantRecord } from '../../../src/emulator/state/types.js';
import { mintToken, startEmulator } from '../../support/emulator.js';

export const DAY_MS = 24 * 3600 * 1000;

export const IDS = {
  partner: 'aaaaaaaa-0000-4000-8000-000000000001',
  fabrikam: 'bbbbbbbb-0000-4000-8000-000000000001',
  northwind: 'bbbbbbbb-0000-4000-8000-000000000002',
  adatum: 'bbbbbbbb-0000-4000-8000-000000000003',
  tailspin: 'bbbbbbbb-0000-4000-8000-000000000004',
  woodgrove: 'bbbbbbbb-0000-4000-8000-000000000005',
  /** Fabrikam users. */
  alice: 'cccccccc-0000-4000-8000-000000000001',
  bob: 'cccccccc-0000-4000-8000-000000000002',
  carol: 'cccccccc-0000-4000-8000-000000000003',
  /** No usage location. */
  dave: 'cccccccc-0000-4000-8000-000000000004',
  /** Subscriptions of Fabrikam. */
  spbSub: 'dddddddd-0000-4000-8000-000000000001',
  emsSub: 'dddddddd-0000-4000-8000-000000000002',
  legacySub: 'dddddddd-0000-4000-8000-000000000003',
  adminAgents: 'eeeeeeee-0000-4000-8000-000000000001',
};

export const SKUS = SKU_CATALOGUE;

export interface Fixture {
  emu: Emulator;
  partner: TenantRecord;
  fabrikam: TenantRecord;
  northwind: TenantRecord;
  /** Drops the estate and builds it again at the current clock (one emulator per test file). */
  reset(): void;
  /** Graph token in `tenantId` with the given application permissions. */
  graph(tenantId: string, roles: string[]): Promise<string>;
  /** Partner Center app-only token in the partner tenant. */
  pc(): Promise<string>;
  /** Partner Center app + user token in the partner tenant (a user without listed roles: an Admin agent). */
  pcUser(): Promise<string>;
}

function addUser(
  emu: Emulator,
  tenant: TenantRecord,
  id: string,
  name: string,
  usageLocation: string | null,
) {
  emu.estate.addUser(
    tenant,
    {
      id,
      displayName: name,
      userPrincipalName: `${name.toLowerCase()}@${tenant.initialDomain}`,
      mail: `${name.toLowerCase()}@${tenant.initialDomain}`,
      accountEnabled: true,
      usageLocation,
      assignedLicenses: [],
    },
    { silent: true },
  );
}

/**
 * An emulator holding the fixture estate: a partner with five customers. Fabrikam has SKUs fed by Partner Center subscriptions (SPB:
 * 3 seats NCE bought 2 days ago; EMS: 10 seats NCE bought 40 days ago on a yearly term; E3: 2
 * seats on a legacy offer), users, and Intune devices; Northwind has no Intune.
 */
export async function createFixture(): Promise<Fixture> {
  const emu = await startEmulator({ preset: 'empty' });
  const fixture: Fixture = {
    emu,
    ...populate(emu),
    reset() {
      emu.estate.clear();
      Object.assign(fixture, populate(emu));
    },
    graph: (tenantId, roles) => mintToken(emu, { tenantId, roles }),
    pc: () => mintToken(emu, { tenantId: IDS.partner, resource: 'partnercenter' }),
    pcUser: () =>
      mintToken(emu, { tenantId: IDS.partner, resource: 'partnercenter', scopes: ['user_impersonation'] }),
  };
  return fixture;
}

function populate(emu: Emulator): Pick<Fixture, 'partner' | 'fabrikam' | 'northwind'> {
  const now = emu.clock.now();
  const partner = emu.estate.createTenant({
    id: IDS.partner,
    displayName: 'Contoso Partners',
    initialDomain: 'contosopartners.onmicrosoft.com',
    partner: true,
  });
  const customers = [
    [IDS.fabrikam, 'Fabrikam', 'fabrikam'],
    [IDS.northwind, 'Northwind Traders', 'northwind'],
    [IDS.adatum, 'Adatum', 'adatum'],
    [IDS.tailspin, 'Tailspin Toys', 'tailspin'],
    [IDS.woodgrove, 'Woodgrove Bank', 'woodgrove'],
  ] as const;
  for (const [id, displayName, name] of customers) {
    const tenant = emu.estate.createTenant({
      id,
      displayName,
      initialDomain: `${name}.onmicrosoft.com`,
      customDomains: id === IDS.fabrikam ? ['fabrikam.com'] : [],
      intune: id !== IDS.northwind,
    });
    partner.partnerCenter!.customers.set(id, createCustomerRecord({ tenant }));
  }
  const fabrikam = emu.estate.tenant(IDS.fabrikam)!;
  const northwind = emu.estate.tenant(IDS.northwind)!;

  for (const sku of [SKUS.SPB, SKUS.EMS, SKUS.ENTERPRISEPACK]) {
    fabrikam.skus.set(sku.skuId, createSkuRecord({ sku, enabled: 0 }));
  }
  fabrikam.skus.set(
    SKUS.INTUNE_A.skuId,
    createSkuRecord({ sku: SKUS.INTUNE_A, enabled: 5, capabilityStatus: 'Suspended' }),
  );
  addSubscription(
    emu.estate,
    IDS.fabrikam,
    createSubscriptionRecord({
      id: IDS.spbSub,
      sku: SKUS.SPB,
      quantity: 3,
      startedAt: now - 2 * DAY_MS,
      termDuration: 'P1Y',
    }),
  );
  addSubscription(
    emu.estate,
    IDS.fabrikam,
    createSubscriptionRecord({
      id: IDS.emsSub,
      sku: SKUS.EMS,
      quantity: 10,
      startedAt: now - 40 * DAY_MS,
      termDuration: 'P1Y',
    }),
  );
  addSubscription(
    emu.estate,
    IDS.fabrikam,
    createSubscriptionRecord({
      id: IDS.legacySub,
      sku: SKUS.ENTERPRISEPACK,
      quantity: 2,
      startedAt: now - 400 * DAY_MS,
      nce: false,
    }),
  );

  addUser(emu, fabrikam, IDS.alice, 'Alice', 'GB');
  addUser(emu, fabrikam, IDS.bob, 'Bob', 'GB');
  addUser(emu, fabrikam, IDS.carol, 'Carol', 'FR');
  addUser(emu, fabrikam, IDS.dave, 'Dave', null);

  const alice = fabrikam.users.get(IDS.alice)!.props;
  for (let i = 0; i < 5; i++) {
    const device = createManagedDevice({
      id: `ffffffff-0000-4000-8000-00000000000${i}`,
      deviceName: `FAB-${i}`,
      operatingSystem: i % 2 === 0 ? 'Windows' : 'iOS',
      osVersion: i % 2 === 0 ? '10.0.22631.3447' : '17.4.1',
      manufacturer: i % 2 === 0 ? 'Dell Inc.' : 'Apple',
      model: i % 2 === 0 ? 'Latitude 7440' : 'iPhone 15',
      serialNumber: `SN${i}`,
      complianceState: i === 3 ? 'noncompliant' : 'compliant',
      user:
        i === 4
          ? undefined
          : { id: IDS.alice, userPrincipalName: String(alice.userPrincipalName), displayName: 'Alice' },
      enrolledAt: now - 100 * DAY_MS,
      lastSyncAt: now - i * DAY_MS,
    });
    fabrikam.devices.set(String(device.id), device);
  }

  const rels = [
    createGdapRelationship({
      customerTenantId: IDS.fabrikam,
      customerDisplayName: 'Fabrikam',
      durationDays: 730,
      activatedAt: now - 100 * DAY_MS,
      roleDefinitionIds: [GDAP_ROLES.userAdministrator, GDAP_ROLES.licenseAdministrator],
      accessAssignments: [{ groupId: IDS.adminAgents, roleDefinitionIds: [GDAP_ROLES.userAdministrator] }],
    }),
    createGdapRelationship({
      customerTenantId: IDS.northwind,
      customerDisplayName: 'Northwind Traders',
      durationDays: 30,
      activatedAt: now - 25 * DAY_MS,
      roleDefinitionIds: [GDAP_ROLES.globalReader],
    }),
    createGdapRelationship({
      customerTenantId: IDS.adatum,
      customerDisplayName: 'Adatum',
      durationDays: 30,
      activatedAt: now - 25 * DAY_MS,
      autoExtend: true,
      roleDefinitionIds: [GDAP_ROLES.helpdeskAdministrator],
    }),
    createGdapRelationship({
      customerTenantId: IDS.tailspin,
      customerDisplayName: 'Tailspin Toys',
      status: 'terminated',
      durationDays: 365,
      activatedAt: now - 200 * DAY_MS,
      roleDefinitionIds: [GDAP_ROLES.userAdministrator],
    }),
    createGdapRelationship({
      customerTenantId: IDS.woodgrove,
      customerDisplayName: 'Woodgrove Bank',
      durationDays: 180,
      activatedAt: null,
      roleDefinitionIds: [GDAP_ROLES.userAdministrator],
    }),
  ];
  for (const rel of rels) partner.gdapRelationships.set(rel.id, rel);

  return { partner, fabrikam, northwind };
}

/** `inject` with a bearer token; returns status, headers and the parsed body. */
export async function call(
  emu: Emulator,
  method: string,
  url: string,
  token: string | null,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await emu.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(options.headers ?? {}) },
    body: options.body,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const body = (typeof res.body === 'string' ? JSON.parse(res.body.replace(/^\uFEFF/, '')) : res.body) as any;
  return { status: res.status, headers: res.headers ?? {}, body };
}
