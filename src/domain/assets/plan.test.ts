import { describe, expect, it } from 'vitest';
import { assetImportConfigSchema, type AssetImportConfigInput } from '../../contracts/api/assets-config.js';
import type { IntuneDevice } from './device.js';
import {
  matchIndexKey,
  planAssetPage,
  planRemovals,
  type AssetOperation,
  type AssetTenant,
  type PageDesk,
  type StoredAsset,
} from './plan.js';
import { devicePropertiesToRead } from './select.js';
import { userKey, type DeskUserRef } from './user-link.js';

const CUSTOMER = 'c0000000-0000-4000-8000-000000000001';
const OTHER_CUSTOMER = 'c0000000-0000-4000-8000-000000000002';
const MAIN = 's0000000-0000-4000-8000-000000000001';
const LONDON = 's0000000-0000-4000-8000-000000000002';

const config = (input: AssetImportConfigInput = {}) =>
  assetImportConfigSchema.parse({ enabled: true, ...input });

const cspTenant: AssetTenant = {
  tenantId: 't1',
  customerId: CUSTOMER,
  defaultSiteOf: (customerId) => (customerId === CUSTOMER ? { id: MAIN, customerId: CUSTOMER } : null),
};

const laptop = (over: Partial<IntuneDevice> = {}): IntuneDevice => ({
  id: 'd1',
  deviceName: 'LT-ADA-7F3K',
  serialNumber: 'SN7F3K',
  operatingSystem: 'Windows',
  osVersion: '10.0.22631',
  manufacturer: 'Dell Inc.',
  model: 'Latitude 7440',
  managementAgent: 'mdm',
  userPrincipalName: 'ada@contoso.example',
  emailAddress: 'ada.l@contoso.example',
  userId: 'u-ada',
  complianceState: 'compliant',
  ...over,
});

const ada: DeskUserRef = { id: 'user-ada', customerId: CUSTOMER, siteId: LONDON };

function desk(parts: { assets?: StoredAsset[]; users?: [string, DeskUserRef[]][] } = {}): PageDesk {
  const byDeviceId = new Map<string, StoredAsset>();
  const byMatchKey = new Map<string, StoredAsset[]>();
  for (const asset of parts.assets ?? []) {
    if (asset.intuneDeviceId) byDeviceId.set(asset.intuneDeviceId, asset);
    else if (asset.matchKey) {
      const key = matchIndexKey(asset.customerId, asset.matchKey);
      byMatchKey.set(key, [...(byMatchKey.get(key) ?? []), asset]);
    }
  }
  const users = new Map(parts.users ?? [[userKey('userPrincipalName', 'ada@contoso.example'), [ada]]]);
  return { byDeviceId, byMatchKey, users };
}

const stored = (over: Partial<StoredAsset> = {}): StoredAsset => ({
  id: 'asset-1',
  customerId: CUSTOMER,
  siteId: MAIN,
  deskUserId: null,
  typeName: 'Laptop',
  statusName: 'Active',
  name: 'LT-ADA-7F3K',
  serialNumber: 'SN7F3K',
  matchKey: 'sn7f3k',
  fields: {},
  intuneDeviceId: 'd1',
  removed: false,
  ...over,
});

const only = (ops: AssetOperation[]) => {
  expect(ops).toHaveLength(1);
  return ops[0]!;
};

