import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeltas } from '../../src/cli/commands/deltas.js';
import { runSync, type SyncOutput } from '../../src/cli/commands/sync.js';
import { serverConfigSchema, type ServerConfig } from '../../src/contracts/config.js';
import {
  createConnectionRepository,
  createCustomerRepository,
  createEntraConfigRepository,
  createSecretBox,
  createUserRepository,
  loadSecretKey,
  openDatabase,
} from '../../src/store/index.js';
import { entraImportConfigSchema } from '../../src/contracts/entra/index.js';
import { temporaryDataDir } from '../store/engines.js';
import { entraConfig, startEntraWorld, TENANTS, type EntraWorld } from '../api/entra/fixtures.js';

let world: EntraWorld;
let folder: Awaited<ReturnType<typeof temporaryDataDir>>;
let config: ServerConfig;

/** Runs `rollcall sync` and keeps what a person would read. */
async function sync(args: Partial<Parameters<typeof runSync>[0]> = {}) {
  const lines = { progress: [] as string[], result: [] as string[], error: [] as string[] };
  const output: SyncOutput = {
    progress: (l) => lines.progress.push(l),
    result: (l) => lines.result.push(l),
    error: (l) => lines.error.push(l),
  };
  const code = await runSync({
    connection: 'Contoso CLI',
    module: 'users',
    dryRun: false,
    json: false,
    confirmMassDeactivation: false,
    config,
    env: {},
    output,
    ...args,
  });
  return { code, ...lines };
}

