import { describe, expect, it } from 'vitest';
import {
  licenceFromSubscribedSku,
  partnerCenterDate,
  partnerCenterTime,
  subscriptionFromPartnerCenter,
} from './imported.js';
import { friendlySkuName } from './sku-names.js';

const SPB = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';

describe('friendly SKU names', () => {
  it('names known part numbers, then falls back to Microsoft’s name, then the part number', () => {
    expect(friendlySkuName('SPB')).toBe('Microsoft 365 Business Premium');
    expect(friendlySkuName('spe_e3', 'ignored')).toBe('Microsoft 365 E3');
    expect(friendlySkuName('CONTOSO_ADDON', 'Contoso Add-on')).toBe('Contoso Add-on');
    expect(friendlySkuName('CONTOSO_ADDON', '  ')).toBe('CONTOSO_ADDON');
    expect(friendlySkuName('CONTOSO_ADDON')).toBe('CONTOSO_ADDON');
  });
});

describe('licences from Partner Center subscribed SKUs', () => {
  it('keeps seats as Partner Center counts them, with a readable name', () => {
    const licence = licenceFromSubscribedSku({
      totalUnits: 25,
      consumedUnits: 22,
      suspendedUnits: 2,
      warningUnits: 5,
      productSku: { id: SPB.toUpperCase(), name: 'Microsoft 365 Business Premium', skuPartNumber: 'SPB' },
      capabilityStatus: 'Warning',
    });
    expect(licence).toEqual({
      skuId: SPB,
      skuPartNumber: 'SPB',
      friendlyName: 'Microsoft 365 Business Premium',
      capabilityStatus: 'Warning',
      totalUnits: 25,
      consumedUnits: 22,
      suspendedUnits: 2,
      warningUnits: 5,
      lockedOutUnits: 0,
      servicePlans: [],
    });
  });

  it('defaults a missing status and counts, and skips SKUs without a GUID id', () => {
    const licence = licenceFromSubscribedSku({
      totalUnits: 3,
      consumedUnits: 0,
      productSku: { id: SPB, name: 'Some add-on' },
    });
    expect(licence).toMatchObject({
      capabilityStatus: 'Enabled',
      skuPartNumber: 'Some add-on',
      warningUnits: 0,
    });
    expect(
      licenceFromSubscribedSku({ totalUnits: 1, consumedUnits: 0, productSku: { id: 'DZH318Z0BQ3Q' } }),
    ).toBeNull();
  });
});

describe('subscriptions from Partner Center', () => {
  it('maps terms, dates and flags, and keeps the rest as details', () => {
    const sub = subscriptionFromPartnerCenter({
      id: '83EF9D05-4169-4EF9-9657-0E86B1EAB1DE',
      offerId: 'CFQ7TTC0LCHC:0002',
      offerName: 'Microsoft 365 Business Premium',
      friendlyName: 'Head office',
      quantity: 50,
      unitType: 'Licenses',
      status: 'active',
      autoRenewEnabled: true,
      billingCycle: 'monthly',
      termDuration: 'P1Y',
      creationDate: '2024-03-01T10:00:00Z',
      effectiveStartDate: '2024-03-01T00:00:00Z',
      commitmentEndDate: '2025-02-28T00:00:00Z',
      orderId: 'o-1',
      links: { self: { uri: '/x' } },
      attributes: { etag: 'e', objectType: 'Subscription' },
    });
    expect(sub).toEqual({
      subscriptionId: '83ef9d05-4169-4ef9-9657-0e86b1eab1de',
      offerId: 'CFQ7TTC0LCHC:0002',
      offerName: 'Microsoft 365 Business Premium',
      friendlyName: 'Head office',
      quantity: 50,
      unitType: 'Licenses',
      status: 'active',
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      autoRenew: true,
      isTrial: false,
      createdOn: '2024-03-01T10:00:00.000Z',
      startDate: '2024-03-01',
      commitmentEndDate: '2025-02-28',
      details: { orderId: 'o-1' },
    });
  });

  it('falls back to the offer id for names and to null for missing terms', () => {
    const sub = subscriptionFromPartnerCenter({ id: 's', offerId: 'O', quantity: 1, status: 'suspended' });
    expect(sub).toMatchObject({ offerName: 'O', friendlyName: 'O', termDuration: null, billingCycle: null });
    expect(sub).toMatchObject({ autoRenew: false, startDate: null, commitmentEndDate: null });
  });

  it('reads the malformed times of Partner Center’s documented examples, and refuses nonsense', () => {
    expect(partnerCenterTime('2015-11-25T06: 41: 12Z')).toBe('2015-11-25T06:41:12.000Z');
    expect(partnerCenterDate('2016-12-12T08: 00: 00Z')).toBe('2016-12-12');
    expect(partnerCenterTime('soon')).toBeNull();
    expect(partnerCenterTime('')).toBeNull();
  });
});
