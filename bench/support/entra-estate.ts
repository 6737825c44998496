/**
 * The estate the Entra sync benchmarks share: an emulator in its own process holding an MSP's
 * tenants, every tenant's Graph app consented, one Entra connection per tenant with a site mapping
 * (contractors not imported) and a group → user role mapping, optionally with delta queries on.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { EntraImportConfigInput } from '../../src/contracts/entra/index.js';
import { createHttpsTransport, GRAPH_DEFAULT_SCOPE, type GraphClient } from '../../src/microsoft/index.js';
import { createCustomerRepository, createRoleRepository } from '../../src/store/index.js';
import { call, givenAgent, givenBuiltInRoles } from '../../test/api/access/fixtures.js';
import type { TestApp } from '../../test/support/app.js';
import { startTestApp } from '../../test/support/app.js';
import { startEmulatorProcess, type RunningEmulator } from './emulator-process.js';

export const MAPPED_GROUP = 'SG-Managers';

/** Peak resident memory of this process, sampled every 50 ms. */
export function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    peakMb: () => Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    stop: () => clearInterval(timer),
  };
}

function importConfig(
  customerSiteId: string,
  roleId: string,
  delta: EntraImportConfigInput['delta'],
): EntraImportConfigInput {
  return {
    userFieldMappings: [
      { entraField: 'displayName', deskField: 'displayName' },
      { entraField: 'givenName', deskField: 'givenName' },
      { entraField: 'surname', deskField: 'surname' },
      { entraField: 'mail', deskField: 'email' },
      { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
      { entraField: 'jobTitle', deskField: 'jobTitle' },
      { entraField: 'department', deskField: 'department' },
      { entraField: 'mobilePhone', deskField: 'mobileNumber' },
    ],
    agentFieldMappings: [],
    siteMappings: [
      {
        id: crypto.randomUUID(),
        type: 'doNotImport',
        sequence: 5,
        description: 'Contractors',
        filter: {
          combinator: 'and',
          criteria: [{ entraField: 'employeeType', operator: 'equals', value: 'Contractor' }],
        },
      },
      {
        id: crypto.randomUUID(),
        type: 'existingSite',
        sequence: 10,
        description: 'Everyone',
        siteId: customerSiteId,
      },
    ],
    groupMappings: { userRoles: [{ groupName: MAPPED_GROUP, roleId }] },
    ...(delta ? { delta } : {}),
  };
}
/** Consent for every tenant's Graph app, so no tenant of the generated estate is left out. */
export async function consentEverywhere(
  emulator: RunningEmulator,
): Promise<{ tenantId: string; clientId: string; clientSecret: string }[]> {
  const apps = emulator.info.apps.filter((a) => a.kind === 'graph');
  const byTenant = new Map(apps.map((a) => [a.tenantId, a]));
  const https = createHttpsTransport({ extraCaPem: readFileSync(emulator.info.caCertPath, 'utf8') });
  try {
    for (const app of byTenant.values()) {
      const res = await https.fetch(`${emulator.info.adminUrl}/apps/${app.clientId}/consents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId: app.tenantId }),
      });
      if (!res.ok) throw new Error(`consent for ${app.tenantId} answered ${res.status}`);
    }
  } finally {
    https.close();
  }
  return [...byTenant.values()];
}

export interface BenchTenant {
  connectionId: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  users: number;
}

/** Users (transitive) in the mapped group of a tenant, read outside the counted client; null: no such group. */
export async function mappedGroupSize(app: TestApp, tenant: BenchTenant): Promise<number | null> {
  const group = await mappedGroup(app, tenant);
  return group && group.members.length;
}

/** Graph for a tenant outside the product's counted clients (the benchmark's own reads). */
export async function benchGraph(app: TestApp, tenant: BenchTenant): Promise<GraphClient> {
  const clients = await app.deps.microsoft.clients();
  return clients.graph(
    clients.tokens.app({
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      credential: { kind: 'secret', secret: tenant.clientSecret },
      scopes: [GRAPH_DEFAULT_SCOPE],
    }),
  );
}

/** The mapped group of a tenant and its transitive user members; null: no such group. */
export async function mappedGroup(
  app: TestApp,
  tenant: BenchTenant,
): Promise<{ id: string; members: string[] } | null> {
  const graph = await benchGraph(app, tenant);
  const found = await graph.get(
    `/groups?$filter=displayName eq '${MAPPED_GROUP}'&$select=id`,
    z.looseObject({ value: z.array(z.looseObject({ id: z.string() })) }),
  );
  const id = found.value[0]?.id;
  if (!id) return null;
  const members: string[] = [];
  for await (const page of graph.pages(
    `/groups/${id}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`,
    z.looseObject({ id: z.string() }),
  ))
    members.push(...page.items.map((m) => m.id));
  return { id, members };
}

/** One connection per tenant of the emulator's estate, configured; `delta` turns delta queries on. */
export async function setUpEstate(
  app: TestApp,
  emulator: RunningEmulator,
  delta?: EntraImportConfigInput['delta'],
): Promise<BenchTenant[]> {
  const db = app.deps.db;
  await givenBuiltInRoles(db);
  const admin = await givenAgent(db, { permissions: ['integrations.entra.configure'] });
  const role = await createRoleRepository(db).create({
    kind: 'portal',
    name: 'Managers (bench)',
    permissions: [],
  });
  const apps = await consentEverywhere(emulator);
  const customers = createCustomerRepository(db);
  const connections: BenchTenant[] = [];
  for (const [i, graphApp] of apps.entries()) {
    const tenant = emulator.info.tenants.find((t) => t.id === graphApp.tenantId)!;
    const { defaultSite } = await customers.create({ name: `${tenant.displayName} ${i}` });
    const created = await call(app, admin, 'POST', '/api/entra/connections', {
      name: `${tenant.displayName} ${i}`,
      tenantId: graphApp.tenantId,
      clientId: graphApp.clientId,
      authMethod: 'clientSecret',
      enabledFor: 'production',
      clientSecret: graphApp.clientSecret,
    });
    if (created.statusCode !== 201)
      throw new Error(`creating a connection answered ${created.statusCode}: ${created.body}`);
    const id = created.json().id as string;
    const saved = await call(app, admin, 'PUT', `/api/entra/connections/${id}/import-config`, {
      expectedVersion: 0,
      config: importConfig(defaultSite.id, role.id, delta),
      acceptWarnings: true,
    });
    if (saved.statusCode !== 200)
      throw new Error(`saving a configuration answered ${saved.statusCode}: ${saved.body}`);
    connections.push({ connectionId: id, ...graphApp, users: tenant.users });
  }
  return connections;
}

/** The estate's emulator in its own process: `tenants` customers with `users` users, the first `largest`. */
export function startEstateEmulator(estate: {
  tenants: number;
  users: number;
  largest: number;
  seed: string;
}): Promise<RunningEmulator> {
  return startEmulatorProcess([
    '--tenants',
    String(estate.tenants),
    '--users',
    String(estate.users),
    '--largest-tenant',
    String(estate.largest),
    '--seed',
    estate.seed,
  ]);
}

/** Rollcall on `engine`, talking to `emulator` as it would to Microsoft. */
export function startEstateApp(emulator: RunningEmulator, engine: 'pglite' | 'postgres'): Promise<TestApp> {
  return startTestApp({
    engine,
    config: {
      microsoft: {
        authorityHost: emulator.info.authorityHost,
        graphBaseUrl: emulator.info.graphBaseUrl,
        extraCaPath: emulator.info.caCertPath,
      },
    },
  });
}
