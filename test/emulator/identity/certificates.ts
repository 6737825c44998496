import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, randomUUID, webcrypto } from 'node:crypto';
import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import type { AppCertificate } from '../../../src/emulator/state/types.js';

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** A client certificate as an app owner would create it: key pair, self-signed cert, thumbprints. */
export interface TestCertificate {
  privateKeyPem: string;
  /** What the app registration stores (base64url thumbprints + public key). */
  registration: AppCertificate;
  /** Hex thumbprints, the form MSAL's `clientCertificate` takes. */
  sha1Hex: string;
  sha256Hex: string;
}

function pem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

export async function createTestCertificate(subject = 'CN=rollcall-test-client'): Promise<TestCertificate> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const keys = (await webcrypto.subtle.generateKey(RSA, true, [
    'sign',
    'verify',
  ])) as unknown as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + YEAR_MS),
    keys,
    signingAlgorithm: RSA,
  });
  const der = Buffer.from(cert.rawData);
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  const spki = await webcrypto.subtle.exportKey('spki', keys.publicKey as unknown as webcrypto.CryptoKey);
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as unknown as webcrypto.CryptoKey);
  return {
    privateKeyPem: pem(pkcs8, 'PRIVATE KEY'),
    registration: {
      x5t: sha1.toString('base64url'),
      x5tS256: sha256.toString('base64url'),
      publicKeyPem: pem(spki, 'PUBLIC KEY'),
      expiresAt: now + YEAR_MS,
    },
    sha1Hex: sha1.toString('hex'),
    sha256Hex: sha256.toString('hex'),
  };
}

/**
 * A client assertion built the way msal-node's ClientAssertion does: PS256 + `x5t#S256`, or the
 * legacy RS256 + `x5t`; `aud` the token endpoint, `iss`=`sub`=client id, `nbf`=now, `exp`=now+600.
 */
export async function buildAssertion(
  cert: TestCertificate,
  input: {
    clientId: string;
    audience: string;
    legacy?: boolean;
    nowSeconds?: number;
    claims?: Record<string, unknown>;
    header?: Record<string, unknown>;
  },
): Promise<string> {
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const header = input.legacy
    ? { alg: 'RS256', typ: 'JWT', x5t: cert.registration.x5t }
    : { alg: 'PS256', typ: 'JWT', 'x5t#S256': cert.registration.x5tS256 };
  return new SignJWT({
    aud: input.audience,
    iss: input.clientId,
    sub: input.clientId,
    jti: randomUUID(),
    nbf: now,
    exp: now + 600,
    ...input.claims,
  })
    .setProtectedHeader({ ...header, ...input.header } as { alg: string })
    .sign(createPrivateKey(cert.privateKeyPem));
}
