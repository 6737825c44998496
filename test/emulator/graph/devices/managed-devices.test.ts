import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createFixture, IDS, type Fixture } from '../../partner-center/fixtures.js';

const READ = ['DeviceManagementManagedDevices.Read.All'];
const LIST = '/v1.0/deviceManagement/managedDevices';

let f: Fixture;
let token: string;
beforeAll(async () => {
  f = await createFixture();
  token = await f.graph(IDS.fabrikam, READ);
});
afterAll(() => f.emu.close());

describe('GET /v1.0/deviceManagement/managedDevices', () => {
  it('returns every managedDevice property without $select', async () => {
    const res = await call(f.emu, 'GET', LIST, token);
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(/\$metadata#deviceManagement\/managedDevices$/);
    expect(res.body.value).toHaveLength(5);
    expect(res.body['@odata.nextLink']).toBeUndefined();
    const device = res.body.value[0];
    expect(device['@odata.type']).toBe('#microsoft.graph.managedDevice');
    for (const key of [
      'id',
      'userId',
      'deviceName',
      'operatingSystem',
      'osVersion',
      'complianceState',
      'managementAgent',
      'managedDeviceOwnerType',
      'lastSyncDateTime',
      'serialNumber',
      'azureADDeviceId',
      'isEncrypted',
      'totalStorageSpaceInBytes',
    ]) {
      expect(device).toHaveProperty(key);
    }
  });

  it('pages with $top and an opaque nextLink that keeps $select', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${LIST}?$top=2&$select=deviceName`;
    let pages = 0;
    while (url) {
      const res = await call(f.emu, 'GET', url, token);
      expect(res.status).toBe(200);
      for (const d of res.body.value) {
        expect(Object.keys(d).sort()).toEqual(['@odata.type', 'deviceName', 'id']);
        seen.push(d.deviceName);
      }
      url = res.body['@odata.nextLink'];
      if (url) expect(url).toContain('$skiptoken=');
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['FAB-0', 'FAB-1', 'FAB-2', 'FAB-3', 'FAB-4']);
  });

  it('filters on operatingSystem and complianceState', async () => {
    const ios = await call(f.emu, 'GET', `${LIST}?$filter=operatingSystem eq 'iOS'`, token);
    expect(ios.body.value.map((d: { deviceName: string }) => d.deviceName)).toEqual(['FAB-1', 'FAB-3']);
    const bad = await call(
      f.emu,
      'GET',
      `${LIST}?$filter=complianceState eq 'noncompliant' and operatingSystem eq 'iOS'`,
      token,
    );
    expect(bad.body.value.map((d: { deviceName: string }) => d.deviceName)).toEqual(['FAB-3']);
    const stale = new Date(f.emu.clock.now() - 2.5 * 24 * 3600 * 1000).toISOString();
    const old = await call(f.emu, 'GET', `${LIST}?$filter=lastSyncDateTime lt ${stale}`, token);
    expect(old.body.value.map((d: { deviceName: string }) => d.deviceName)).toEqual(['FAB-3', 'FAB-4']);
  });

  it('refuses filters it does not understand', async () => {
    const res = await call(f.emu, 'GET', `${LIST}?$filter=colour eq 'blue'`, token);
    expect(res.status).toBe(400);
    const or = await call(
      f.emu,
      'GET',
      `${LIST}?$filter=operatingSystem eq 'iOS' or operatingSystem eq 'Windows'`,
      token,
    );
    expect(or.status).toBe(400);
  });

  it('shows devices without a primary user with empty user fields', async () => {
    const res = await call(f.emu, 'GET', `${LIST}/ffffffff-0000-4000-8000-000000000004`, token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deviceName: 'FAB-4', userId: '', userPrincipalName: '' });
    expect(res.body['@odata.context']).toMatch(/managedDevices\/\$entity$/);
  });

  it('404s an unknown device', async () => {
    const res = await call(f.emu, 'GET', `${LIST}/99999999-0000-4000-8000-000000000000`, token);
    expect(res.status).toBe(404);
  });

  it('answers a tenant without Intune with Intune’s refusal', async () => {
    const northwind = await f.graph(IDS.northwind, READ);
    const res = await call(f.emu, 'GET', LIST, northwind);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Request not applicable to target tenant.');
  });

  it('needs DeviceManagementManagedDevices.Read.All', async () => {
    const dir = await f.graph(IDS.fabrikam, ['Directory.Read.All']);
    const res = await call(f.emu, 'GET', LIST, dir);
    expect(res.status).toBe(403);
  });
});