describe('asset type', () => {
  it('gives every device the one type', () => {
    const op = only(
      planAssetPage(
        config({ assetType: { mode: 'single', assetType: 'Device' } }),
        cspTenant,
        [laptop()],
        desk(),
      ),
    );
    expect(op).toMatchObject({ kind: 'create', values: { typeName: 'Device' } });
  });

  it('takes the type from an Intune field, with the fallback when it is empty', () => {
    const c = config({
      assetType: { mode: 'intuneField', field: 'model', fallbackAssetType: 'Unknown model' },
    });
    const ops = planAssetPage(
      c,
      cspTenant,
      [laptop(), laptop({ id: 'd2', model: '  ', serialNumber: 'X2' })],
      desk(),
    );
    expect(ops.map((o) => o.kind === 'create' && o.values.typeName)).toEqual([
      'Latitude 7440',
      'Unknown model',
    ]);
  });

  const rules = {
    mode: 'rules' as const,
    rules: [
      {
        field: 'operatingSystem' as const,
        operator: 'equals' as const,
        value: 'ios',
        assetType: 'Mobile Phone',
      },
      { field: 'model' as const, operator: 'contains' as const, value: 'latitude', assetType: 'Laptop' },
    ],
  };

  it('classifies by the first matching rule, case-insensitively', () => {
    const c = config({ assetType: { ...rules, unmatched: 'exclude' } });
    const ops = planAssetPage(
      c,
      cspTenant,
      [laptop(), laptop({ id: 'd2', operatingSystem: 'iOS', model: 'Latitude phone', serialNumber: 'P2' })],
      desk(),
    );
    expect(ops.map((o) => o.kind === 'create' && o.values.typeName)).toEqual(['Laptop', 'Mobile Phone']);
    expect(ops[0]).toMatchObject({
      reason: expect.stringContaining('matched rule 2 (model contains "latitude")'),
    });
  });

  it('excludes unmatched devices, or gives them the fallback type', () => {
    const mac = laptop({ id: 'd3', operatingSystem: 'macOS', model: 'MacBook Pro', serialNumber: 'M3' });
    expect(
      only(
        planAssetPage(config({ assetType: { ...rules, unmatched: 'exclude' } }), cspTenant, [mac], desk()),
      ),
    ).toEqual({
      kind: 'excluded',
      deviceId: 'd3',
      assetId: null,
      reasonCode: 'excluded.noTypeRule',
      reason: 'excluded: no asset type rule matched, and unmatched devices are excluded',
    });
    const fallback = config({ assetType: { ...rules, unmatched: 'fallback', fallbackAssetType: 'Other' } });
    expect(only(planAssetPage(fallback, cspTenant, [mac], desk()))).toMatchObject({
      values: { typeName: 'Other' },
    });
  });

  it('keeps the type of existing assets when told to, and says so', () => {
    const c = config({ assetType: { mode: 'single', assetType: 'Workstation' }, keepTypeOfExisting: true });
    const op = only(planAssetPage(c, cspTenant, [laptop()], desk({ assets: [stored({ fields: {} })] })));
    expect(op.kind === 'update' && op.values.typeName).toBe('Laptop');
    const changing = config({ assetType: { mode: 'single', assetType: 'Workstation' } });
    const updated = only(planAssetPage(changing, cspTenant, [laptop()], desk({ assets: [stored()] })));
    expect(updated).toMatchObject({ kind: 'update', changed: expect.arrayContaining(['type']) });
  });
});

