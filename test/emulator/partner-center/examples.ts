/**
 * Microsoft's documented exchanges this area is compared with, copied from
 * shared/reference/microsoft-examples (08a: user-assignlicense.md example 1; 17b: partner-center
 * get-all-of-a-customer-s-subscriptions.md) so the tests run from a clean clone.
 */

/** 08a: the (shortened) user object assignLicense answers with. */
export const ASSIGN_LICENSE_RESPONSE = {
  accountEnabled: true,
  assignedLicenses: [
    {
      disabledPlans: ['8a256a2b-b617-496d-b51b-e76466e88db0'],
      skuId: '84a661c4-e949-4bd2-a560-ed7766fcaf2b',
    },
    { disabledPlans: [], skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d' },
  ],
  city: 'Nairobi',
  companyName: 'Contoso',
};

/** 17b: `GET /v1/customers/{id}/subscriptions` (one item shown; dates verbatim from the doc). */
export const SUBSCRIPTIONS_LIST = {
  totalCount: 37,
  items: [
    {
      id: '83ef9d05-4169-4ef9-9657-0e86b1eab1de',
      entitlementId: 'a356ac8c-e310-44f4-bf85-C7f29044af99',
      friendlyName: 'nickname',
      quantity: 1,
      unitType: 'none',
      creationDate: '2015-11-25T06: 41: 12Z',
      effectiveStartDate: '2015-11-24T08: 00: 00Z',
      commitmentEndDate: '2016-12-12T08: 00: 00Z',
      status: 'active',
      autoRenewEnabled: false,
      billingType: 'none',
      contractType: 'subscription',
      links: {
        offer: { uri: '/v1/offers/0CCA44D6-68E9-4762-94EE-31ECE98783B9', method: 'GET', headers: [] },
        self: { uri: '/subscriptions?key=<key>', method: 'GET', headers: [] },
      },
      orderId: '6183db3d-6318-4e52-877e-25806e4971be',
      attributes: { etag: '<etag>', objectType: 'Subscription' },
    },
  ],
  attributes: { objectType: 'Collection' },
};

/** Sorted keys of an object, for comparing shapes with the examples. */
export const keysOf = (o: unknown): string[] => Object.keys(o as object).sort();
