import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TlsMaterial {
  caCertPem: string;
  certPem: string;
  keyPem: string;
  caCertPath: string;
}

const alg = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

/**
 * A CA and a `localhost` server certificate signed by it, kept in `dir` so a client that trusts
 * the CA once (`NODE_EXTRA_CA_CERTS`, curl `--cacert`) keeps trusting restarts. MSAL refuses
 * plain-http authorities, so the emulator must speak HTTPS.
 */
export async function ensureTls(
  dir: string,
  hosts: string[] = ['localhost', '127.0.0.1', '::1'],
): Promise<TlsMaterial> {
  mkdirSync(dir, { recursive: true });
  const paths = {
    ca: join(dir, 'ca.pem'),
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server-key.pem'),
  };
  if (existsSync(paths.ca) && existsSync(paths.cert) && existsSync(paths.key)) {
    const cert = new x509.X509Certificate(readFileSync(paths.cert, 'utf8'));
    if (cert.notAfter.getTime() > Date.now() + 24 * 3600 * 1000) {
      return {
        caCertPem: readFileSync(paths.ca, 'utf8'),
        certPem: readFileSync(paths.cert, 'utf8'),
        keyPem: readFileSync(paths.key, 'utf8'),
        caCertPath: paths.ca,
      };
    }
  }
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const now = new Date(Date.now() - 60_000);
  const caKeys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Rollcall Microsoft Emulator CA',
    notBefore: now,
    notAfter: new Date(now.getTime() + 5 * 365 * 24 * 3600 * 1000),
    keys: caKeys as unknown as CryptoKeyPair,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const serverKeys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'CN=localhost',
    issuer: ca.subject,
    notBefore: now,
    notAfter: new Date(now.getTime() + 2 * 365 * 24 * 3600 * 1000),
    publicKey: serverKeys.publicKey as unknown as CryptoKey,
    signingKey: caKeys.privateKey as unknown as CryptoKey,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        hosts.map((h) =>
          /^[\d.:]+$/.test(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h },
        ),
      ),
    ],
  });
  const keyDer = await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
  const material: TlsMaterial = {
    caCertPem: ca.toString('pem') + '\n',
    certPem: server.toString('pem') + '\n',
    keyPem: toPem(keyDer, 'PRIVATE KEY'),
    caCertPath: paths.ca,
  };
  writeFileSync(paths.ca, material.caCertPem);
  writeFileSync(paths.cert, material.certPem);
  writeFileSync(paths.key, material.keyPem, { mode: 0o600 });
  return material;
}
