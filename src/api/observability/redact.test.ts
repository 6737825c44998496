import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactUrlQuery } from './redact.js';

describe('redactDeep', () => {
  it('replaces secret-named fields at any depth, in arrays too, and keeps the rest', () => {
    const input = {
      user: 'ada',
      headers: { Authorization: 'Bearer x', cookie: 'a=b', 'set-cookie': ['c=d'], accept: 'json' },
      connection: { credentials: [{ clientSecret: 's', tenantId: 't' }], refreshToken: 'r' },
      passwordHash: 'h',
    };
    expect(redactDeep(input)).toEqual({
      user: 'ada',
      headers: { Authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED, accept: 'json' },
      connection: { credentials: [{ clientSecret: REDACTED, tenantId: 't' }], refreshToken: REDACTED },
      passwordHash: REDACTED,
    });
    expect(input.connection.refreshToken).toBe('r');
  });

  it('survives cycles and leaves class instances to their serializers', () => {
    const cyclic: Record<string, unknown> = { token: 't' };
    cyclic.self = cyclic;
    expect(redactDeep(cyclic)).toMatchObject({ token: REDACTED });
    const date = new Date(0);
    expect(redactDeep({ at: date }).at).toBe(date);
  });
});

describe('redactUrlQuery', () => {
  it('hides credential query parameters, including OAuth codes', () => {
    expect(redactUrlQuery('/api/auth/sso/callback?code=abc&state=xyz')).toBe(
      '/api/auth/sso/callback?code=%5Bredacted%5D&state=xyz',
    );
    expect(redactUrlQuery('/x?access_token=1&page=2')).toBe('/x?access_token=%5Bredacted%5D&page=2');
    expect(redactUrlQuery('/api/customers?search=contoso')).toBe('/api/customers?search=contoso');
  });
});
