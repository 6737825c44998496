import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../src/emulator/index.js';
import type { TenantRecord } from '../../../../src/emulator/state/types.js';
import { mintToken, startEmulator } from '../../../support/emulator.js';

const APP = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const OTHER_APP = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';
const ROLES = ['DeviceManagementManagedDevices.Read.All', 'User.Read.All'];

/**
 * Intune's own limits (fact sheet §7.3): per app and tenant, and per tenant across apps, counted
 * in requests over 20 s, separate from the identity resource units.
 */
describe('Intune throttling', () => {
  let emu: Emulator;
  let tenant: TenantRecord;

  const get = async (path: string, appId = APP) =>
    emu.inject({
      method: 'GET',
      url: `/v1.0${path}`,
      headers: {
        authorization: `Bearer ${await mintToken(emu, { tenantId: tenant.id, appId, roles: ROLES })}`,
      },
    });
  const throttle = (body: unknown) => emu.inject({ method: 'PUT', url: '/_emulator/throttling', body });

  beforeAll(async () => {
    emu = await startEmulator({ seed: 1 });
    tenant = [...emu.estate.tenants.values()].find((t) => t.intune)!;
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    await throttle({ mode: 'off' });
  });

  it('limits managedDevices requests per app and tenant, apart from the directory’s resource units', async () => {
    await throttle({ mode: 'resourceUnits', limits: { intuneTenantApp: 3 } });
    for (let i = 0; i < 3; i += 1)
      expect((await get('/deviceManagement/managedDevices?$top=5')).status).toBe(200);
    const limited = await get('/deviceManagement/managedDevices?$top=5');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers?.['x-ms-throttle-scope']).toBe(`Tenant_Application/ReadWrite/${APP}/${tenant.id}`);
    // The directory has its own budget; another app its own Intune budget.
    expect((await get('/users?$top=5')).status).toBe(200);
    expect((await get('/deviceManagement/managedDevices?$top=5', OTHER_APP)).status).toBe(200);
  });

  it('limits the tenant across apps', async () => {
    await throttle({ mode: 'resourceUnits', limits: { intuneTenant: 2 } });
    expect((await get('/deviceManagement/managedDevices?$top=5')).status).toBe(200);
    expect((await get('/deviceManagement/managedDevices?$top=5', OTHER_APP)).status).toBe(200);
    const limited = await get('/deviceManagement/managedDevices?$top=5', OTHER_APP);
    expect(limited.status).toBe(429);
    expect(limited.headers?.['x-ms-throttle-scope']).toBe(`Tenant/ReadWrite/${OTHER_APP}/${tenant.id}`);
  });
});
