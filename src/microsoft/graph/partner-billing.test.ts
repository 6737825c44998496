import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { HttpClient, HttpRequest } from '../http/types.js';
import { createPartnerBillingExport, partnerUsageLineSchema } from './partner-billing.js';

const line = {
  CustomerId: 'C1',
  SubscriptionId: 'S1',
  MeterCategory: 'Storage',
  MeterSubCategory: 'Tiered Block Blob',
  MeterName: 'Hot LRS Data Stored',
  Unit: '1 GB/Month',
  Quantity: '12.5',
  BillingPreTaxTotal: 0.21,
  BillingCurrency: 'gbp',
  ChargeStartDate: '2026-12-01T00:00:00Z',
};

describe('partner billing usage lines', () => {
  it('reads attributes whatever their case, numbers given as text, and currencies in capitals', () => {
    const lower = Object.fromEntries(Object.entries(line).map(([k, v]) => [k.toLowerCase(), v]));
    for (const raw of [line, lower]) {
      expect(partnerUsageLineSchema.parse(raw)).toEqual({
        customerTenantId: 'C1',
        subscriptionId: 'S1',
        meterCategory: 'Storage',
        meterSubCategory: 'Tiered Block Blob',
        meterName: 'Hot LRS Data Stored',
        unit: '1 GB/Month',
        quantity: 12.5,
        cost: 0.21,
        currency: 'GBP',
        chargeStartDate: '2026-12-01T00:00:00Z',
      });
    }
  });

  it('counts lines it cannot use (basic attribute set, broken JSON) instead of guessing', async () => {
    const { MeterCategory: _dropped, ...basic } = line;
    const blob = gzipSync([JSON.stringify(line), JSON.stringify(basic), '{not json', ''].join('\n'));
    const answers: Record<string, { status: number; headers?: Record<string, string>; body: unknown }> = {
      'POST https://graph.test/v1.0/reports/partners/billing/usage/unbilled/export': {
        status: 202,
        headers: { location: 'https://graph.test/v1.0/reports/partners/billing/operations/op1' },
        body: undefined,
      },
      'GET https://graph.test/v1.0/reports/partners/billing/operations/op1': {
        status: 200,
        body: {
          id: 'op1',
          status: 'succeeded',
          'resourceLocation@odata.navigationLink':
            'https://graph.test/v1.0/reports/partners/billing/manifests/m1',
        },
      },
      'GET https://graph.test/v1.0/reports/partners/billing/manifests/m1': {
        status: 200,
        body: {
          id: 'm1',
          rootDirectory: 'https://blobs.test/exports/p1',
          sasToken: 'sv=1&sig=abc',
          blobCount: 1,
          blobs: [{ name: 'part-0.json.gz', partitionValue: 'default' }],
        },
      },
      'GET https://blobs.test/exports/p1/part-0.json.gz?sv=1&sig=abc': { status: 200, body: blob },
    };
    const sent: HttpRequest<unknown>[] = [];
    const http: HttpClient = {
      retry: {
        policy: {} as HttpClient['retry']['policy'],
        sleep: async () => undefined,
        random: () => 0,
        now: () => 0,
      },
      send: async (request) => {
        sent.push(request as HttpRequest<unknown>);
        const answer = answers[`${request.method} ${request.url}`];
        if (!answer) throw new Error(`unexpected ${request.method} ${request.url}`);
        const body = request.schema ? request.schema.parse(answer.body) : answer.body;
        return { status: answer.status, headers: new Headers(answer.headers ?? {}), body: body as never };
      },
    };
    const billing = createPartnerBillingExport({
      baseUrl: 'https://graph.test/v1.0',
      tokens: { getToken: async () => 'token' },
      http,
    });
    const batches = [];
    for await (const batch of billing.unbilledUsage({ currencyCode: 'GBP', billingPeriod: 'current' }))
      batches.push(batch);
    expect(batches).toEqual([[expect.objectContaining({ meterCategory: 'Storage', quantity: 12.5 })]]);
    expect(billing.progress).toEqual({ polls: 1, blobs: 1, unreadable: 2 });
    expect(sent[0]!.body).toEqual({ currencyCode: 'GBP', billingPeriod: 'current', attributeSet: 'full' });
    // The blob is read with its SAS token only: no Graph token goes to storage.
    expect(sent.at(-1)!.tokens).toBeUndefined();
    expect(sent.slice(0, -1).every((r) => r.tokens !== undefined)).toBe(true);
  });
});
