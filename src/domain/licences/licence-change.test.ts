import { describe, expect, it } from 'vitest';
import { checkLicenceChange, explainLicenceError, licenceManagementOf } from './licence-change.js';

const SKU = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const PLAN = '8a256a2b-b617-496d-b51b-e76466e88db0';
const licence = { skuId: SKU, name: 'Microsoft 365 Business Premium', totalUnits: 25, consumedUnits: 25 };
const manager = { connectionId: 'c1', name: 'Contoso Entra' };
const user = (licences: { skuId: string; disabledPlans: string[]; viaGroup: boolean }[] = []) => ({
  displayName: 'Ada Lovelace',
  tenantId: 't1',
  entraObjectId: 'o1',
  licences,
});
const assign = (disabledPlans: string[] = []) => ({
  operation: 'assign' as const,
  skuId: SKU,
  disabledPlans,
});
const remove = { operation: 'remove' as const, skuId: SKU, disabledPlans: [] };

describe('checkLicenceChange', () => {
  it('passes an assignment through the one managing connection', () => {
    expect(checkLicenceChange({ subject: user(), request: assign(), licence, managers: [manager] })).toEqual({
      ok: true,
      connectionId: 'c1',
      connectionName: 'Contoso Entra',
      tenantId: 't1',
      entraObjectId: 'o1',
    });
  });

  it('refuses users not linked to Microsoft, unmanaged tenants and tenants managed twice', () => {
    const unlinked = { ...user(), entraObjectId: null };
    expect(
      checkLicenceChange({ subject: unlinked, request: assign(), licence, managers: [manager] }),
    ).toMatchObject({
      ok: false,
      code: 'user.notLinked',
    });
    expect(checkLicenceChange({ subject: user(), request: assign(), licence, managers: [] })).toMatchObject({
      code: 'licences.notManaged',
      message: expect.stringContaining('Allow licences to be managed from Rollcall'),
    });
    const twice = [manager, { connectionId: 'c2', name: 'Partner CSP' }];
    expect(licenceManagementOf(user(), twice)).toMatchObject({
      code: 'licences.managedTwice',
      message: expect.stringContaining('Contoso Entra, Partner CSP'),
    });
  });

  it('refuses a licence already held as asked, but lets disabled plans change', () => {
    const held = user([{ skuId: SKU, disabledPlans: [], viaGroup: false }]);
    expect(
      checkLicenceChange({ subject: held, request: assign(), licence, managers: [manager] }),
    ).toMatchObject({
      code: 'licence.alreadyHeld',
    });
    expect(
      checkLicenceChange({ subject: held, request: assign([PLAN]), licence, managers: [manager] }).ok,
    ).toBe(true);
  });

  it('refuses SKUs the tenant does not have, licences not held, and licences from a group', () => {
    expect(
      checkLicenceChange({ subject: user(), request: assign(), licence: undefined, managers: [manager] }),
    ).toMatchObject({
      code: 'licence.unknown',
    });
    expect(
      checkLicenceChange({ subject: user(), request: remove, licence, managers: [manager] }),
    ).toMatchObject({
      code: 'licence.notHeld',
      message: 'Ada Lovelace does not hold Microsoft 365 Business Premium.',
    });
    const viaGroup = user([{ skuId: SKU, disabledPlans: [], viaGroup: true }]);
    expect(
      checkLicenceChange({ subject: viaGroup, request: remove, licence, managers: [manager] }),
    ).toMatchObject({
      code: 'licence.viaGroup',
    });
  });
});

describe('explainLicenceError', () => {
  it('names the licence and the seats the desk knew of when none are left', () => {
    const error = {
      code: 'Request_BadRequest.NoAvailableLicenses',
      title: 'No licences left',
      message: 'x',
      howToFix: 'y',
    };
    expect(explainLicenceError(error, licence, SKU).message).toBe(
      'No seats of Microsoft 365 Business Premium are free: Microsoft refused to assign it. The desk last saw 25 of 25 seats assigned.',
    );
    const other = { ...error, code: 'Request_BadRequest.UsageLocationMissing' };
    expect(explainLicenceError(other, licence, SKU)).toBe(other);
  });
});
