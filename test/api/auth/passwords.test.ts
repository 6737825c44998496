import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../../src/api/auth/passwords.js';
import { landingPath } from '../../../src/api/auth/sso/landing.js';

describe('password hashes', () => {
  const hasher = createPasswordHasher();
  const weak = createPasswordHasher({ log2N: 10, r: 8, p: 1 });

  it('are scrypt with their parameters and a random salt, and check the password', async () => {
    const a = await hasher.hash('correct horse battery');
    const b = await hasher.hash('correct horse battery');
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await hasher.verify('correct horse battery', a)).toBe(true);
    expect(await hasher.verify('correct horse batterY', a)).toBe(false);
    expect(hasher.needsRehash(a)).toBe(false);
  });

  it('made with weaker parameters still verify, and ask to be re-hashed', async () => {
    const old = await weak.hash('correct horse battery');
    expect(await hasher.verify('correct horse battery', old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
  });

  it('answer false for accounts without a password or with an unreadable hash', async () => {
    expect(await hasher.verify('anything', null)).toBe(false);
    expect(await hasher.verify('anything', 'md5$abc')).toBe(false);
  });
});

describe('where a signed-in person lands', () => {
  it('keeps a path of their own area', () => {
    expect(landingPath('agent', '/customers?page=2')).toBe('/customers?page=2');
    expect(landingPath('portal', '/portal/requests')).toBe('/portal/requests');
  });

  it('sends them home for anything leaving the site, the API, or the other area', () => {
    for (const returnTo of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'customers',
      '/api/auth/me',
    ]) {
      expect(landingPath('agent', returnTo)).toBe('/');
    }
    expect(landingPath('agent', '/portal/requests')).toBe('/');
    expect(landingPath('portal', '/customers')).toBe('/portal/');
    expect(landingPath('portal', null)).toBe('/portal/');
  });
});
