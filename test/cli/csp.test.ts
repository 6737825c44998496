import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCspTenants, type CspTenantsOptions } from '../../src/cli/commands/csp.js';
import { runIntegratorNow } from '../../src/cli/commands/integrator.js';
import type { CspTenantView } from '../../src/contracts/api/csp-tenants.js';
import { serverConfigSchema, type ServerConfig } from '../../src/contracts/config.js';
import {
  createConnectionRepository,
  createCspMappingRepository,
  createCustomerRepository,
  createSecretBox,
  loadSecretKey,
  openDatabase,
} from '../../src/store/index.js';
import { PUBLIC_URL, startCspWorld, type CspWorld } from '../api/csp/tenants-fixtures.js';
import { temporaryDataDir } from '../store/engines.js';
import { captureOutput } from './capture.js';
import { emulatorEndpoints } from '../support/emulator.js';

let world: CspWorld;
let folder: Awaited<ReturnType<typeof temporaryDataDir>>;
let config: ServerConfig;
let connectionId: string;

/** Runs `fn` on the CLI's embedded database (closed again before the CLI opens it). */
async function inDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) {
  const handle = await openDatabase({ dataDir: folder.dataDir });
  try {
    await handle.migrate();
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/** `rollcall csp tenants` on the test's data folder, by default listing everything in words. */
async function tenantsCommand(
  flags: Partial<Pick<CspTenantsOptions, 'connection' | 'sync' | 'unmapped' | 'json'>> = {},
) {
  const { lines, output } = captureOutput();
  const code = await runCspTenants({
    connection: 'Partner Center',
    sync: false,
    unmapped: false,
    json: false,
    ...flags,
    config,
    env: {},
    output,
  });
  return { code, lines };
}

const customerTenants = () =>
  [...world.emu.estate.tenants.values()].filter((t) => t.id !== world.partnerTenantId);

beforeAll(async () => {
  world = await startCspWorld();
  folder = await temporaryDataDir();
  const info = world.emu.info();
  config = serverConfigSchema.parse({
    publicUrl: PUBLIC_URL,
    dataDir: folder.dataDir,
    databaseUrl: undefined,
    microsoft: emulatorEndpoints(info),
  });
  connectionId = await inDatabase(async (db) => {
    const box = createSecretBox(await loadSecretKey({ env: {}, dataDir: folder.dataDir }));
    const created = await createConnectionRepository(db, box).create({
      kind: 'csp',
      name: 'Partner Center',
      tenantId: world.partnerTenantId,
      clientId: world.partnerApp.clientId,
      settings: { gdapClientId: world.gdapApp.clientId },
      secrets: {
        clientSecret: world.partnerApp.clientSecret,
        refreshToken: world.refreshToken,
        gdapClientSecret: world.gdapApp.clientSecret,
      },
    });
    return created.id;
  });
});
afterAll(async () => {
  await world?.close();
  await folder?.dispose();
});

describe('rollcall csp tenants', () => {
  it('before any sync, says there are no tenants and how to read them', async () => {
    const { code, lines } = await tenantsCommand({ connection: 'partner center' });
    expect(lines.error).toEqual([]);
    expect(code).toBe(0);
    expect(lines.result.join('\n')).toContain(
      'no tenants yet. Read them from Partner Center: rollcall csp tenants --connection "Partner Center" --sync',
    );
  });

  it('--sync reads Partner Center and lists every customer tenant, unmapped, with its GDAP and consent state', async () => {
    const { code, lines } = await tenantsCommand({ sync: true });
    expect(lines.error).toEqual([]);
    expect(code).toBe(0);
    expect(lines.progress[0]).toBe('Reading the customers of "Partner Center" from Partner Center …');
    expect(lines.progress[1]).toMatch(/^Tenants sync succeeded .*; run [0-9a-f-]{36}$/);
    const customers = customerTenants();
    expect(lines.result).toHaveLength(customers.length);
    for (const tenant of customers) {
      const line = lines.result.find((l) => l.includes(tenant.id));
      expect(line, tenant.displayName).toContain(tenant.displayName);
      expect(line).toMatch(/; unmapped/);
      expect(line).toMatch(/; (GDAP active|GDAP expiring|GDAP EXPIRED|GDAP pending|no GDAP relationship)/);
      expect(line).toMatch(/; consent (unknown|granted|failed); last sync \d{4}-/);
    }
  });

  it('--unmapped --json leaves out mapped and do-not-import tenants', async () => {
    const [first, second, ...rest] = customerTenants();
    await inDatabase(async (db) => {
      const customer = (await createCustomerRepository(db).create({ name: 'Fabrikam Ltd' })).customer;
      const mappings = createCspMappingRepository(db);
      const base = {
        connectionId,
        defaultSiteId: null,
        relationshipType: null,
        licenceImportType: null,
        excludeFromIntune: false,
      };
      await mappings.save({ ...base, tenantId: first!.id, customerId: customer.id, doNotImport: false });
      await mappings.save({ ...base, tenantId: second!.id, customerId: null, doNotImport: true });
    });
    const { code, lines } = await tenantsCommand({ connection: connectionId, unmapped: true, json: true });
    expect(code).toBe(0);
    expect(lines.progress).toEqual([]);
    const body = JSON.parse(lines.result[0]!) as {
      connectionId: string;
      sync: null;
      tenants: CspTenantView[];
    };
    expect(body.connectionId).toBe(connectionId);
    expect(body.sync).toBeNull();
    expect(body.tenants.map((t) => t.tenantId).sort()).toEqual(rest.map((t) => t.id).sort());

    const all = await tenantsCommand({ connection: connectionId });
    expect(all.lines.result.find((l) => l.includes(first!.id))).toContain('; → Fabrikam Ltd;');
    expect(all.lines.result.find((l) => l.includes(second!.id))).toContain('; do not import;');
  });

  it('names the kinds it looked for when --connection matches no CSP connection', async () => {
    const { code, lines } = await tenantsCommand({ connection: 'Contoso' });
    expect(code).toBe(1);
    expect(lines.error).toEqual([
      'rollcall csp tenants: no CSP connection is named or has the id "Contoso"; list them in the console under Integrations → Microsoft CSP',
    ]);
  });
});

describe('rollcall integrator with a CSP connection', () => {
  it('runs the tenants module under the partner tenant and reports it', async () => {
    const { lines, output } = captureOutput();
    const code = await runIntegratorNow({
      connection: 'Partner Center',
      module: 'tenants',
      wait: true,
      json: false,
      config,
      env: {},
      output,
    });
    expect(lines.error).toEqual([]);
    expect(lines.result).toEqual([`${world.partnerTenantId} tenants: succeeded`]);
    expect(code).toBe(0);
  });

  it('refuses a module a CSP connection does not run, naming the modules it does', async () => {
    const { lines, output } = captureOutput();
    const code = await runIntegratorNow({
      connection: 'Partner Center',
      module: 'agents',
      wait: true,
      json: false,
      config,
      env: {},
      output,
    });
    expect(code).toBe(1);
    expect(lines.error).toEqual([
      'rollcall integrator run: The agents module does not run for this connection.',
    ]);
  });
});