describe('user matching and sites', () => {
  it('links by the configured device field and user identifier and puts new assets at the user’s site', () => {
    const op = only(planAssetPage(config(), cspTenant, [laptop()], desk()));
    expect(op).toMatchObject({
      kind: 'create',
      reasonCode: 'created.linked',
      values: { deskUserId: 'user-ada', siteId: LONDON },
    });
  });

  it('uses the mobile override for phones', () => {
    const c = config({
      userMatching: {
        method: 'asset',
        deviceField: 'userPrincipalName',
        userIdentifier: 'userPrincipalName',
        mobileOverride: { deviceField: 'emailAddress', userIdentifier: 'email' },
      },
    });
    const phone = laptop({ id: 'p1', operatingSystem: 'Android', userPrincipalName: '', serialNumber: 'P1' });
    const d = desk({ users: [[userKey('email', 'ADA.L@contoso.example'), [ada]]] });
    expect(only(planAssetPage(c, cspTenant, [phone], d))).toMatchObject({
      values: { deskUserId: 'user-ada' },
    });
    // A computer still uses the main setting (no UPN user in this desk).
    expect(only(planAssetPage(c, cspTenant, [laptop()], d))).toMatchObject({ values: { deskUserId: null } });
  });

  it('links by the primary user with the user method', () => {
    const d = desk({ users: [[userKey('entraObjectId', 'U-ADA'), [ada]]] });
    const op = only(planAssetPage(config({ userMatching: { method: 'user' } }), cspTenant, [laptop()], d));
    expect(op).toMatchObject({
      values: { deskUserId: 'user-ada' },
      reason: expect.stringContaining('user method'),
    });
  });

  it('never guesses between two users with the same identifier', () => {
    const twin = { ...ada, id: 'user-ada-2' };
    const d = desk({ users: [[userKey('userPrincipalName', 'ada@contoso.example'), [ada, twin]]] });
    const op = only(planAssetPage(config(), cspTenant, [laptop()], d));
    expect(op).toMatchObject({
      values: { deskUserId: null, siteId: MAIN },
      reason: expect.stringContaining('2 users match'),
    });
  });

  it('does not link a user of another customer', () => {
    const stranger = { ...ada, customerId: OTHER_CUSTOMER };
    const d = desk({ users: [[userKey('userPrincipalName', 'ada@contoso.example'), [stranger]]] });
    expect(only(planAssetPage(config(), cspTenant, [laptop()], d))).toMatchObject({
      values: { deskUserId: null },
    });
  });

  it('allocates sites: all assets, new ones only, or never', () => {
    const existing = stored({ siteId: MAIN, deskUserId: null, fields: {} });
    const run = (siteAllocation: 'all' | 'newOnly' | 'never', assets: StoredAsset[] = []) =>
      only(
        planAssetPage(config({ siteAllocation, fieldMappings: [] }), cspTenant, [laptop()], desk({ assets })),
      );
    expect(run('all', [existing])).toMatchObject({
      kind: 'update',
      values: { siteId: LONDON, deskUserId: 'user-ada' },
    });
    expect(run('newOnly', [existing])).toMatchObject({
      kind: 'update',
      values: { siteId: MAIN, deskUserId: 'user-ada' },
    });
    expect(run('newOnly')).toMatchObject({ kind: 'create', values: { siteId: LONDON } });
    expect(run('never')).toMatchObject({ kind: 'create', values: { siteId: MAIN, deskUserId: 'user-ada' } });
  });

  it('puts unlinked devices at the default site, or excludes them when there is none', () => {
    const shared = laptop({ userPrincipalName: '', userId: '' });
    expect(only(planAssetPage(config(), cspTenant, [shared], desk()))).toMatchObject({
      kind: 'create',
      reasonCode: 'created.unlinked',
      values: { siteId: MAIN, deskUserId: null },
    });
    const entra: AssetTenant = { tenantId: 't1', customerId: null, defaultSiteOf: () => null };
    expect(only(planAssetPage(config(), entra, [shared], desk()))).toMatchObject({
      kind: 'excluded',
      reasonCode: 'excluded.noSite',
    });
    // An Entra tenant's device takes its linked user's customer.
    expect(only(planAssetPage(config(), entra, [laptop()], desk()))).toMatchObject({
      kind: 'create',
      values: { customerId: CUSTOMER, siteId: LONDON },
    });
  });
});

