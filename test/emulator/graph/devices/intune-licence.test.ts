import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../src/emulator/index.js';
import type { TenantRecord } from '../../../../src/emulator/state/types.js';
import { mintToken, startEmulator } from '../../../support/emulator.js';

const APP = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';

/** Intune answers a tenant only once it is licensed for Intune (fact sheet §8). */
describe('Intune licence', () => {
  let emu: Emulator;
  let tenant: TenantRecord;

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'empty' });
    tenant = emu.estate.createTenant({
      id: 'e0e00000-0000-4000-8000-00000000a11c',
      displayName: 'No Intune yet',
      initialDomain: 'no-intune.onmicrosoft.com',
      intune: false,
    });
  });
  afterAll(() => emu.close());

  const list = async () =>
    emu.inject({
      method: 'GET',
      url: '/v1.0/deviceManagement/managedDevices?$select=id,serialNumber',
      headers: {
        authorization: `Bearer ${await mintToken(emu, {
          tenantId: tenant.id,
          appId: APP,
          roles: ['DeviceManagementManagedDevices.Read.All'],
        })}`,
      },
    });

  it('refuses a tenant without Intune, and answers once it buys an Intune licence', async () => {
    const refused = await list();
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Request not applicable to target tenant.');
    const bought = await emu.inject({
      method: 'POST',
      url: `/_emulator/tenants/${tenant.id}/skus`,
      body: { sku: 'INTUNE_A', enabled: 5 },
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
    const enrolled = await emu.inject({
      method: 'POST',
      url: `/_emulator/tenants/${tenant.id}/devices`,
      body: {
        devices: [
          { operatingSystem: 'Windows', userId: null, managementAgent: 'msSense', serialNumber: 'SENSE-1' },
        ],
      },
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const answered = await list();
    expect(answered.status).toBe(200);
    expect((answered.body as { value: { serialNumber: string }[] }).value).toContainEqual(
      expect.objectContaining({ serialNumber: 'SENSE-1' }),
    );
  });
});
