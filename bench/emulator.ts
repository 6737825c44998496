/**
 * `npm run bench -- emulator [--tenants 200] [--users 100000] [--read-users 100000] [--seed 1]`
 *
 * The emulator must never be the bottleneck of later benchmarks. Prints:
 * - `seedSeconds`: seeding `--tenants` customer tenants with `--users` users in all (target < 10 s);
 * - `fullReadSeconds`: paging every user of one `--read-users`-user tenant with `$top=999` through
 *   Rollcall's Microsoft client against an emulator in its own process (target < 5 s);
 * - `peakRssMb`: the peak resident memory of that emulator process holding those users (target < 600 MB),
 *   and `peakRssMbMultiTenant` for an emulator holding the `--tenants`/`--users` estate;
 * - ratios measured in the same run: the client's read time against a bare HTTPS loop over the same
 *   pages (`clientOverheadRatio`), and requests made against the minimum possible.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { parseArgs } from 'node:util';
import { createClock } from '../src/emulator/clock.js';
import { seedEstate } from '../src/emulator/seed/index.js';
import { createEstate } from '../src/emulator/state/estate.js';
import {
  createMicrosoftClients,
  GRAPH_DEFAULT_SCOPE,
  userSchema,
  withQuery,
} from '../src/microsoft/index.js';
import { peakRssMb, startEmulatorProcess, stopEmulatorProcess } from './support/emulator-process.js';

const PAGE_SIZE = 999;

const log = (message: string) => process.stderr.write(`[bench emulator] ${message}\n`);

/** Reads every page with nothing but HTTPS and JSON.parse: the floor the client is compared to. */
async function bareRead(
  firstUrl: string,
  token: string,
  ca: string,
): Promise<{ users: number; requests: number }> {
  const agent = new Agent({ keepAlive: true, ca });
  let url: string | undefined = firstUrl;
  let users = 0;
  let requests = 0;
  while (url) {
    const page = await new Promise<{ value: unknown[]; '@odata.nextLink'?: string }>((resolve, reject) => {
      const req = request(url!, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    requests += 1;
    users += page.value.length;
    url = page['@odata.nextLink'];
  }
  agent.destroy();
  return { users, requests };
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenants: { type: 'string', default: '200' },
      users: { type: 'string', default: '100000' },
      'read-users': { type: 'string', default: '100000' },
      seed: { type: 'string', default: '1' },
    },
  });
  const tenants = Number(values.tenants);
  const users = Number(values.users);
  const readUsers = Number(values['read-users']);
  const seed = Number(values.seed);

  log(`seeding ${tenants} tenants / ${users} users in-process`);
  const seedStart = performance.now();
  seedEstate(createEstate(createClock()), { seed, tenants, users });
  const seedSeconds = (performance.now() - seedStart) / 1000;

  log('starting an emulator process with the same estate to measure its memory');
  const multi = await startEmulatorProcess([
    '--tenants',
    String(tenants),
    '--users',
    String(users),
    '--seed',
    String(seed),
  ]);
  const peakRssMbMultiTenant = peakRssMb(multi.child.pid!);
  await stopEmulatorProcess(multi);

  log(`starting an emulator process with one ${readUsers}-user tenant`);
  const single = await startEmulatorProcess([
    '--tenants',
    '1',
    '--users',
    String(readUsers),
    '--seed',
    String(seed),
  ]);
  try {
    const customer = single.info.tenants.find((t) => t.id !== single.info.partnerTenantId);
    const app = single.info.apps.find((a) => a.kind === 'graph' && a.tenantId === customer?.id);
    if (!customer || !app) throw new Error('the emulator printed no customer tenant with a graph app');
    const ca = readFileSync(single.info.caCertPath, 'utf8');
    const clients = createMicrosoftClients({
      endpoints: {
        authorityHost: single.info.authorityHost,
        graphBaseUrl: single.info.graphBaseUrl,
        partnerCenterBaseUrl: single.info.partnerCenterBaseUrl,
        extraCaPem: ca,
      },
    });
    const tokens = clients.tokens.app({
      tenantId: app.tenantId,
      clientId: app.clientId,
      credential: { kind: 'secret', secret: app.clientSecret },
      scopes: [GRAPH_DEFAULT_SCOPE],
    });
    const token = await tokens.getToken();
    const graph = clients.graph(tokens);
    const path = withQuery('/users', {
      $select: ['id', 'displayName', 'userPrincipalName', 'mail'],
      $top: PAGE_SIZE,
    });

    // Warm-up: one page each way, so connection set-up is not part of either measurement.
    await bareRead(`${single.info.graphBaseUrl}/users?$top=1`, token, ca);

    log('full read through the client');
    let clientRequests = 0;
    let clientUsers = 0;
    const clientStart = performance.now();
    for await (const page of graph.pages(path, userSchema)) {
      clientRequests += 1;
      clientUsers += page.items.length;
    }
    const fullReadSeconds = (performance.now() - clientStart) / 1000;

    log('full read with a bare HTTPS loop');
    const bareStart = performance.now();
    const bare = await bareRead(`${single.info.graphBaseUrl}${path}`, token, ca);
    const bareReadSeconds = (performance.now() - bareStart) / 1000;
    clients.close();

    const rss = peakRssMb(single.child.pid!);
    const minimumRequests = Math.ceil(readUsers / PAGE_SIZE);
    return {
      bench: 'emulator',
      tenants,
      users,
      readUsers,
      seedSeconds: round(seedSeconds),
      seedUsersPerSecond: Math.round(users / seedSeconds),
      fullReadSeconds: round(fullReadSeconds),
      usersRead: clientUsers,
      graphRequests: clientRequests,
      minimumRequests,
      requestsVsMinimum: round(clientRequests / minimumRequests),
      bareReadSeconds: round(bareReadSeconds),
      bareUsersRead: bare.users,
      clientOverheadRatio: round(fullReadSeconds / bareReadSeconds),
      peakRssMb: Math.max(rss, peakRssMbMultiTenant),
      peakRssMbSingleTenant: rss,
      peakRssMbMultiTenant,
      targets: { seedSeconds: 10, fullReadSeconds: 5, peakRssMb: 600 },
      node: process.version,
    };
  } finally {
    await stopEmulatorProcess(single);
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
