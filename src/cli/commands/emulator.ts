import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import type { Emulator, EmulatorInfo } from '../../emulator/index.js';
import type { SeedProgress } from '../../emulator/seed/index.js';

const DEFAULT_PORT = 8443;
const DEFAULT_DATA_DIR = './.rollcall/emulator';
/** Estates at least this big report seeding progress on stderr. */
const PROGRESS_FROM_USERS = 5_000;
const PROGRESS_STEPS = 10;

export interface EmulatorFlags {
  port: number;
  host: string;
  preset?: 'demo' | 'empty';
  tenants?: number;
  users?: number;
  largestTenant?: number;
  seed: number;
  dataDir: string;
  json?: boolean;
  allowRemote?: boolean;
}

const integer = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
  return n;
};

const port = (value: string) => {
  const n = integer(0)(value);
  if (n > 65535) throw new InvalidArgumentError('expected a port between 0 and 65535');
  return n;
};

/** 127.0.0.0/8, ::1 and localhost: the only addresses where an unauthenticated admin API is acceptable. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const EXAMPLES = `
Examples:
  $ rollcall emulator                                  demo estate on https://localhost:8443
  $ rollcall emulator --json --port 0                  free port; first stdout line is JSON
  $ rollcall emulator --tenants 200 --users 100000     a large MSP (sizes skewed, seeded)
  $ rollcall emulator --preset empty                   no tenants; seed via the admin API
  $ NODE_EXTRA_CA_CERTS=.rollcall/emulator/tls/ca.pem node app.js   trust the emulator's CA

The admin API (${'`'}/_emulator${'`'}) has no authentication, so the emulator only listens on loopback
unless --allow-remote is given. See docs/emulator/README.md.`;

/** `rollcall emulator`: runs the Microsoft emulator (identity platform, Graph, Partner Center). */
export function emulatorCommand(): Command {
  return new Command('emulator')
    .description('Run the Microsoft emulator (identity platform, Graph v1.0, Partner Center) over HTTPS')
    .addOption(
      new Option('--port <port>', 'HTTPS port (0 picks a free one)').argParser(port).default(DEFAULT_PORT),
    )
    .addOption(new Option('--host <address>', 'address to listen on').default('127.0.0.1'))
    .addOption(
      new Option('--preset <name>', 'estate to start with (default: demo)')
        .choices(['demo', 'empty'])
        .conflicts('tenants'),
    )
    .addOption(new Option('--tenants <n>', 'a partner and this many customer tenants').argParser(integer(1)))
    .addOption(
      new Option('--users <n>', 'users across those customers (needs --tenants)').argParser(integer(0)),
    )
    .addOption(
      new Option('--largest-tenant <n>', 'the first customer has exactly this many of --users').argParser(
        integer(1),
      ),
    )
    .addOption(new Option('--seed <n>', 'seed for the generated estate').argParser(integer(0)).default(1))
    .addOption(
      new Option(
        '--data-dir <dir>',
        'where the CA and certificates are kept (trust survives restarts)',
      ).default(DEFAULT_DATA_DIR),
    )
    .option('--json', 'print one JSON line (URLs, CA path, app credentials) first on stdout')
    .option('--allow-remote', 'listen on a non-loopback address although the admin API is unauthenticated')
    .addHelpText('after', EXAMPLES)
    .action(async function (this: Command, flags: EmulatorFlags) {
      if (flags.largestTenant !== undefined && flags.users === undefined) {
        this.error('error: --largest-tenant needs --tenants and --users');
      }
      if (flags.largestTenant !== undefined && flags.largestTenant > flags.users!) {
        this.error('error: --largest-tenant cannot exceed --users');
      }
      if (flags.users !== undefined && flags.tenants === undefined) {
        this.error('error: --users needs --tenants (how many customer tenants to spread the users over)');
      }
      if (!isLoopback(flags.host) && !flags.allowRemote) {
        this.error(
          `error: --host ${flags.host} is not a loopback address and the admin API has no authentication; ` +
            'add --allow-remote if you really mean it',
        );
      }
      await runEmulator(flags);
    });
}

