/**
 * The estate of the onboarding benchmark: an emulated Entra tenant (its app may create users, join
 * groups and assign licences), Rollcall with its job queue working in-process, one customer whose
 * users are imported from the tenant, two licences with seats in the desk, `groups` plain security
 * groups offered in the customer's request settings (so their ids are known before any request),
 * a portal requester and an agent approver.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createAppJobRuntime } from '../../src/api/app.js';
import type { Emulator } from '../../src/emulator/index.js';
import { createSkuRecord } from '../../src/emulator/graph/licences/records.js';
import type { TenantRecord } from '../../src/emulator/state/types.js';
import {
  call,
  givenAgent,
  givenBuiltInRoles,
  givenPortalUser,
  type Caller,
} from '../../test/api/access/fixtures.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { startEmulator } from '../../test/support/emulator.js';

/** Microsoft 365 Business Premium and EMS E3: the two licences every new starter gets. */
export const LICENCES = [
  { skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', sku: 'SPB', name: 'Microsoft 365 Business Premium' },
  { skuId: 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e', sku: 'EMS', name: 'Enterprise Mobility + Security E3' },
] as const;

export interface OnboardingEstate {
  emu: Emulator;
  app: TestApp;
  tenantId: string;
  tenant(): TenantRecord;
  domain: string;
  /** Group names offered on the form, and their ids in the tenant. */
  groups: { name: string; id: string }[];
  /** A desk user linked to an Entra user: the new starters' manager. */
  manager: { deskUserId: string; entraObjectId: string };
  requester: Caller;
  approver: Caller;
  close(): Promise<void>;
}

function must(res: { statusCode: number; body: string }, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

/** Starts the emulator and the app, and configures the customer's request settings. */
export async function startOnboardingEstate(options: {
  groups: number;
  seats: number;
  /** The job queue's pollers per job kind (`workers.concurrency`); the app's default when absent. */
  concurrency?: number;
  /** `postgres` needs DATABASE_URL; PGlite (one connection, in this process) by default. */
  engine?: 'pglite' | 'postgres';
}): Promise<OnboardingEstate> {
  const emu = await startEmulator({ preset: 'empty', listen: true });
  const tenantId = randomUUID();
  const created = emu.estate.createTenant({
    id: tenantId,
    displayName: 'Onboarding Bench',
    initialDomain: 'onboarding-bench.onmicrosoft.com',
  });
  const tenant = () => emu.estate.tenant(tenantId)!;
  for (const l of LICENCES)
    created.skus.set(l.skuId, createSkuRecord({ sku: l.sku, enabled: options.seats }));
  const managerId = randomUUID();
  emu.estate.addUser(
    created,
    {
      id: managerId,
      accountEnabled: true,
      userType: 'Member',
      userPrincipalName: 'morgan.manager@onboarding-bench.onmicrosoft.com',
      displayName: 'Morgan Manager',
      givenName: 'Morgan',
      surname: 'Manager',
      usageLocation: 'GB',
      assignedLicenses: [],
    },
    { silent: true },
  );
  const groups = Array.from({ length: options.groups }, (_, i) => {
    const name = `Onboarding Group ${i + 1}`;
    const group = emu.estate.addGroup(created, { id: randomUUID(), displayName: name }, { kind: 'security' });
    return { name, id: group.props.id as string };
  });
  const registered = await emu.inject({
    method: 'POST',
    url: '/_emulator/apps',
    body: {
      tenantId,
      displayName: 'Rollcall onboarding',
      graphRoles: [
        'User.Read.All',
        'Group.Read.All',
        'Organization.Read.All',
        'User.ReadWrite.All',
        'GroupMember.ReadWrite.All',
      ],
    },
  });
  const registration = registered.body as { clientId: string; clientSecret: string };
  const info = emu.info();
  let app: TestApp;
  try {
    app = await startTestApp({
      engine: options.engine ?? 'pglite',
      config: {
        microsoft: {
          authorityHost: info.authorityHost,
          graphBaseUrl: info.graphBaseUrl,
          extraCaPath: info.caCertPath,
        },
        ...(options.concurrency ? { workers: { concurrency: options.concurrency } } : {}),
      },
      jobs: createAppJobRuntime,
    });
  } catch (error) {
    await emu.close();
    throw error;
  }
  try {
    const db = app.deps.db;
    await givenBuiltInRoles(db);
    const admin = await givenAgent(db, { roleNames: ['Administrator'] });
    const connection = await call(app, admin, 'POST', '/api/entra/connections', {
      name: 'Onboarding bench',
      tenantId,
      clientId: registration.clientId,
      authMethod: 'clientSecret',
      enabledFor: 'all',
      clientSecret: registration.clientSecret,
    });
    must(connection, 201, 'create the connection');
    const connectionId = connection.json().id as string;
    const customer = await call(app, admin, 'POST', '/api/customers', { name: 'Onboarding Bench Ltd' });
    must(customer, 201, 'create the customer');
    const customerId = customer.json().id as string;
    const siteId = customer.json().defaultSite.id as string;
    const base = `/api/entra/connections/${connectionId}`;
    const current = await call(app, admin, 'GET', `${base}/import-config`);
    must(
      await call(app, admin, 'PUT', `${base}/import-config`, {
        expectedVersion: current.json().version,
        acceptWarnings: true,
        config: {
          userFieldMappings: [
            { entraField: 'displayName', deskField: 'displayName' },
            { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
          ],
          agentFieldMappings: [],
          siteMappings: [
            { id: randomUUID(), type: 'existingSite', sequence: 10, description: 'All', siteId },
          ],
        },
      }),
      200,
      'save the import configuration',
    );
    must(await call(app, admin, 'POST', `${base}/apply`, { module: 'users' }), 200, 'import users');
    for (const l of LICENCES) {
      await db.execute(sql`insert into customer_licences
          (connection_id, tenant_id, customer_id, sku_id, sku_part_number, friendly_name, capability_status,
           total_units, consumed_units, source)
          values (${connectionId}, ${tenantId}, ${customerId}, ${l.skuId}, ${l.sku}, ${l.name}, 'Enabled',
                  ${options.seats}, 0, 'graph')`);
    }
    must(
      await call(app, admin, 'PUT', `/api/connections/${connectionId}/licence-management`, { enabled: true }),
      200,
      'allow licence management',
    );
    const domain = tenant().domains[0]!.id;
    must(
      await call(app, admin, 'PUT', `/api/customers/${customerId}/onboarding`, {
        tenantId,
        groups: groups.map((g) => g.name),
        licences: LICENCES.map((l) => l.skuId),
        allowedDomains: [domain],
        naming: { format: 'firstname.lastname' },
      }),
      200,
      'save the request settings',
    );
    const manager = (
      (await db.execute(
        sql`select id from desk_users where tenant_id = ${tenantId} and entra_object_id = ${managerId}`,
      )) as unknown as { rows: { id: string }[] }
    ).rows[0];
    if (!manager) throw new Error('the manager was not imported');
    const requester = await givenPortalUser(
      db,
      { customer: { id: customerId }, defaultSite: { id: siteId }, tenantId },
      ['Portal requester'],
    );
    const approver = await givenAgent(db, { roleNames: ['Approver'] });
    const started = app;
    return {
      emu,
      app,
      tenantId,
      tenant,
      domain,
      groups,
      manager: { deskUserId: manager.id, entraObjectId: managerId },
      requester,
      approver,
      async close() {
        try {
          await started.close();
        } finally {
          await emu.close();
        }
      },
    };
  } catch (error) {
    await app.close();
    await emu.close();
    throw error;
  }
}
