import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createClock, type Clock } from './clock.js';
import { emulatorBehaviourSchema, type EmulatorBehaviour } from './config.js';
import type { EmulatorContext } from './context.js';
import { createCounters, type Counters } from './counters.js';
import { createFaultRules, type FaultRules } from './faults/rules.js';
import { createNoThrottler } from './faults/throttler.js';
import { createPipeline, type PipelineResponse } from './http/pipeline.js';
import { createRouter } from './http/router.js';
import { createHttpsServer } from './http/server.js';
import type { EmuRequest } from './http/types.js';
import { createTokenIssuer } from './identity/tokens.js';
import { createRng } from './ids.js';
import { registerModules } from './modules.js';
import { seedEstate } from './seed/index.js';
import { appCredentials, type AppCredential } from './state/app-credentials.js';
import { createEstate, type Estate } from './state/estate.js';
import { ensureTls } from './tls/certs.js';

export const emulatorOptionsSchema = z.object({
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().default('127.0.0.1'),
  /** Name clients use in URLs; must be covered by the certificate (localhost, 127.0.0.1). */
  publicHost: z.string().default('localhost'),
  dataDir: z.string().optional(),
  seed: z.number().int().default(1),
  preset: z.enum(['demo', 'empty']).optional(),
  tenants: z.number().int().min(1).optional(),
  users: z.number().int().min(0).optional(),
  behaviour: emulatorBehaviourSchema.prefault({}),
  /** Start without listening (tests that only use `inject`). */
  listen: z.boolean().default(true),
});

export type EmulatorOptions = z.input<typeof emulatorOptionsSchema>;

export type EmulatorApp = AppCredential;

/** What `rollcall emulator --json` prints on its first line. */
export interface EmulatorInfo {
  authorityHost: string;
  graphBaseUrl: string;
  partnerCenterBaseUrl: string;
  adminUrl: string;
  caCertPath: string;
  partnerTenantId: string | null;
  tenants: { id: string; displayName: string; initialDomain: string; users: number }[];
  apps: EmulatorApp[];
}

export interface Emulator {
  info(): EmulatorInfo;
  readonly estate: Estate;
  readonly clock: Clock;
  readonly counters: Counters;
  readonly faults: FaultRules;
  readonly behaviour: EmulatorBehaviour;
  readonly context: EmulatorContext;
  /** Runs a request through the pipeline without the network (fast tests). */
  inject(req: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
  }): Promise<PipelineResponse>;
  close(): Promise<void>;
}

export async function createEmulator(input: EmulatorOptions = {}): Promise<Emulator> {
  const options = emulatorOptionsSchema.parse(input);
  // A folder the emulator made for itself (no --data-dir) goes when it closes.
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rollcall-emulator-'));
  const removeOwnDataDir = () => {
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const clock = createClock();
  const random = createRng(options.seed ^ 0x5eed);
  const estate = createEstate(clock);
  const issuer = await createTokenIssuer(clock);
  const router = createRouter();
  const counters = createCounters();
  const faults = createFaultRules(random);

  const ctx: EmulatorContext = {
    estate,
    issuer,
    clock,
    router,
    faults,
    throttle: { current: createNoThrottler() },
    counters,
    behaviour: options.behaviour,
    random,
    dataDir,
    dispatch: (req) => pipeline.handle(req),
  };
  const pipeline = createPipeline(ctx);
  registerModules(ctx);
  seedEstate(estate, {
    seed: options.seed,
    preset: options.preset,
    tenants: options.tenants,
    users: options.users,
  });

  const tls = await ensureTls(join(dataDir, 'tls'));
  let origin = `https://${options.publicHost}:${options.port}`;
  const server = createHttpsServer(tls, pipeline);
  if (options.listen) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    origin = `https://${options.publicHost}:${(server.address() as AddressInfo).port}`;
  }

  const info = (): EmulatorInfo => ({
    authorityHost: origin,
    graphBaseUrl: `${origin}/v1.0`,
    partnerCenterBaseUrl: `${origin}/partnercenter`,
    adminUrl: `${origin}/_emulator`,
    caCertPath: tls.caCertPath,
    partnerTenantId: estate.partnerTenantId,
    tenants: [...estate.tenants.values()].map((t) => ({
      id: t.id,
      displayName: t.displayName,
      initialDomain: t.initialDomain,
      users: t.users.size,
    })),
    apps: appCredentials(estate),
  });

  return {
    info,
    estate,
    clock,
    counters,
    faults,
    behaviour: options.behaviour,
    context: ctx,
    async inject(r) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
      let body = Buffer.alloc(0);
      if (typeof r.body === 'string') body = Buffer.from(r.body);
      else if (r.body !== undefined) {
        body = Buffer.from(JSON.stringify(r.body));
        headers['content-type'] ??= 'application/json';
      }
      const req: EmuRequest = { method: r.method.toUpperCase(), url: new URL(r.url, origin), headers, body };
      return pipeline.handle(req);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!options.listen) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(removeOwnDataDir),
  };
}
