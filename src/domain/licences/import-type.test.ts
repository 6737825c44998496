import { describe, expect, it } from 'vitest';
import { explainLicenceFailure, LICENCES_FORBIDDEN_MESSAGE } from './failures.js';
import { effectiveImportType, readsOf } from './import-type.js';

describe('licence import type', () => {
  it('takes the tenant override, else the connection setting, else all subscribed SKUs', () => {
    expect(effectiveImportType('both', 'subscriptions')).toBe('subscriptions');
    expect(effectiveImportType('both', null)).toBe('both');
    expect(effectiveImportType(undefined, null)).toBe('skus');
    expect(effectiveImportType('nonsense', 'also nonsense')).toBe('skus');
  });

  it('reads SKUs, subscriptions or both', () => {
    expect(readsOf('skus')).toEqual({ skus: true, subscriptions: false });
    expect(readsOf('subscriptions')).toEqual({ skus: false, subscriptions: true });
    expect(readsOf('both')).toEqual({ skus: true, subscriptions: true });
  });
});

describe('explaining licence failures', () => {
  const typed = (fields: Record<string, unknown>) =>
    Object.assign(new Error('Access denied (Http.403)'), fields);

  it('explains a Partner Center Forbidden with guide 002’s causes and fix', () => {
    const failure = explainLicenceFailure(typed({ code: 'Http.403', service: 'partnercenter', status: 403 }));
    expect(failure).toEqual({
      code: 'licences.forbidden',
      message: LICENCES_FORBIDDEN_MESSAGE,
      transient: false,
    });
    expect(failure.message).toMatch(/reseller relationship/);
    expect(failure.message).toMatch(/risky user/);
    expect(failure.message).toMatch(/redirect URI/);
  });

  it('keeps other typed errors, with whether they are worth retrying', () => {
    expect(explainLicenceFailure(typed({ code: 'PartnerCenter.Throttled', retryable: true }))).toMatchObject({
      code: 'PartnerCenter.Throttled',
      transient: true,
    });
    expect(explainLicenceFailure(typed({ code: 'Http.403', service: 'graph', status: 403 }))).toMatchObject({
      code: 'Http.403',
      transient: false,
    });
  });

  it('records bugs as internal without their text', () => {
    expect(explainLicenceFailure(new TypeError('x is undefined'))).toMatchObject({ code: 'internal' });
    expect(explainLicenceFailure(undefined)).toMatchObject({ code: 'internal' });
  });
});
