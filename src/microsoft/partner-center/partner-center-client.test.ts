import { describe, expect, it } from 'vitest';
import {
  createFakeFetch,
  fakeSleep,
  json,
  type Scripted,
} from '../../../test/microsoft/support/fake-fetch.js';
import { createHttpClient } from '../http/http-client.js';
import { defaultRetryPolicy } from '../http/retry-policy.js';
import { createPartnerCenterClient } from './partner-center-client.js';

const BASE = 'https://pc.example/partnercenter';
const CUSTOMER = 'c0ffee00-0000-4000-8000-000000000001';
const SUB = '83ef9d05-4169-4ef9-9657-0e86b1eab1de';

function setup(script: Scripted[]) {
  const fake = createFakeFetch(script);
  const { sleep, slept } = fakeSleep();
  const http = createHttpClient({
    fetch: fake.fetch,
    sleep,
    random: () => 0.5,
    retryPolicy: defaultRetryPolicy,
  });
  const pc = createPartnerCenterClient({
    baseUrl: BASE,
    tokens: { getToken: async () => 'pc-tok' },
    http,
    correlationId: 'corr-1',
  });
  return { ...fake, slept, pc };
}

const subscription = (quantity: number) => ({
  id: SUB,
  entitlementId: 'a356ac8c-e310-44f4-bf85-C7f29044af99',
  offerId: 'CFQ7TTC0LH18:0001',
  friendlyName: 'nickname',
  quantity,
  unitType: 'none',
  creationDate: '2015-11-25T06: 41: 12Z',
  status: 'active',
  autoRenewEnabled: false,
  billingType: 'none',
  contractType: 'subscription',
  links: { self: { uri: `/v1/customers/${CUSTOMER}/subscriptions/${SUB}`, method: 'GET', headers: [] } },
  orderId: '6183db3d-6318-4e52-877e-25806e4971be',
  attributes: { etag: 'etag-1', objectType: 'Subscription' },
});

const customer = (i: number) => ({
  id: `customer-${i}`,
  companyProfile: {
    tenantId: `customer-${i}`,
    domain: `c${i}.onmicrosoft.com`,
    companyName: `Customer ${i}`,
    attributes: { objectType: 'CustomerCompanyProfile' },
  },
  relationshipToPartner: 'reseller',
  attributes: { objectType: 'Customer' },
});

