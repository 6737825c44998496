import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import type {
  AppCertificate,
  AppRegistration,
  GraphProps,
  TenantRecord,
} from '../../src/emulator/state/types.js';
import { GRAPH_RESOURCE } from '../../src/emulator/state/types.js';
import { createMicrosoftClients, type MicrosoftClients } from '../../src/microsoft/index.js';
import type { ResponseInfo } from '../../src/microsoft/index.js';
import { REDIRECT_URI } from './sign-in.js';

const DAY_MS = 24 * 3600 * 1000;

export const CONTOSO = 'c0c0c0c0-1111-4000-8000-00000000c001';
export const NORTHWIND = 'c0c0c0c0-1111-4000-8000-00000000c002';
export const FABRIKAM = 'c0c0c0c0-1111-4000-8000-00000000c003';
export const UNKNOWN_TENANT = 'c0c0c0c0-1111-4000-8000-00000000dead';

/** Users in Contoso: enough for 11 pages of `$top=999`. */
export const CONTOSO_USERS = 10_000;
export const NORTHWIND_USERS = 250;

export const APPS = {
  /** Multi-tenant, secret + certificate, consented in Contoso and Northwind (not Fabrikam). */
  rollcall: {
    clientId: 'a0a0a0a0-2222-4000-8000-00000000a001',
    secret: 'Rc1Q~rollcall.valid.secret_0123456789abcdef',
  },
  /** Single-tenant in Contoso, never consented (tokens carry no roles); one valid, one expired secret. */
  unconsented: {
    clientId: 'a0a0a0a0-2222-4000-8000-00000000a002',
    secret: 'Un2Q~unconsented.valid.secret_0123456789ab',
    expiredSecret: 'Ex3Q~unconsented.expired.secret_012345678',
  },
} as const;

export const GRAPH_SCOPE = ['https://graph.microsoft.com/.default'];

/** Graph application permissions the Rollcall app asks for (granted by admin consent). */
const ROLLCALL_ROLES = [
  'User.ReadWrite.All',
  'Group.Read.All',
  'GroupMember.ReadWrite.All',
  'Organization.Read.All',
  'Directory.Read.All',
];

export interface ClientCertificate {
  registration: AppCertificate;
  thumbprintSha256: string;
  privateKeyPem: string;
}

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

function pem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

/** A self-signed client certificate as an app owner uploads it to the app registration. */
export async function createClientCertificate(): Promise<ClientCertificate> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const keys = (await webcrypto.subtle.generateKey(RSA, true, [
    'sign',
    'verify',
  ])) as unknown as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0a',
    name: 'CN=rollcall-conformance',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 365 * DAY_MS),
    keys,
    signingAlgorithm: RSA,
  });
  const der = Buffer.from(cert.rawData);
  const spki = await webcrypto.subtle.exportKey('spki', keys.publicKey as unknown as webcrypto.CryptoKey);
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as unknown as webcrypto.CryptoKey);
  const sha256 = createHash('sha256').update(der).digest();
  return {
    registration: {
      x5t: createHash('sha1').update(der).digest('base64url'),
      x5tS256: sha256.toString('base64url'),
      publicKeyPem: pem(spki, 'PUBLIC KEY'),
      expiresAt: now + 365 * DAY_MS,
    },
    thumbprintSha256: sha256.toString('hex'),
    privateKeyPem: pem(pkcs8, 'PRIVATE KEY'),
  };
}

const guid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

function person(tenant: TenantRecord, n: number, prefix: string): GraphProps {
  const given = ['Zoë', 'Łukasz', 'Aoife', 'José', 'Mei', 'Søren', 'Adele', 'Omar'][n % 8]!;
  const surname = `Tester${n}`;
  const nick = `user${n}`;
  return {
    id: guid(prefix, n),
    accountEnabled: n % 50 !== 0,
    userType: 'Member',
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    mailNickname: nick,
    userPrincipalName: `${nick}@${tenant.initialDomain}`,
    mail: `${nick}@${tenant.initialDomain}`,
    businessPhones: [],
    assignedLicenses: [],
    proxyAddresses: [],
    usageLocation: 'GB',
    createdDateTime: '2024-01-01T09:00:00Z',
  };
}