export async function runEmulator(flags: EmulatorFlags): Promise<void> {
  const dataDir = resolve(flags.dataDir);
  // Loaded on use: other commands (serve, migrate) should not pay for the emulator at start-up.
  const { createEmulator } = await import('../../emulator/index.js');
  const { seedEstate } = await import('../../emulator/seed/index.js');
  let emulator: Emulator;
  try {
    // Seeded here rather than by createEmulator so a large estate can report progress.
    emulator = await createEmulator({
      port: flags.port,
      host: flags.host,
      dataDir,
      seed: flags.seed,
      preset: 'empty',
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${flags.port} is already in use (try --port 0 for a free one)`
        : (err as Error).message;
    process.stderr.write(`rollcall emulator: cannot start: ${reason}\n`);
    process.exitCode = 1;
    return;
  }
  if (!isLoopback(flags.host)) {
    process.stderr.write('warning: the admin API is reachable from the network and has no authentication\n');
  }
  seedEstate(emulator.estate, {
    seed: flags.seed,
    ...(flags.preset ? { preset: flags.preset } : {}),
    ...(flags.tenants !== undefined ? { tenants: flags.tenants } : {}),
    ...(flags.users !== undefined ? { users: flags.users } : {}),
    ...(flags.largestTenant !== undefined ? { largestTenantUsers: flags.largestTenant } : {}),
    onProgress: progressReporter(),
  });
  const info = emulator.info();
  if (flags.json) process.stdout.write(`${JSON.stringify(info)}\n`);
  else process.stdout.write(summary(info, flags.seed));

  const stop = async (signal: string) => {
    process.stderr.write(`rollcall emulator: ${signal}, stopping\n`);
    await emulator.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function progressReporter(): (p: SeedProgress) => void {
  let reported = 0;
  return (p) => {
    if (p.usersTotal < PROGRESS_FROM_USERS) return;
    const step = Math.floor((p.usersDone / Math.max(1, p.usersTotal)) * PROGRESS_STEPS);
    if (step <= reported && p.tenantsDone !== p.tenantsTotal) return;
    reported = step;
    process.stderr.write(
      `seeding: ${p.tenantsDone}/${p.tenantsTotal} tenants, ${p.usersDone.toLocaleString('en')}/${p.usersTotal.toLocaleString('en')} users\n`,
    );
  };
}

/** What a person starting the emulator by hand needs: URLs, credentials, how to trust the CA, a first call. */
function summary(info: EmulatorInfo, seed: number): string {
  const partner = info.tenants.find((t) => t.id === info.partnerTenantId);
  const customers = info.tenants.filter((t) => t.id !== info.partnerTenantId);
  const users = customers.reduce((n, t) => n + t.users, 0);
  const graphApp = info.apps.find((a) => a.kind === 'graph');
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const lines = [
    'Microsoft emulator is running',
    `  identity platform  ${info.authorityHost}/{tenant}/oauth2/v2.0/token`,
    `  Graph              ${info.graphBaseUrl}`,
    `  Partner Center     ${info.partnerCenterBaseUrl}/v1`,
    `  admin API          ${info.adminUrl}   (no authentication: loopback only)`,
    '',
    partner
      ? `Estate (seed ${seed}): ${partner.displayName} with ${customers.length} customers, ${users} users`
      : `Estate (seed ${seed}): ${info.tenants.length} tenants (seed more with POST ${info.adminUrl}/seed)`,
    ...info.apps
      .filter((a) => a.kind !== 'graph' || a === graphApp)
      .map(
        (a) =>
          `  ${a.kind.padEnd(7)} app  client ${a.clientId}  secret ${a.clientSecret}  tenant ${a.tenantId}`,
      ),
    info.apps.length > 4
      ? `  (${info.apps.length} apps in all: --json or GET ${info.adminUrl} lists them)`
      : '',
    '',
    'Trust the emulator CA (kept in the data folder, so once is enough):',
    `  export NODE_EXTRA_CA_CERTS=${info.caCertPath}`,
    `  curl --cacert ${info.caCertPath} …`,
  ];
  if (graphApp) {
    const tokenUrl = `${info.authorityHost}/${graphApp.tenantId}/oauth2/v2.0/token`;
    lines.push(
      '',
      'Get a token with the first Graph app and list users:',
      `  TOKEN=$(curl -s --cacert ${q(info.caCertPath)} ${q(tokenUrl)} -d grant_type=client_credentials \\`,
      `    -d client_id=${graphApp.clientId} --data-urlencode client_secret=${q(graphApp.clientSecret)} \\`,
      `    --data-urlencode scope=https://graph.microsoft.com/.default | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
      `  curl -s --cacert ${q(info.caCertPath)} -H "Authorization: Bearer $TOKEN" ${q(`${info.graphBaseUrl}/users?$top=5`)}`,
    );
  }
  lines.push('', 'Press Ctrl+C to stop.', '');
  return lines.join('\n');
}
