import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime, createRollcallApp } from '../../src/api/app.js';
import { createLogger } from '../../src/api/observability/logger.js';
import { runNotifications } from '../../src/cli/commands/notifications.js';
import type { SyncOutput } from '../../src/cli/commands/sync.js';
import { serverConfigSchema, type ServerConfig } from '../../src/contracts/config.js';
import {
  createConnectionRepository,
  createGraphSubscriptionRepository,
  createSecretBox,
  loadSecretKey,
  openDatabase,
} from '../../src/store/index.js';
import { entraConfig, startEntraWorld, TENANTS, type EntraWorld } from '../api/entra/fixtures.js';
import { eventually, freePort } from '../api/entra/notifications-fixtures.js';
import { temporaryDataDir } from '../store/engines.js';

let world: EntraWorld;
let folder: Awaited<ReturnType<typeof temporaryDataDir>>;
let config: ServerConfig;
let port: number;

async function notifications(action: 'status' | 'on' | 'off' | 'repair', more: Partial<ServerConfig> = {}) {
  const lines = { progress: [] as string[], result: [] as string[], error: [] as string[] };
  const output: SyncOutput = {
    progress: (l) => lines.progress.push(l),
    result: (l) => lines.result.push(l),
    error: (l) => lines.error.push(l),
  };
  const code = await runNotifications({
    action,
    connection: 'Contoso notifications',
    json: false,
    config: { ...config, ...more },
    env: {},
    output,
  });
  return { code, ...lines };
}

beforeAll(async () => {
  world = await startEntraWorld();
  folder = await temporaryDataDir();
  port = await freePort();
  config = serverConfigSchema.parse({
    ...entraConfig(world),
    publicUrl: `http://127.0.0.1:${port}`,
    logLevel: 'silent',
    dataDir: folder.dataDir,
    databaseUrl: undefined,
  });
  const handle = await openDatabase({ dataDir: folder.dataDir });
  try {
    await handle.migrate();
    const box = createSecretBox(await loadSecretKey({ env: {}, dataDir: folder.dataDir }));
    await createConnectionRepository(handle.db, box).create({
      kind: 'entra',
      name: 'Contoso notifications',
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

describe('rollcall notifications', () => {
  it('shows them off, and refuses to switch on without an https publicUrl', async () => {
    const status = await notifications('status');
    expect(status.code, status.error.join('\n')).toBe(0);
    expect(status.result[0]).toBe('Connection "Contoso notifications": change notifications off');
    const refused = await notifications('on', { publicUrl: 'http://rollcall.example.com' });
    expect(refused.code).toBe(1);
    expect(refused.error.join('\n')).toContain('https');
    expect((await notifications('repair')).code).toBe(1);
  });

  it('switched on, the server creates the subscriptions as soon as it runs', async () => {
    const on = await notifications('on');
    expect(on.code, on.error.join('\n')).toBe(0);
    expect(on.result.join('\n')).toMatch(/users\s+being created/);
    const app = await createRollcallApp({
      config,
      env: {},
      logger: createLogger({ level: 'silent' }),
      jobs: createAppJobRuntime,
    });
    try {
      await app.app.listen({ port, host: '127.0.0.1' });
      const repository = createGraphSubscriptionRepository(app.deps.db);
      await eventually('active subscriptions', async () => {
        const rows = await repository.list();
        return rows.length === 2 && rows.every((r) => r.status === 'active');
      });
      expect(world.emu.estate.tenant(TENANTS.contoso)!.graphSubscriptions.size).toBe(2);
    } finally {
      await app.close();
    }
    const status = await notifications('status');
    expect(status.result.join('\n')).toMatch(/groups\s+active, renewed until/);
  });
});
