import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, sign, webcrypto, type KeyObject } from 'node:crypto';

/** The file name of Partner Center's dispatch certificate (partner-center-webhooks.md sample). */
export const DISPATCH_CERTIFICATE_NAME = 'pcnotifications-dispatch.microsoft.com.cer';

export interface DispatchSigner {
  /** The certificate (DER) served at the `x-ms-certificate-url`. */
  certificateDer: Buffer;
  /** Base64 RSA-SHA256 signature of the body's UTF-8 bytes (the `Authorization: Signature …`). */
  sign(body: string): string;
}

const alg = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

/**
 * The key Partner Center signs webhook callbacks with, and its certificate: issued to
 * `O=Microsoft Corporation` as Microsoft's is (receivers check the organisation), self-signed
 * here — receivers trust it because they fetch it over TLS from the certificate URL's host.
 */
export async function createDispatchSigner(): Promise<DispatchSigner> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const keys = (await webcrypto.subtle.generateKey(alg, true, [
    'sign',
    'verify',
  ])) as unknown as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0a',
    name: 'CN=pcnotifications-dispatch.microsoft.com, O=Microsoft Corporation, L=Redmond, ST=WA, C=US',
    notBefore,
    notAfter: new Date(notBefore.getTime() + 2 * 365 * 24 * 3600 * 1000),
    keys,
    signingAlgorithm: alg,
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as unknown as webcrypto.CryptoKey);
  const privateKey: KeyObject = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  return {
    certificateDer: Buffer.from(cert.rawData),
    sign: (body) => sign('sha256', Buffer.from(body, 'utf8'), privateKey).toString('base64'),
  };
}