function app(
  input: Pick<AppRegistration, 'clientId' | 'displayName' | 'multiTenant'> & Partial<AppRegistration>,
): AppRegistration {
  return {
    homeTenantId: CONTOSO,
    kind: 'graph',
    secrets: [],
    certificates: [],
    redirectUris: [],
    requiredAppRoles: {},
    requiredScopes: {},
    ...input,
  };
}

export interface ConformanceFixture {
  emu: Emulator;
  clients: MicrosoftClients;
  certificate: ClientCertificate;
  contoso: TenantRecord;
  northwind: TenantRecord;
  /** Every backoff/Retry-After wait the client asked for (the fixture does not really wait). */
  slept: number[];
  /** Every attempt the client reported to its observer. */
  observed: ResponseInfo[];
  close(): Promise<void>;
}

/**
 * A listening emulator (real HTTPS, its generated CA trusted only through the client's config),
 * the demo partner estate, plus three tenants and two apps for the client's conformance suite.
 */
export async function startConformanceFixture(): Promise<ConformanceFixture> {
  const emu = await createEmulator({ listen: true, preset: 'demo', seed: 42 });
  const { estate } = emu;
  const contoso = estate.createTenant({
    id: CONTOSO,
    displayName: 'Contoso Conformance',
    initialDomain: 'contoso-conf.onmicrosoft.com',
  });
  const northwind = estate.createTenant({
    id: NORTHWIND,
    displayName: 'Northwind Conformance',
    initialDomain: 'northwind-conf.onmicrosoft.com',
  });
  estate.createTenant({
    id: FABRIKAM,
    displayName: 'Fabrikam Conformance',
    initialDomain: 'fabrikam-conf.onmicrosoft.com',
  });
  for (let n = 1; n <= CONTOSO_USERS; n += 1)
    estate.addUser(contoso, person(contoso, n, 'c0000001'), { silent: true });
  for (let n = 1; n <= NORTHWIND_USERS; n += 1)
    estate.addUser(northwind, person(northwind, n, 'c0000002'), { silent: true });

  const certificate = await createClientCertificate();
  const far = Date.now() + 365 * DAY_MS;
  estate.registerApp(
    app({
      clientId: APPS.rollcall.clientId,
      displayName: 'Rollcall (conformance)',
      multiTenant: true,
      secrets: [{ id: 's1', value: APPS.rollcall.secret, expiresAt: far }],
      certificates: [certificate.registration],
      redirectUris: [REDIRECT_URI],
      requiredAppRoles: { [GRAPH_RESOURCE]: ROLLCALL_ROLES },
      requiredScopes: { [GRAPH_RESOURCE]: ['User.Read.All', 'offline_access'] },
    }),
  );
  estate.grantConsent(CONTOSO, APPS.rollcall.clientId);
  estate.grantConsent(NORTHWIND, APPS.rollcall.clientId);
  estate.registerApp(
    app({
      clientId: APPS.unconsented.clientId,
      displayName: 'Unconsented app',
      multiTenant: false,
      secrets: [
        { id: 's2', value: APPS.unconsented.secret, expiresAt: far },
        { id: 's3', value: APPS.unconsented.expiredSecret, expiresAt: Date.now() - DAY_MS },
      ],
      requiredAppRoles: { [GRAPH_RESOURCE]: ['User.Read.All'] },
    }),
  );

  const info = emu.info();
  const slept: number[] = [];
  const observed: ResponseInfo[] = [];
  const clients = createMicrosoftClients({
    endpoints: {
      authorityHost: info.authorityHost,
      graphBaseUrl: info.graphBaseUrl,
      partnerCenterBaseUrl: info.partnerCenterBaseUrl,
      extraCaPem: readFileSync(info.caCertPath, 'utf8'),
    },
    // Waiting is recorded, not done; the emulator's clock moves on as if it had been.
    sleep: async (ms) => {
      slept.push(ms);
      emu.clock.advance(ms);
    },
    observer: { onResponse: (i) => observed.push(i) },
  });

  return {
    emu,
    clients,
    certificate,
    contoso,
    northwind,
    slept,
    observed,
    async close() {
      clients.close();
      await emu.close();
    },
  };
}

/** The Rollcall app's Graph token source in a tenant, with its secret. */
export function rollcallGraphTokens(f: ConformanceFixture, tenantId: string) {
  return f.clients.tokens.app({
    tenantId,
    clientId: APPS.rollcall.clientId,
    credential: { kind: 'secret', secret: APPS.rollcall.secret },
    scopes: GRAPH_SCOPE,
  });
}
