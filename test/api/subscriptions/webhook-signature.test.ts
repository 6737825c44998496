import { describe, expect, it } from 'vitest';
import { createDispatchSigner } from '../../../src/emulator/partner-center/webhooks/signing.js';
import {
  pcWebhookEventSchema,
  subscriptionOfEvent,
  trustedCertificateUrl,
  verifyPartnerCenterCallback,
} from '../../../src/microsoft/partner-center/webhook-callback.js';

const MICROSOFT_CERT =
  'https://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer';
const SANDBOX = 'https://127.0.0.1:8443/partnercenter';

describe('trusted certificate locations', () => {
  it("accepts Microsoft's certificate host and the configured Partner Center base URL only", () => {
    expect(trustedCertificateUrl(MICROSOFT_CERT, [])).toBe(true);
    expect(trustedCertificateUrl(`${SANDBOX}/cert/pc.cer`, [SANDBOX])).toBe(true);
    expect(trustedCertificateUrl(`${SANDBOX}/cert/pc.cer`, [])).toBe(false);
    expect(trustedCertificateUrl('http://3psostorageacct.blob.core.windows.net/cert/x.cer', [])).toBe(false);
    expect(trustedCertificateUrl('https://3psostorageacct.blob.core.windows.net/other/x.cer', [])).toBe(
      false,
    );
    expect(trustedCertificateUrl(`${MICROSOFT_CERT}?x=1`, [])).toBe(false);
    expect(trustedCertificateUrl('https://evil.example/cert/x.cer', [SANDBOX])).toBe(false);
    expect(trustedCertificateUrl('https://127.0.0.1:8443/elsewhere/cert/x.cer', [SANDBOX])).toBe(false);
  });
});

describe('Partner Center events', () => {
  it('reads the documented event model and the subscription it names', () => {
    const event = pcWebhookEventSchema.parse({
      EventName: 'subscription-updated',
      ResourceUri: 'https://api.partnercenter.microsoft.com/v1/customers/C1/subscriptions/S1',
      ResourceName: 'Subscription',
      AuditUri: null,
      ResourceChangeUtcDate: '2017-11-16T16:19:06.3520276+00:00',
    });
    expect(event).toMatchObject({ eventName: 'subscription-updated', resourceName: 'Subscription' });
    expect(subscriptionOfEvent(event)).toEqual({ customerId: 'C1', subscriptionId: 'S1' });
    expect(subscriptionOfEvent({ ...event, resourceUri: 'https://x/v1/customers/C1' })).toBeNull();
  });
});

describe('verifying a callback', () => {
  it('accepts a signed body and refuses a changed one, a missing signature and another algorithm', async () => {
    const signer = await createDispatchSigner();
    const body = '{"EventName":"test-created"}';
    const base = {
      trustedBases: [],
      fetchCertificate: async () => signer.certificateDer,
    };
    const headers = {
      authorization: `Signature ${signer.sign(body)}`,
      'x-ms-certificate-url': MICROSOFT_CERT,
      'x-ms-signature-algorithm': 'rsa-sha256',
    };
    expect(await verifyPartnerCenterCallback({ ...base, body: Buffer.from(body), headers })).toEqual({
      ok: true,
    });
    // Partner Center may send the signature in x-ms-signature instead (SignatureTokenToMsSignatureHeader).
    const { authorization, ...rest } = headers;
    expect(
      await verifyPartnerCenterCallback({
        ...base,
        body: Buffer.from(body),
        headers: { ...rest, 'x-ms-signature': authorization },
      }),
    ).toEqual({ ok: true });
    const changed = await verifyPartnerCenterCallback({ ...base, body: Buffer.from(`${body} `), headers });
    expect(changed).toMatchObject({ ok: false, status: 401, code: 'signature.invalid' });
    expect(
      await verifyPartnerCenterCallback({ ...base, body: Buffer.from(body), headers: rest }),
    ).toMatchObject({
      ok: false,
      code: 'signature.missing',
    });
    expect(
      await verifyPartnerCenterCallback({
        ...base,
        body: Buffer.from(body),
        headers: { ...headers, 'x-ms-signature-algorithm': 'rsa-sha1' },
      }),
    ).toMatchObject({ ok: false, code: 'signature.algorithm' });
    expect(
      await verifyPartnerCenterCallback({
        ...base,
        body: Buffer.from(body),
        fetchCertificate: async () => {
          throw new Error('offline');
        },
        headers,
      }),
    ).toMatchObject({ ok: false, code: 'signature.certificate' });
  });
});