describe('partner center client', () => {
  it('sends contract version, a request id reused on retries, and one correlation id', async () => {
    const t = setup([
      json(
        429,
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' },
        { 'retry-after': '57' },
      ),
      json(200, customer(1)),
      json(200, customer(2)),
    ]);
    await t.pc.customer('customer-1');
    await t.pc.customer('customer-2');
    const [a, b, c] = t.calls.map((call) => call.headers);
    expect(a).toMatchObject({
      'MS-Contract-Version': 'v1',
      'MS-CorrelationId': 'corr-1',
      authorization: 'Bearer pc-tok',
    });
    expect(b!['MS-RequestId']).toBe(a!['MS-RequestId']);
    expect(c!['MS-RequestId']).not.toBe(a!['MS-RequestId']);
    expect(c!['MS-CorrelationId']).toBe('corr-1');
    expect(t.slept).toEqual([57_000]);
    expect(t.calls[0]!.url).toBe(`${BASE}/v1/customers/customer-1`);
  });

  it('pages customers with links.next and the MS-ContinuationToken header, tolerating a BOM', async () => {
    const t = setup([
      new Response(
        `\uFEFF${JSON.stringify({
          totalCount: 2,
          items: [customer(1)],
          links: {
            self: { uri: '/v1/customers?size=1', method: 'GET', headers: [] },
            next: {
              uri: '/v1/customers?size=1&seekOperation=Next',
              method: 'GET',
              headers: [{ key: 'MS-ContinuationToken', value: 'tok-2' }],
            },
          },
          continuationToken: 'tok-2',
          attributes: { objectType: 'Collection' },
        })}`,
        { status: 200 },
      ),
      json(200, {
        totalCount: 1,
        items: [customer(2)],
        links: { self: { uri: '/v1/customers?size=1', method: 'GET', headers: [] } },
        attributes: { objectType: 'Collection' },
      }),
    ]);
    const names: string[] = [];
    for await (const page of t.pc.customers({ size: 1 }))
      names.push(...page.items.map((c) => c.companyProfile.companyName ?? ''));
    expect(names).toEqual(['Customer 1', 'Customer 2']);
    expect(t.calls[1]!.url).toBe(`${BASE}/v1/customers?size=1&seekOperation=Next`);
    expect(t.calls[1]!.headers['MS-ContinuationToken']).toBe('tok-2');
  });

  it('changes a quantity by PATCHing the full subscription back', async () => {
    const t = setup([json(200, subscription(5)), json(200, subscription(7))]);
    const updated = await t.pc.changeQuantity(CUSTOMER, SUB, 7);
    expect(updated.quantity).toBe(7);
    expect(t.calls.map((c) => c.method)).toEqual(['GET', 'PATCH']);
    expect(t.calls[1]!.body).toEqual({ ...subscription(5), quantity: 7 });
    expect(t.calls[1]!.headers['If-Match']).toBe('etag-1');
  });

  it('polls the Location of a 202 with backoff until the new quantity shows', async () => {
    const location = `${BASE}/v1/customers/${CUSTOMER}/subscriptions/${SUB}`;
    const t = setup([
      json(200, subscription(5)),
      new Response(null, { status: 202, headers: { location } }),
      json(200, subscription(5)),
      json(200, subscription(5)),
      json(200, subscription(9)),
    ]);
    const updated = await t.pc.changeQuantity(CUSTOMER, SUB, 9);
    expect(updated.quantity).toBe(9);
    expect(t.calls.slice(2).map((c) => [c.method, c.url])).toEqual(Array(3).fill(['GET', location]));
    const { firstDelayMs } = defaultRetryPolicy.poll;
    expect(t.slept).toEqual([firstDelayMs, firstDelayMs * 2, firstDelayMs * 4]);
  });

  it('reports a change that never completes as still pending', async () => {
    const t = setup([
      json(200, subscription(5)),
      new Response(null, { status: 202, headers: { location: `${BASE}/v1/x` } }),
      json(200, subscription(5)),
    ]);
    await expect(t.pc.changeQuantity(CUSTOMER, SUB, 6)).rejects.toMatchObject({
      code: 'Client.OperationTimedOut',
      retryable: true,
    });
    expect(t.calls).toHaveLength(2 + defaultRetryPolicy.poll.maxPolls);
  });

  it('skips the PATCH when the quantity is already right', async () => {
    const t = setup([json(200, subscription(5))]);
    await t.pc.changeQuantity(CUSTOMER, SUB, 5);
    expect(t.calls).toHaveLength(1);
  });

  it('maps Partner Center error envelopes', async () => {
    const t = setup([
      json(200, subscription(5)),
      json(400, {
        code: 800090,
        description: 'Subscription quantity cannot be decreased',
        data: ['Seat reductions are only allowed within 7 days of purchase or renewal.'],
        source: 'PartnerFD',
      }),
    ]);
    await expect(t.pc.changeQuantity(CUSTOMER, SUB, 2)).rejects.toMatchObject({
      code: 'PartnerCenter.800090',
      action: 'stop',
      microsoftMessage: expect.stringContaining('within 7 days'),
    });
  });

  it('creates, lists and deletes application consents', async () => {
    const consent = {
      applicationId: 'app-1',
      applicationGrants: [
        { enterpriseApplicationId: '00000003-0000-0000-c000-000000000000', scope: 'Directory.Read.All' },
      ],
    };
    const t = setup([
      json(201, consent),
      json(200, { totalCount: 1, items: [consent], links: {}, attributes: { objectType: 'Collection' } }),
      new Response(null, { status: 204 }),
    ]);
    expect(await t.pc.createApplicationConsent(CUSTOMER, consent)).toEqual(consent);
    expect(await t.pc.applicationConsents(CUSTOMER)).toEqual([consent]);
    await t.pc.deleteApplicationConsent(CUSTOMER, 'app-1');
    expect(t.calls.map((c) => [c.method, c.url.replace(BASE, '')])).toEqual([
      ['POST', `/v1/customers/${CUSTOMER}/applicationconsents`],
      ['GET', `/v1/customers/${CUSTOMER}/applicationconsents`],
      ['DELETE', `/v1/customers/${CUSTOMER}/applicationconsents/app-1`],
    ]);
  });

  it('reads subscriptions and subscribed SKUs in Microsoft’s documented shapes', async () => {
    const t = setup([
      json(200, { totalCount: 37, items: [subscription(1)], attributes: { objectType: 'Collection' } }),
      json(200, {
        totalCount: 1,
        items: [
          {
            availableUnits: 4,
            activeUnits: 5,
            consumedUnits: 1,
            suspendedUnits: 0,
            totalUnits: 5,
            warningUnits: 0,
            productSku: {
              id: 'sku',
              name: 'Enterprise Mobility + Security E3',
              skuPartNumber: 'EMS',
              targetType: 'User',
              licenseGroupId: 'group1',
            },
            servicePlans: [],
            capabilityStatus: 'Enabled',
            attributes: { objectType: 'SubscribedSku' },
          },
        ],
      }),
    ]);
    expect((await t.pc.subscriptions(CUSTOMER))[0]!.creationDate).toBe('2015-11-25T06: 41: 12Z');
    expect((await t.pc.subscribedSkus(CUSTOMER))[0]!.availableUnits).toBe(4);
  });
});
