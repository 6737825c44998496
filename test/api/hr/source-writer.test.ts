import { describe, expect, it } from 'vitest';
import { createHrSourceWriter, writeBackAddress } from '../../../src/api/integrations/hr/source-writer.js';
import type { FetchLike } from '../../../src/microsoft/index.js';
import type { SecretBox, StoredHrSource } from '../../../src/store/index.js';

const secrets = { encrypt: (s: string) => `enc:${s}`, decrypt: (s: string) => s.slice(4) } as SecretBox;
const json = (writeBackUrl: string | null) => ({
  url: 'https://hr.example.com/people',
  mapping: { employeeId: 'id', givenName: 'first', surname: 'last', startDate: 'start' },
  writeBackUrl,
});
const source = (kind: 'json' | 'csv', config: Record<string, unknown>, token: string | null = 'enc:secret') =>
  ({
    kind,
    config: {
      name: 'HR',
      kind,
      customerId: '6d1f6f6e-8a43-4a59-9f5e-6f0e8f3a1c01',
      tenantId: '6d1f6f6e-8a43-4a59-9f5e-6f0e8f3a1c02',
      domain: 'contoso.com',
      naming: { format: 'firstname.lastname' },
      ...config,
    },
    jsonTokenCiphertext: token,
  }) as unknown as StoredHrSource;
const addresses = { userPrincipalName: 'ann.ash@contoso.com', mail: 'ann.ash@contoso.com' };
const answering =
  (status: number, seen: unknown[] = []): FetchLike =>
  async (url, init) => {
    seen.push({ url, ...init });
    return new Response(status === 204 ? null : JSON.stringify({ error: 'x' }), { status });
  };

describe('the JSON source writer', () => {
  it('exists only for a JSON source with a write-back URL', () => {
    expect(createHrSourceWriter(source('json', { json: json(null) }), secrets, answering(204))).toBeNull();
    const csv = { csv: { columns: { employeeId: 'a', givenName: 'b', surname: 'c', startDate: 'd' } } };
    expect(createHrSourceWriter(source('csv', csv), secrets, answering(204))).toBeNull();
  });

  it('PATCHes the URL-encoded address with the token and the addresses; the token is not recorded', async () => {
    expect(writeBackAddress('https://hr.example.com/p/{employeeId}', 'HR/7 a')).toBe(
      'https://hr.example.com/p/HR%2F7%20a',
    );
    const seen: Record<string, unknown>[] = [];
    const writer = createHrSourceWriter(
      source('json', { json: json('https://hr.example.com/people/{employeeId}/account') }),
      secrets,
      answering(204, seen),
    )!;
    const sent = await writer.writeBack('E 1', addresses);
    expect(sent).toMatchObject({ ok: true, message: null, response: { status: 204 } });
    expect(seen).toEqual([
      expect.objectContaining({
        url: 'https://hr.example.com/people/E%201/account',
        method: 'PATCH',
        headers: expect.objectContaining({ authorization: 'Bearer secret' }),
        body: JSON.stringify(addresses),
      }),
    ]);
    expect(JSON.stringify(sent)).not.toContain('secret');
  });

  it('says what an administrator should do for each refusal', async () => {
    const writer = (status: number, token: string | null = 'enc:secret') =>
      createHrSourceWriter(
        source('json', { json: json('https://hr.example.com/people/{employeeId}') }, token),
        secrets,
        status === 0 ? () => Promise.reject(new Error('connect ECONNREFUSED')) : answering(status),
      )!;
    expect((await writer(403).writeBack('E1', addresses)).message).toMatch(
      /refused the token \(HTTP 403\).*save the current token on the source/,
    );
    expect((await writer(404).writeBack('E1', addresses)).message).toMatch(/does not know employee E1/);
    expect((await writer(502).writeBack('E1', addresses)).message).toMatch(/HTTP 502/);
    expect((await writer(0).writeBack('E1', addresses)).message).toMatch(/did not answer.*ECONNREFUSED/);
    expect((await writer(204, null).writeBack('E1', addresses)).message).toMatch(/has no token/);
    const undecryptable = createHrSourceWriter(
      source('json', { json: json('https://hr.example.com/people/{employeeId}') }),
      {
        ...secrets,
        decrypt: () => {
          throw new Error('bad key');
        },
      },
      answering(204),
    )!;
    expect((await undecryptable.writeBack('E1', addresses)).message).toMatch(
      /save the token on the source again/,
    );
  });
});
