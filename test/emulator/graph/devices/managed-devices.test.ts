import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManagedDevice } from '../../../../src/emulator/graph/devices/records.js';
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

describe('managedDevices through the shared OData engine', () => {
  const names = (res: { body: { value: { deviceName: string }[] } }) =>
    res.body.value.map((d) => d.deviceName);

  it('counts with $count=true on every page, without ConsistencyLevel', async () => {
    const first = await call(
      f.emu,
      'GET',
      `${LIST}?$count=true&$top=2&$filter=operatingSystem eq 'Windows'`,
      token,
    );
    expect(first.body['@odata.count']).toBe(3);
    const second = await call(f.emu, 'GET', first.body['@odata.nextLink'], token);
    expect(second.body['@odata.count']).toBe(3);
    expect([...names(first), ...names(second)].sort()).toEqual(['FAB-0', 'FAB-2', 'FAB-4']);
  });

  it('sorts with $orderby on a filterable property and pages in that order', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${LIST}?$orderby=deviceName desc&$top=2&$select=deviceName`;
    while (url) {
      const res = await call(f.emu, 'GET', url, token);
      expect(res.status).toBe(200);
      seen.push(...names(res));
      url = res.body['@odata.nextLink'];
    }
    expect(seen).toEqual(['FAB-4', 'FAB-3', 'FAB-2', 'FAB-1', 'FAB-0']);
    const refused = await call(f.emu, 'GET', `${LIST}?$orderby=model`, token);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("Order by 'model' is not allowed.");
  });

  it('refuses or, non-filterable properties and unknown $select names in OData’s words', async () => {
    const or = await call(f.emu, 'GET', `${LIST}?$filter=deviceName eq 'a' or deviceName eq 'b'`, token);
    expect(or.body.error.message).toContain("Logical operator 'Or' is not allowed.");
    const model = await call(f.emu, 'GET', `${LIST}?$filter=model eq 'x'`, token);
    expect(model.status).toBe(400);
    expect(model.body.error.message).toContain(
      "The property 'model' cannot be used in the $filter query option.",
    );
    const select = await call(f.emu, 'GET', `${LIST}?$select=colour`, token);
    expect(select.status).toBe(400);
    expect(select.body.error.message).toBe(
      "Could not find a property named 'colour' on type 'microsoft.graph.managedDevice'.",
    );
  });

  it('binds page tokens to their query and lets them expire', async () => {
    const first = await call(f.emu, 'GET', `${LIST}?$top=2`, token);
    const next = new URL(first.body['@odata.nextLink']);
    const skipToken = next.searchParams.get('$skiptoken');
    const replayed = await call(
      f.emu,
      'GET',
      `${LIST}?$filter=operatingSystem eq 'iOS'&$skiptoken=${skipToken}`,
      token,
    );
    expect(replayed.status).toBe(400);
    f.emu.clock.advance((f.emu.behaviour.graph.pageTokenLifetimeSeconds + 1) * 1000);
    const fresh = await f.graph(IDS.fabrikam, READ);
    const expired = await call(f.emu, 'GET', first.body['@odata.nextLink'], fresh);
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('Directory_ExpiredPageToken');
  });

  it('serves at most 1,000 devices per page, capping a larger $top', async () => {
    const extra = Array.from({ length: 1000 }, (_, i) =>
      createManagedDevice({
        deviceName: `BULK-${i}`,
        operatingSystem: 'Android',
        osVersion: '14',
        manufacturer: 'Google',
        model: 'Pixel 8',
        serialNumber: `SN${i}`,
        enrolledAt: f.emu.clock.now(),
        lastSyncAt: f.emu.clock.now(),
      }),
    );
    for (const d of extra) f.fabrikam.devices.set(String(d.id), d);
    try {
      const res = await call(f.emu, 'GET', `${LIST}?$top=5000&$select=deviceName`, token);
      expect(res.status).toBe(200);
      expect(res.body.value).toHaveLength(1000);
      const rest = await call(f.emu, 'GET', res.body['@odata.nextLink'], token);
      expect(rest.body.value).toHaveLength(5);
      expect(rest.body['@odata.nextLink']).toBeUndefined();
    } finally {
      for (const d of extra) f.fabrikam.devices.delete(String(d.id));
    }
  });
});