describe('matching, status, exclusions and fields', () => {
  it('updates an asset from another source with the same serial number instead of duplicating it', () => {
    const rmm = stored({
      id: 'rmm-1',
      intuneDeviceId: null,
      matchKey: 'sn7f3k',
      name: 'ADA-LAPTOP',
      typeName: 'Laptop',
    });
    const op = only(
      planAssetPage(config(), cspTenant, [laptop({ serialNumber: ' sn7f3K ' })], desk({ assets: [rmm] })),
    );
    expect(op).toMatchObject({ kind: 'update', assetId: 'rmm-1', reasonCode: 'updated.matched' });
  });

  it('matches on the configured field, and never on placeholder serial numbers', () => {
    const rmm = stored({ id: 'rmm-1', intuneDeviceId: null, matchKey: 'lt-ada-7f3k' });
    const byName = config({ matchingField: 'deviceName' });
    expect(only(planAssetPage(byName, cspTenant, [laptop()], desk({ assets: [rmm] })))).toMatchObject({
      assetId: 'rmm-1',
    });
    const blank = stored({ id: 'rmm-2', intuneDeviceId: null, matchKey: null });
    expect(
      only(
        planAssetPage(
          config(),
          cspTenant,
          [laptop({ serialNumber: 'Default string' })],
          desk({ assets: [blank] }),
        ),
      ),
    ).toMatchObject({
      kind: 'create',
      values: { matchKey: null },
    });
  });

  it('gives new assets the new status and restores a device back in Intune', () => {
    const c = config({ newStatus: 'In use', deletedStatus: 'Retired' });
    expect(only(planAssetPage(c, cspTenant, [laptop()], desk()))).toMatchObject({
      values: { statusName: 'In use' },
    });
    const gone = stored({ removed: true, statusName: 'Retired' });
    expect(only(planAssetPage(c, cspTenant, [laptop()], desk({ assets: [gone] })))).toMatchObject({
      kind: 'update',
      reasonCode: 'updated.restored',
      values: { statusName: 'In use' },
    });
  });

  it('marks devices no longer in Intune with the deleted status, once', () => {
    const removals = planRemovals(config({ deletedStatus: 'Retired' }), [
      { id: 'a1', intuneDeviceId: 'd1', removed: false },
      { id: 'a2', intuneDeviceId: 'd2', removed: true },
    ]);
    expect(removals).toEqual([
      {
        assetId: 'a1',
        intuneDeviceId: 'd1',
        statusName: 'Retired',
        reason: 'deleted from Intune: status set to "Retired"',
      },
    ]);
  });

  it('excludes Defender (Sense) managed devices when asked, and only then', () => {
    const sense = laptop({ managementAgent: 'msSense' });
    expect(
      only(planAssetPage(config({ excludeSenseManaged: true }), cspTenant, [sense], desk())),
    ).toMatchObject({
      kind: 'excluded',
      reasonCode: 'excluded.senseManaged',
      reason: 'excluded: managed by Microsoft Defender (Sense), and such devices are excluded',
    });
    expect(only(planAssetPage(config(), cspTenant, [sense], desk())).kind).toBe('create');
  });

  it('keeps the asset of a device that is excluded now (still in Intune, so not deleted from it)', () => {
    const sense = laptop({ managementAgent: 'msSense' });
    const op = only(
      planAssetPage(config({ excludeSenseManaged: true }), cspTenant, [sense], desk({ assets: [stored()] })),
    );
    expect(op).toMatchObject({ kind: 'excluded', assetId: 'asset-1' });
  });

  it('maps Intune fields to asset fields; a blank value never wipes one', () => {
    const c = config({
      fieldMappings: [
        { intuneField: 'complianceState', assetField: 'Compliance' },
        { intuneField: 'osVersion', assetField: 'OS' },
      ],
    });
    const existing = stored({ fields: { Compliance: 'compliant', OS: '10.0.1', Notes: 'kept' } });
    const op = only(
      planAssetPage(
        c,
        cspTenant,
        [laptop({ complianceState: 'noncompliant', osVersion: '' })],
        desk({ assets: [existing] }),
      ),
    );
    expect(op).toMatchObject({
      kind: 'update',
      values: { fields: { Compliance: 'noncompliant', OS: '10.0.1', Notes: 'kept' } },
    });
  });

  it('leaves an asset that already matches unchanged', () => {
    const c = config({ fieldMappings: [], siteAllocation: 'never' });
    const same = stored({ typeName: 'Computer' });
    expect(
      only(planAssetPage(c, cspTenant, [laptop()], desk({ assets: [{ ...same, deskUserId: 'user-ada' }] }))),
    ).toEqual({
      kind: 'unchanged',
      deviceId: 'd1',
      assetId: 'asset-1',
    });
  });

  it('reads only the device properties the configuration uses', () => {
    const c = config({
      assetType: { mode: 'intuneField', field: 'deviceCategoryDisplayName', fallbackAssetType: 'Other' },
      fieldMappings: [{ intuneField: 'imei', assetField: 'IMEI' }],
    });
    expect(devicePropertiesToRead(c).sort()).toEqual(
      [
        'deviceCategoryDisplayName',
        'deviceName',
        'id',
        'imei',
        'managedDeviceName',
        'managementAgent',
        'operatingSystem',
        'serialNumber',
        'userPrincipalName',
      ].sort(),
    );
  });
});
