import { expect } from 'vitest';
import type { AssetConfigView, AssetRunResult, AssetView } from '../../../src/contracts/api/assets.js';
import type { AssetImportConfigInput } from '../../../src/contracts/api/assets-config.js';
import type { Emulator } from '../../../src/emulator/index.js';
import type { TestApp } from '../../support/app.js';
import { call, type Caller } from '../access/fixtures.js';

/** Reads, changes and saves a connection's asset configuration through the API (expects 200). */
export async function saveAssetConfig(
  app: TestApp,
  caller: Caller,
  connectionId: string,
  change: AssetImportConfigInput,
  options: { acceptWarnings?: boolean } = {},
): Promise<AssetConfigView> {
  const current = await call(app, caller, 'GET', `/api/connections/${connectionId}/asset-config`);
  expect(current.statusCode, current.body).toBe(200);
  const view = current.json() as AssetConfigView;
  const res = await call(app, caller, 'PUT', `/api/connections/${connectionId}/asset-config`, {
    expectedVersion: view.version,
    config: { ...view.config, ...change },
    acceptWarnings: options.acceptWarnings ?? false,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AssetConfigView;
}

/** "Import Managed Devices" now (expects 200); results by tenant id. */
export async function runAssetsNow(
  app: TestApp,
  caller: Caller,
  connectionId: string,
  tenantIds?: string[],
): Promise<Record<string, AssetRunResult>> {
  const res = await call(
    app,
    caller,
    'POST',
    `/api/connections/${connectionId}/assets/run`,
    tenantIds ? { tenantIds } : {},
  );
  expect(res.statusCode, res.body).toBe(200);
  const { results } = res.json() as { results: AssetRunResult[] };
  return Object.fromEntries(results.map((r) => [r.tenantId, r]));
}

/** Every asset of a customer (up to 1,000), through the API. */
export async function assetsOf(
  app: TestApp,
  caller: Caller,
  customerId: string,
  query = '',
): Promise<AssetView[]> {
  const items: AssetView[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/customers/${customerId}/assets?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await call(app, caller, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: AssetView[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 1000);
  return items;
}

/** The tenant's managed devices as the emulator holds them. */
export function devicesOf(emu: Emulator, tenantId: string) {
  return [...emu.estate.tenant(tenantId)!.devices.values()];
}

/** Enrols devices through the emulator's admin API (expects 201); returns them. */
export async function enrol(emu: Emulator, tenantId: string, devices: object[]) {
  const res = await emu.inject({
    method: 'POST',
    url: `/_emulator/tenants/${tenantId}/devices`,
    body: { devices },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; serialNumber: string; deviceName: string }[];
}
