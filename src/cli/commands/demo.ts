import { Command, Option } from 'commander';
import { join, resolve } from 'node:path';
import { createRollcallApp } from '../../api/app.js';
import { createLogger } from '../../api/observability/logger.js';
import { serverConfigSchema } from '../../contracts/config.js';
import { port, reportStartFailure, stopOnSignals } from './serve.js';

interface DemoFlags {
  port: number;
  emulatorPort: number;
  dataDir: string;
}

/**
 * `rollcall demo`: Rollcall with no Microsoft account. Starts the Microsoft emulator with the demo
 * MSP estate and Rollcall (embedded database) pointed at it, Microsoft sign-in included.
 */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'Run Rollcall without a Microsoft account: the console on an embedded database, talking to the ' +
        'Microsoft emulator seeded with an MSP estate (a partner and five customer tenants)',
    )
    .addOption(new Option('--port <port>', 'HTTP port of the console').argParser(port).default(3000))
    .addOption(
      new Option('--emulator-port <port>', 'HTTPS port of the Microsoft emulator')
        .argParser(port)
        .default(8443),
    )
    .addOption(
      new Option('--data-dir <dir>', 'where the demo keeps its database and certificates').default(
        './.rollcall/demo',
      ),
    )
    .action(async (flags: DemoFlags) => runDemo(flags));
}

async function runDemo(flags: DemoFlags): Promise<void> {
  const dataDir = resolve(flags.dataDir);
  // The emulator is loaded on use only: no other command pays for it.
  const { createEmulator } = await import('../../emulator/index.js');
  const emulator = await createEmulator({
    port: flags.emulatorPort,
    dataDir: join(dataDir, 'emulator'),
    preset: 'demo',
  });
  const info = emulator.info();
  const sso = info.apps.find((a) => a.kind === 'sso');
  const publicUrl = `http://localhost:${flags.port}`;
  // Register the console's callback on the sign-in app, as an administrator would in Entra.
  const ssoApp = sso ? emulator.estate.apps.get(sso.clientId.toLowerCase()) : undefined;
  ssoApp?.redirectUris.push(`${publicUrl}/api/auth/sso/callback`);

  const config = serverConfigSchema.parse({
    port: flags.port,
    host: '127.0.0.1',
    publicUrl,
    dataDir: join(dataDir, 'data'),
    microsoft: {
      authorityHost: info.authorityHost,
      graphBaseUrl: info.graphBaseUrl,
      partnerCenterBaseUrl: info.partnerCenterBaseUrl,
      extraCaPath: info.caCertPath,
    },
    sso: sso ? { clientId: sso.clientId, clientSecret: sso.clientSecret } : {},
  });
  const logger = createLogger({ level: 'warn' });
  let composed;
  try {
    composed = await createRollcallApp({ config, logger });
    await composed.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    reportStartFailure('demo', error, config);
    await composed?.close().catch(() => undefined);
    await emulator.close();
    process.exitCode = 1;
    return;
  }
  const app = composed;
  stopOnSignals(logger, async () => {
    await app.close();
    await emulator.close();
  });
  const partner = info.tenants.find((t) => t.id === info.partnerTenantId);
  // A customer tenant whose Graph app has consent: what to type into "New Entra connection".
  const graphApp = info.apps.find(
    (a) =>
      a.kind === 'graph' &&
      emulator.estate.tenant(a.tenantId)?.servicePrincipals.has(a.clientId.toLowerCase()),
  );
  const customer = graphApp && info.tenants.find((t) => t.id === graphApp.tenantId);
  const connect = graphApp
    ? [
        `  3. Connect ${customer?.displayName ?? 'a customer tenant'}: Integrations → Microsoft Entra ID → New connection,`,
        `     tenant ${graphApp.tenantId}, client ${graphApp.clientId}, secret ${graphApp.clientSecret};`,
        '     Authorise, add a site mapping, then Import Users.',
      ]
    : [];
  process.stdout.write(
    [
      '',
      `Rollcall demo is running at ${publicUrl}`,
      '',
      '  1. Open it and create the first administrator (first-run page).',
      `  2. Or sign in with Microsoft as a technician of ${partner?.displayName ?? 'the partner'} once an agent`,
      '     with their email exists (emulator password for every seeded user: Rollcall-Demo-2026!).',
      ...connect,
      '',
      `Microsoft emulator: ${info.authorityHost} (Graph ${info.graphBaseUrl}); CA ${info.caCertPath}`,
      `Data: ${dataDir}. Press Ctrl+C to stop.`,
      '',
    ].join('\n'),
  );
}
