import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createFakeFetch,
  fakeSleep,
  json,
  reset,
  type Scripted,
} from '../../../test/microsoft/support/fake-fetch.js';
import { MicrosoftError } from '../errors/microsoft-error.js';
import { defaultRetryPolicy } from '../http/retry-policy.js';
import { createTokenProvider } from './token-provider.js';
import type { RefreshTokenStore } from './types.js';

const HOST = 'https://login.example.test';
const TENANT = '0f0e0d0c-0000-4000-8000-000000000001';
const CLIENT = 'aaaaaaaa-0000-4000-8000-000000000002';
const GRAPH = ['https://graph.microsoft.com/.default'];
const TOKEN_URL = `${HOST}/${TENANT}/oauth2/v2.0/token`;

function tokenResponse(accessToken: string, extra: Record<string, unknown> = {}) {
  return json(200, {
    token_type: 'Bearer',
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: accessToken,
    ...extra,
  });
}

function setup(script: Scripted[]) {
  const fake = createFakeFetch(script);
  const { sleep } = fakeSleep();
  const provider = createTokenProvider({
    authorityHost: HOST,
    fetch: fake.fetch,
    retry: {
      policy: defaultRetryPolicy,
      sleep,
      random: () => 0.5,
      now: () => Date.parse('2025-03-01T12:00:00Z'),
    },
  });
  /** The token endpoint form of call `i`. */
  const form = (i: number) => new URLSearchParams(fake.calls[i]?.body as string);
  return { ...fake, provider, form };
}

describe('token provider: client secret', () => {
  it('gets an app-only token straight from the token endpoint, without discovery calls', async () => {
    const t = setup([tokenResponse('tok-1')]);
    const token = await t.provider
      .app({
        tenantId: TENANT,
        clientId: CLIENT,
        credential: { kind: 'secret', secret: 's3cret~' },
        scopes: GRAPH,
      })
      .getToken();
    expect(token).toBe('tok-1');
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]!.url.split('?')[0]).toBe(TOKEN_URL);
    expect(Object.fromEntries(t.form(0))).toMatchObject({
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: 's3cret~',
      scope: 'https://graph.microsoft.com/.default',
    });
  });

  it('caches per tenant, app and scope and refreshes when forced', async () => {
    const t = setup([tokenResponse('tok-1'), tokenResponse('tok-2'), tokenResponse('tok-3')]);
    const source = t.provider.app({
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', secret: 's' },
      scopes: GRAPH,
    });
    expect(await source.getToken()).toBe('tok-1');
    expect(await source.getToken()).toBe('tok-1');
    expect(await source.getToken({ forceRefresh: true })).toBe('tok-2');
    const pc = t.provider.app({
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', secret: 's' },
      scopes: ['https://api.partnercenter.microsoft.com/.default'],
    });
    expect(await pc.getToken()).toBe('tok-3');
    expect(t.calls).toHaveLength(3);
  });

  it('does not hide a newly entered credential behind a token the old one obtained', async () => {
    const t = setup([tokenResponse('tok-old'), tokenResponse('tok-new')]);
    const request = { tenantId: TENANT, clientId: CLIENT, scopes: GRAPH };
    expect(
      await t.provider.app({ ...request, credential: { kind: 'secret', secret: 'old' } }).getToken(),
    ).toBe('tok-old');
    expect(
      await t.provider.app({ ...request, credential: { kind: 'secret', secret: 'new' } }).getToken(),
    ).toBe('tok-new');
    expect(t.form(1).get('client_secret')).toBe('new');
  });

  it('shares one token request between concurrent callers', async () => {
    const t = setup([tokenResponse('tok-1')]);
    const source = t.provider.app({
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', secret: 's' },
      scopes: GRAPH,
    });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => source.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(t.calls).toHaveLength(1);
  });

  it('maps AADSTS errors from the token endpoint to the catalogue', async () => {
    const t = setup([
      json(401, {
        error: 'invalid_client',
        error_description:
          "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'x'.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: 2025-03-01 12:00:00Z",
        error_codes: [7000215],
        timestamp: '2025-03-01 12:00:00Z',
        trace_id: 't',
        correlation_id: 'c',
      }),
    ]);
    const err = await t.provider
      .app({
        tenantId: TENANT,
        clientId: CLIENT,
        credential: { kind: 'secret', secret: 'secret-id-by-mistake' },
        scopes: GRAPH,
      })
      .getToken()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MicrosoftError);
    expect(err).toMatchObject({
      code: 'AADSTS7000215',
      action: 'reauthorise',
      service: 'identity',
      status: 401,
    });
  });

  it('retries a reset connection to the token endpoint', async () => {
    const t = setup([reset(), tokenResponse('tok-1')]);
    const token = await t.provider
      .app({ tenantId: TENANT, clientId: CLIENT, credential: { kind: 'secret', secret: 's' }, scopes: GRAPH })
      .getToken();
    expect(token).toBe('tok-1');
    expect(t.calls).toHaveLength(2);
  });
});

