import { describe, expect, it } from 'vitest';
import { readWithSignInFallback } from './sign-in-fallback.js';

const spec = { tenantId: 't1', fields: ['mail'], groupNames: [], lastSignIn: true };
const refused = (code: string) => Object.assign(new Error(`refused (${code})`), { code });

describe('readWithSignInFallback', () => {
  it('reads without sign-in activity in a tenant without Entra ID P1/P2, and says why and how to fix it', async () => {
    const asked: boolean[] = [];
    const { result, warnings } = await readWithSignInFallback(spec, async (s) => {
      asked.push(s.lastSignIn);
      if (s.lastSignIn) throw refused('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
      return 'users';
    });
    expect(asked).toEqual([true, false]);
    expect(result).toBe('users');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('last sign-in dates were not imported for tenant t1');
    expect(warnings[0]).toContain('Entra ID P1 or P2');
    expect(warnings[0]).toContain('turn off "Import the last sign-in date"');
  });

  it('names AuditLog.Read.All and re-consent when the permission is missing', async () => {
    const { warnings } = await readWithSignInFallback(spec, async (s) => {
      if (s.lastSignIn) throw refused('Authorization_RequestDenied');
      return [];
    });
    expect(warnings[0]).toContain('AuditLog.Read.All');
    expect(warnings[0]).toContain('grant admin consent again');
  });

  it('fails as before when the read without sign-in activity is refused too, or for any other error', async () => {
    await expect(
      readWithSignInFallback(spec, async () => {
        throw refused('Authorization_RequestDenied');
      }),
    ).rejects.toThrow('Authorization_RequestDenied');
    await expect(
      readWithSignInFallback(spec, async () => {
        throw refused('TooManyRequests');
      }),
    ).rejects.toThrow('TooManyRequests');
  });

  it('never retries a read that did not ask for sign-in activity', async () => {
    let reads = 0;
    await expect(
      readWithSignInFallback({ ...spec, lastSignIn: false }, async () => {
        reads += 1;
        throw refused('Authorization_RequestDenied');
      }),
    ).rejects.toThrow();
    expect(reads).toBe(1);
  });
});