beforeAll(async () => {
  world = await startEntraWorld();
  folder = await temporaryDataDir();
  config = serverConfigSchema.parse({
    ...entraConfig(world),
    dataDir: folder.dataDir,
    databaseUrl: undefined,
  });
  // What an administrator set up in the console: a customer, a connection, its mappings.
  const handle = await openDatabase({ dataDir: folder.dataDir });
  try {
    await handle.migrate();
    const box = createSecretBox(await loadSecretKey({ env: {}, dataDir: folder.dataDir }));
    const { defaultSite } = await createCustomerRepository(handle.db).create({ name: 'Contoso' });
    const connection = await createConnectionRepository(handle.db, box).create({
      kind: 'entra',
      name: 'Contoso CLI',
      tenantId: TENANTS.contoso,
      clientId: world.full.clientId,
      settings: { authMethod: 'clientSecret', enabledFor: 'production' },
      secrets: { clientSecret: world.full.clientSecret },
    });
    const mappings = entraImportConfigSchema.parse({
      userFieldMappings: [
        { entraField: 'displayName', deskField: 'displayName' },
        { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
      ],
      agentFieldMappings: [],
      siteMappings: [{ id: crypto.randomUUID(), type: 'existingSite', sequence: 1, siteId: defaultSite.id }],
    });
    await createEntraConfigRepository(handle.db).save(connection.id, mappings, {
      expectedVersion: 0,
      updatedBy: null,
    });
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await world?.close();
  await folder?.dispose();
});

describe('rollcall sync', () => {
  it('previews with --dry-run, printing progress and counts, and writes no user', async () => {
    const run = await sync({ dryRun: true });
    expect(run.error).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.progress[0]).toBe('Previewing users of "Contoso CLI" …');
    expect(run.progress.some((l) => l.includes('read 2 users'))).toBe(true);
    expect(run.result[0]).toMatch(
      /^Tenant e0e00000-0000-4000-8000-00000000c001: previewed \(created 2, updated 0/,
    );
  });

  it('imports with --json, printing one summary object; a second run changes nothing', async () => {
    const first = await sync({ json: true });
    expect(first.code).toBe(0);
    expect(first.progress).toEqual([]);
    expect(first.result).toHaveLength(1);
    const summary = JSON.parse(first.result[0]!);
    expect(summary).toMatchObject({
      created: 2,
      updated: 0,
      deactivated: 0,
      unchanged: 0,
      excluded: 0,
      review: 0,
    });
    expect(summary.graphRequests).toBe(1);
    expect(typeof summary.seconds).toBe('number');
    const second = JSON.parse((await sync({ json: true })).result[0]!);
    expect(second).toMatchObject({ created: 0, unchanged: 2 });

    const handle = await openDatabase({ dataDir: folder.dataDir });
    try {
      const users = createUserRepository(handle.db);
      expect(
        await users.findByEntraId(TENANTS.contoso, 'e0e00000-0000-4000-8000-0000000a0001'),
      ).toMatchObject({
        userPrincipalName: 'zoe@contoso-entra.onmicrosoft.com',
      });
    } finally {
      await handle.close();
    }
  });

  it('names the connection it cannot find and exits 1', async () => {
    const run = await sync({ connection: 'Nope' });
    expect(run.code).toBe(1);
    expect(run.error[0]).toContain('no Entra connection is named or has the id "Nope"');
  });

  it('refuses to import on a test instance when the connection is enabled for production only', async () => {
    const run = await sync({ config: { ...config, instance: 'test' } });
    expect(run.code).toBe(1);
    expect(run.error[0]).toContain('enabled for production instances only');
  });
});

describe('rollcall sync --delta and rollcall deltas', () => {
  async function deltas(args: Partial<Parameters<typeof runDeltas>[0]>) {
    const lines = { progress: [] as string[], result: [] as string[], error: [] as string[] };
    const code = await runDeltas({
      action: 'status',
      connection: 'Contoso CLI',
      json: false,
      config,
      env: {},
      output: {
        progress: (l) => lines.progress.push(l),
        result: (l) => lines.result.push(l),
        error: (l) => lines.error.push(l),
      },
      ...args,
    });
    return { code, ...lines };
  }

  beforeAll(async () => {
    const handle = await openDatabase({ dataDir: folder.dataDir });
    try {
      const repository = createEntraConfigRepository(handle.db);
      const [connection] = (
        await createConnectionRepository(
          handle.db,
          createSecretBox(await loadSecretKey({ env: {}, dataDir: folder.dataDir })),
        ).list({ kind: 'entra', limit: 1 })
      ).items;
      const stored = (await repository.get(connection!.id))!;
      const withDelta = entraImportConfigSchema.parse({
        ...(stored.config as object),
        delta: { enabled: true, method: 'allChanges' },
      });
      await repository.save(connection!.id, withDelta, { expectedVersion: stored.version, updatedBy: null });
    } finally {
      await handle.close();
    }
  });

  it('reads in full without a checkpoint, then only the changes, saying how each tenant was read', async () => {
    const first = JSON.parse((await sync({ json: true, delta: true })).result[0]!);
    expect(first.tenants[0]).toMatchObject({ mode: 'full', modeReason: 'delta.noCheckpoint' });
    const tenant = world.emu.estate.tenant(TENANTS.contoso)!;
    world.emu.estate.updateUser(tenant, 'e0e00000-0000-4000-8000-0000000a0001', { displayName: 'Zoe Delta' });
    const second = await sync({ delta: true });
    expect(second.code).toBe(0);
    expect(second.result[0]).toMatch(/updated 1, deactivated 0, unchanged 0, .*delta read\); run /);
  });

  it('shows the delta status and resets it; the next run reads in full', async () => {
    const status = await deltas({});
    expect(status.code).toBe(0);
    expect(status.result[0]).toBe('Connection "Contoso CLI": delta queries on (listen to all changes)');
    expect(status.result[1]).toContain(`${TENANTS.contoso} users  reading changes (since `);
    const reset = await deltas({ action: 'reset', mode: 'clear', module: 'users', json: true });
    expect(reset.code).toBe(0);
    expect(JSON.parse(reset.result[0]!).tenants).toEqual([
      expect.objectContaining({ module: 'users', position: 'none' }),
      expect.objectContaining({ module: 'agents', position: 'none' }),
    ]);
    const after = JSON.parse((await sync({ json: true, delta: true })).result[0]!);
    expect(after.tenants[0]).toMatchObject({ mode: 'full', modeReason: 'delta.noCheckpoint' });
    const wrong = await deltas({
      action: 'reset',
      mode: 'latest',
      tenant: '00000000-0000-4000-8000-000000000000',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.error[0]).toContain('reads tenant');
  });
});
