import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIntegratorNow, runIntegratorStatus } from '../../src/cli/commands/integrator.js';
import { serverConfigSchema, type ServerConfig } from '../../src/contracts/config.js';
import {
  createConnectionRepository,
  createSecretBox,
  loadSecretKey,
  openDatabase,
} from '../../src/store/index.js';
import { entraConfig, startEntraWorld, TENANTS, type EntraWorld } from '../api/entra/fixtures.js';
import { temporaryDataDir } from '../store/engines.js';
import { captureOutput } from './capture.js';

let world: EntraWorld;
let folder: Awaited<ReturnType<typeof temporaryDataDir>>;
let config: ServerConfig;

beforeAll(async () => {
  world = await startEntraWorld();
  folder = await temporaryDataDir();
  config = serverConfigSchema.parse({
    ...entraConfig(world),
    dataDir: folder.dataDir,
    databaseUrl: undefined,
  });
  const handle = await openDatabase({ dataDir: folder.dataDir });
  try {
    await handle.migrate();
    const box = createSecretBox(await loadSecretKey({ env: {}, dataDir: folder.dataDir }));
    await createConnectionRepository(handle.db, box).create({
      kind: 'entra',
      name: 'Contoso Integrator',
      tenantId: TENANTS.contoso,
      clientId: world.full.clientId,
      settings: { authMethod: 'clientSecret', enabledFor: 'production' },
      secrets: { clientSecret: world.full.clientSecret },
    });
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await world?.close();
  await folder?.dispose();
});

describe('rollcall integrator', () => {
  it('status says the integrator has not run yet, and how to run it', async () => {
    const { lines, output } = captureOutput();
    const code = await runIntegratorStatus({
      connection: 'contoso integrator',
      json: false,
      config,
      env: {},
      output,
    });
    expect(lines.error).toEqual([]);
    expect(code).toBe(0);
    expect(lines.result.join('\n')).toMatch(
      /has not run yet.*rollcall integrator run --connection "Contoso Integrator"/,
    );
  });

  it('run runs the tenant here with the embedded database, waits, and status then shows it', async () => {
    const { lines, output } = captureOutput();
    const code = await runIntegratorNow({
      connection: 'Contoso Integrator',
      module: 'users',
      wait: false,
      json: false,
      config,
      env: {},
      output,
    });
    expect(lines.error).toEqual([]);
    expect(code).toBe(0);
    expect(lines.progress[0]).toBe('Queued 1 run(s) of "Contoso Integrator":');
    expect(lines.progress).toContain('Running them here (embedded database) …');
    expect(lines.result).toEqual([`${TENANTS.contoso} users: succeeded`]);

    const status = captureOutput();
    expect(
      await runIntegratorStatus({
        connection: 'Contoso Integrator',
        json: true,
        config,
        env: {},
        output: status.output,
      }),
    ).toBe(0);
    const report = JSON.parse(status.lines.result[0]!);
    expect(report.tenants).toEqual([
      expect.objectContaining({
        tenantId: TENANTS.contoso,
        module: 'users',
        consecutiveFailures: 0,
        lastSuccessAt: expect.any(String),
        quarantine: null,
      }),
    ]);
  });

  it('refuses a connection or tenant it does not know, saying what to do', async () => {
    const unknown = captureOutput();
    expect(
      await runIntegratorNow({
        connection: 'Fabrikam',
        wait: true,
        json: true,
        config,
        env: {},
        output: unknown.output,
      }),
    ).toBe(1);
    expect(unknown.lines.error[0]).toMatch(/no Entra or CSP connection is named or has the id "Fabrikam"/);
    const tenant = captureOutput();
    expect(
      await runIntegratorNow({
        connection: 'Contoso Integrator',
        tenant: TENANTS.northwind,
        wait: true,
        json: true,
        config,
        env: {},
        output: tenant.output,
      }),
    ).toBe(1);
    expect(tenant.lines.error[0]).toMatch(/is not one of this connection's tenants/);
  });
});
