import { X509Certificate, verify } from 'node:crypto';
import { z } from 'zod';

/** Where Partner Center publishes its dispatch certificate (partner-center-webhooks.md). */
export const PARTNER_CENTER_CERTIFICATE_HOST = '3psostorageacct.blob.core.windows.net';

/** A Partner Center webhook event (its event model; PascalCase as documented, read case-insensitively). */
export const pcWebhookEventSchema = z.preprocess(
  (v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]))
      : v,
  z
    .looseObject({
      eventname: z.string().min(1),
      resourceuri: z.string().nullish(),
      resourcename: z.string().nullish(),
      resourcechangeutcdate: z.string().nullish(),
    })
    .transform((e) => ({
      eventName: e.eventname,
      resourceUri: e.resourceuri ?? null,
      resourceName: e.resourcename ?? null,
      changedAt: e.resourcechangeutcdate ?? null,
    })),
);
export type PcWebhookEvent = z.output<typeof pcWebhookEventSchema>;

/** The customer and subscription a `subscription-updated` event's ResourceUri names. */
export function subscriptionOfEvent(
  event: PcWebhookEvent,
): { customerId: string; subscriptionId: string } | null {
  const m = /\/customers\/([^/?#]+)\/subscriptions\/([^/?#]+)/i.exec(event.resourceUri ?? '');
  return m ? { customerId: decodeURIComponent(m[1]!), subscriptionId: decodeURIComponent(m[2]!) } : null;
}

export type CallbackVerdict = { ok: true } | { ok: false; status: 400 | 401; code: string; message: string };

export interface CallbackVerification {
  /** The raw body bytes as received (the signature covers them). */
  body: Buffer;
  /** Lower-cased request headers. */
  headers: Record<string, string | string[] | undefined>;
  /**
   * Certificate URL origins (plus path prefix) to trust besides Microsoft's blob host: the
   * configured Partner Center base URL, so a sandbox serves its own certificate.
   */
  trustedBases: readonly string[];
  /** Downloads the certificate (DER or PEM) over HTTPS with the server's trust store. */
  fetchCertificate(url: string): Promise<Buffer>;
}

const header = (h: CallbackVerification['headers'], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Whether the certificate URL is one Partner Center publishes at (https, a trusted place, a .cer). */
export function trustedCertificateUrl(url: string, trustedBases: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.search || u.hash) return false;
  if (!/\/[A-Za-z0-9._-]+\.cer$/.test(u.pathname)) return false;
  if (u.host === PARTNER_CENTER_CERTIFICATE_HOST) return u.pathname.startsWith('/cert/');
  return trustedBases.some((base) => {
    const b = new URL(base);
    const prefix = b.pathname.replace(/\/+$/, '');
    return b.protocol === 'https:' && b.host === u.host && u.pathname.startsWith(`${prefix}/cert/`);
  });
}

/**
 * Verifies a Partner Center webhook callback as Microsoft documents ("How to authenticate the
 * callback"): `Authorization: Signature <base64>` (or `x-ms-signature`), `x-ms-signature-algorithm`
 * `rsa-sha256`, and `x-ms-certificate-url` on Microsoft's certificate host; the certificate must be
 * issued to `O=Microsoft Corporation` and its key must verify the signature over the body bytes.
 * The certificate is trusted because it comes over TLS from that host (the chain is not walked).
 */
export async function verifyPartnerCenterCallback(input: CallbackVerification): Promise<CallbackVerdict> {
  const auth = header(input.headers, 'authorization') ?? header(input.headers, 'x-ms-signature');
  const m = auth ? /^Signature\s+([A-Za-z0-9+/=]+)$/i.exec(auth.trim()) : null;
  if (!m) {
    return {
      ok: false,
      status: 401,
      code: 'signature.missing',
      message: "Expected 'Authorization: Signature <base64>'.",
    };
  }
  const algorithm = header(input.headers, 'x-ms-signature-algorithm');
  if (algorithm?.toLowerCase() !== 'rsa-sha256') {
    return {
      ok: false,
      status: 401,
      code: 'signature.algorithm',
      message: 'x-ms-signature-algorithm must be rsa-sha256.',
    };
  }
  const certificateUrl = header(input.headers, 'x-ms-certificate-url') ?? '';
  if (!trustedCertificateUrl(certificateUrl, input.trustedBases)) {
    return {
      ok: false,
      status: 401,
      code: 'signature.certificateUrl',
      message: 'x-ms-certificate-url is not a Partner Center certificate location.',
    };
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(await input.fetchCertificate(certificateUrl));
  } catch {
    return {
      ok: false,
      status: 401,
      code: 'signature.certificate',
      message: 'The signing certificate could not be read.',
    };
  }
  const now = Date.now();
  const fresh = Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
  if (!/(^|\n|,\s*)O=Microsoft Corporation($|\n|,)/.test(certificate.subject) || !fresh) {
    return {
      ok: false,
      status: 401,
      code: 'signature.certificate',
      message: 'The signing certificate is not a current Microsoft Corporation certificate.',
    };
  }
  const valid = verify('sha256', input.body, certificate.publicKey, Buffer.from(m[1]!, 'base64'));
  return valid
    ? { ok: true }
    : {
        ok: false,
        status: 401,
        code: 'signature.invalid',
        message: 'The signature does not match the body.',
      };
}
