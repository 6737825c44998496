import { describe, expect, it } from 'vitest';
import { buildMsalConfiguration } from './msal-app.js';

const TENANT = '0f0e0d0c-0000-4000-8000-000000000001';
const CLIENT = 'aaaaaaaa-0000-4000-8000-000000000002';

describe('MSAL configuration', () => {
  const networkClient = {
    sendGetRequestAsync: async () => ({ headers: {}, body: {}, status: 200 }),
    sendPostRequestAsync: async () => ({ headers: {}, body: {}, status: 200 }),
  } as never;

  it('names a sandbox host in knownAuthorities and uses its endpoints', () => {
    const config = buildMsalConfiguration({
      authorityHost: 'https://localhost:8443',
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', secret: 's' },
      networkClient,
    });
    expect(config.auth.authority).toBe(`https://localhost:8443/${TENANT}`);
    expect(config.auth.knownAuthorities).toEqual(['localhost:8443']);
    expect(JSON.parse(config.auth.authorityMetadata!)).toMatchObject({
      token_endpoint: `https://localhost:8443/${TENANT}/oauth2/v2.0/token`,
    });
    expect(config.system?.networkClient).toBe(networkClient);
  });

  it('leaves Microsoft hosts to MSAL’s own cloud list', () => {
    const config = buildMsalConfiguration({
      authorityHost: 'https://login.microsoftonline.com',
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', secret: 's' },
      networkClient,
    });
    expect(config.auth.knownAuthorities).toBeUndefined();
  });
});
