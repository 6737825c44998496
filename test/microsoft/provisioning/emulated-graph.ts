import { SKU_CATALOGUE } from '../../../src/emulator/graph/licences/catalogue.js';
import { createSkuRecord } from '../../../src/emulator/graph/licences/records.js';
import type { Emulator } from '../../../src/emulator/index.js';
import { createGraphClient, type GraphClient } from '../../../src/microsoft/graph/graph-client.js';
import { createHttpClient } from '../../../src/microsoft/http/http-client.js';
import type { FetchLike } from '../../../src/microsoft/http/transport.js';
import { createDirectoryFixture, CONTOSO_ID, type DirectoryFixture } from '../../emulator/graph/fixtures.js';
import { mintToken, startEmulator } from '../../support/emulator.js';

/** What Rollcall's provisioning app is granted in a customer tenant. */
export const PROVISIONING_ROLES = [
  'User.ReadWrite.All',
  'Group.Read.All',
  'GroupMember.ReadWrite.All',
  'LicenseAssignment.ReadWrite.All',
];

export const SPB = SKU_CATALOGUE.SPB.skuId;
export const EMS = SKU_CATALOGUE.EMS.skuId;

export interface ProvisioningFixture {
  emu: Emulator;
  fx: DirectoryFixture;
  graph: GraphClient;
  /** Waits the client asked for (not really waited; the emulator clock moves on instead). */
  slept: number[];
  /** Every request the client sent, as `METHOD path?query`. */
  sent: string[];
  /** Fresh directory (Contoso, with SPB: 2 seats, EMS: 1 seat), counters, faults and switches. */
  reset(): Promise<void>;
  /** Later requests carry a token with these application permissions instead. */
  grant(roles: string[]): Promise<void>;
}

/**
 * The real Graph client (HTTP core, retries, `$batch`) talking to the in-process emulator through
 * a `fetch` that calls `emu.inject`: no sockets, every emulator rule applies.
 */
export async function startProvisioningFixture(): Promise<ProvisioningFixture> {
  const emu = await startEmulator({ preset: 'empty' });
  const slept: number[] = [];
  const sent: string[] = [];
  let token = '';
  const fetch: FetchLike = async (url, init) => {
    const target = new URL(url);
    sent.push(`${init.method} ${decodeURIComponent(target.pathname + target.search)}`);
    const res = await emu.inject({ method: init.method, url, headers: init.headers, body: init.body });
    const body =
      res.body === undefined || res.status === 204
        ? null
        : Buffer.isBuffer(res.body)
          ? new Uint8Array(res.body)
          : typeof res.body === 'string'
            ? res.body
            : JSON.stringify(res.body);
    return new Response(body, { status: res.status, headers: res.headers });
  };
  const http = createHttpClient({
    fetch,
    sleep: async (ms) => {
      slept.push(ms);
      emu.clock.advance(ms);
    },
    random: () => 0.5,
    now: () => emu.clock.now(),
  });
  const graph = createGraphClient({
    baseUrl: 'https://graph.microsoft.com/v1.0',
    tokens: { getToken: async () => token },
    http,
  });
  const fixture: ProvisioningFixture = {
    emu,
    fx: undefined as unknown as DirectoryFixture,
    graph,
    slept,
    sent,
    async reset() {
      await emu.inject({ method: 'POST', url: '/_emulator/reset', body: {} });
      emu.estate.clear();
      const fx = createDirectoryFixture(emu);
      fx.tenant.skus.set(SPB, createSkuRecord({ sku: SKU_CATALOGUE.SPB, enabled: 2 }));
      fx.tenant.skus.set(EMS, createSkuRecord({ sku: SKU_CATALOGUE.EMS, enabled: 1 }));
      fixture.fx = fx;
      token = await mintToken(emu, { tenantId: CONTOSO_ID, roles: PROVISIONING_ROLES });
      emu.counters.reset();
      slept.length = 0;
      sent.length = 0;
    },
    async grant(roles) {
      token = await mintToken(emu, { tenantId: CONTOSO_ID, roles });
    },
  };
  return fixture;
}

/** Requests the emulator counted, all routes, or one route name (`POST /$batch`). */
export const counted = (f: ProvisioningFixture, route?: string) =>
  f.emu.counters.total(route ? { route } : {});
