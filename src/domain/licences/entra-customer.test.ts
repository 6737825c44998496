import { describe, expect, it } from 'vitest';
import { entraLicenceCustomer } from './entra-customer.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe("an Entra tenant's licence customer", () => {
  it('is the one customer the site mappings reach, even before any user is imported', () => {
    expect(entraLicenceCustomer({ tenantId: TENANT, mappedCustomerIds: [A], usersByCustomer: [] })).toEqual({
      ok: true,
      customerId: A,
      reason: 'siteMappings',
    });
  });

  it('is the customer holding most of the tenant’s users when mappings reach several', () => {
    const chosen = entraLicenceCustomer({
      tenantId: TENANT,
      mappedCustomerIds: [A, B],
      usersByCustomer: [
        { customerId: A, users: 3 },
        { customerId: B, users: 40 },
      ],
    });
    expect(chosen).toEqual({ ok: true, customerId: B, reason: 'users' });
  });

  it('ignores users in customers the mappings do not reach', () => {
    const chosen = entraLicenceCustomer({
      tenantId: TENANT,
      mappedCustomerIds: [A, B],
      usersByCustomer: [{ customerId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', users: 9 }],
    });
    expect(chosen).toMatchObject({ ok: false, code: 'licences.noCustomer' });
  });

  it('says what to do when no customer can be told', () => {
    const none = entraLicenceCustomer({ tenantId: TENANT, mappedCustomerIds: 'all', usersByCustomer: [] });
    expect(none).toEqual({
      ok: false,
      code: 'licences.noCustomer',
      message: expect.stringContaining('run the users module first'),
    });
    const even = entraLicenceCustomer({
      tenantId: TENANT,
      mappedCustomerIds: 'all',
      usersByCustomer: [
        { customerId: A, users: 2 },
        { customerId: B, users: 2 },
      ],
    });
    expect(even).toMatchObject({ ok: false, message: expect.stringContaining('split evenly') });
  });
});