describe('token provider: certificate', () => {
  it('sends a PS256 client assertion with the SHA-256 thumbprint for the token endpoint', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const t = setup([tokenResponse('tok-cert')]);
    const thumbprintSha256 = 'ab'.repeat(32);
    const token = await t.provider
      .app({
        tenantId: TENANT,
        clientId: CLIENT,
        credential: {
          kind: 'certificate',
          thumbprintSha256,
          privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        },
        scopes: GRAPH,
      })
      .getToken();
    expect(token).toBe('tok-cert');
    const form = t.form(0);
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('client_secret')).toBeNull();
    const [header, payload] = form
      .get('client_assertion')!
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({
      alg: 'PS256',
      'x5t#S256': Buffer.from(thumbprintSha256, 'hex').toString('base64url'),
    });
    expect(payload).toMatchObject({ aud: TOKEN_URL, iss: CLIENT, sub: CLIENT });
  });

  it('rejects a thumbprint that is not SHA-256 hex before calling Microsoft', () => {
    const t = setup([tokenResponse('x')]);
    expect(() =>
      t.provider.app({
        tenantId: TENANT,
        clientId: CLIENT,
        credential: { kind: 'certificate', thumbprintSha256: 'abc', privateKeyPem: 'k' },
        scopes: GRAPH,
      }),
    ).toThrow(/SHA-256/);
  });
});

describe('token provider: delegated with a stored refresh token', () => {
  function memoryStore(initial: string): RefreshTokenStore & { saved: string[] } {
    let current = initial;
    const saved: string[] = [];
    return {
      saved,
      load: async () => current,
      save: async (rt) => {
        saved.push(rt);
        current = rt;
      },
    };
  }

  it('redeems the refresh token and hands the rotated one back for encrypted storage', async () => {
    const t = setup([
      tokenResponse('user-tok-1', {
        refresh_token: 'rt-2',
        scope: 'https://api.partnercenter.microsoft.com/user_impersonation',
      }),
      tokenResponse('user-tok-2', {
        refresh_token: 'rt-3',
        scope: 'https://api.partnercenter.microsoft.com/user_impersonation',
      }),
    ]);
    const store = memoryStore('rt-1');
    const source = t.provider.delegated({
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', secret: 's' },
      scopes: ['https://api.partnercenter.microsoft.com/user_impersonation'],
      accountKey: 'connection-1',
      refreshTokens: store,
    });
    expect(await source.getToken()).toBe('user-tok-1');
    expect(await source.getToken()).toBe('user-tok-1');
    expect(t.form(0).get('grant_type')).toBe('refresh_token');
    expect(t.form(0).get('refresh_token')).toBe('rt-1');
    expect(store.saved).toEqual(['rt-2']);

    expect(await source.getToken({ forceRefresh: true })).toBe('user-tok-2');
    expect(t.form(1).get('refresh_token')).toBe('rt-2');
    expect(store.saved).toEqual(['rt-2', 'rt-3']);
  });

  it('maps an expired refresh token to "reconnect"', async () => {
    const t = setup([
      json(400, {
        error: 'invalid_grant',
        error_description:
          'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.\r\nTrace ID: t',
        error_codes: [70008],
      }),
    ]);
    const store = memoryStore('rt-old');
    const err = await t.provider
      .delegated({
        tenantId: TENANT,
        clientId: CLIENT,
        credential: { kind: 'secret', secret: 's' },
        scopes: ['https://graph.microsoft.com/.default'],
        accountKey: 'c',
        refreshTokens: store,
      })
      .getToken()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AADSTS70008', action: 'reauthorise' });
    expect(store.saved).toEqual([]);
  });
});
