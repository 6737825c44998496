import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../../src/api/audit/csv.js';
import { redactSecrets } from '../../../src/api/audit/redact.js';
import { changedFields } from '../../../src/api/audit/audited.js';

describe('redactSecrets', () => {
  it('hides values of secret-looking keys at any depth, in any case, and keeps the rest', () => {
    const input = {
      name: 'Contoso',
      ClientSecret: 's',
      password: null,
      accessToken: 't',
      certificatePem: 'c',
      settings: { apiKey: 'k', list: [{ REFRESH_TOKEN: 'r', keep: true }] },
      when: new Date('2024-05-01T10:00:00Z'),
    };
    expect(redactSecrets(input)).toEqual({
      name: 'Contoso',
      ClientSecret: '[redacted]',
      password: '[redacted]',
      accessToken: '[redacted]',
      certificatePem: '[redacted]',
      settings: { apiKey: '[redacted]', list: [{ REFRESH_TOKEN: '[redacted]', keep: true }] },
      when: '2024-05-01T10:00:00.000Z',
    });
  });

  it('survives cycles and odd values', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ a: 1, self: '[omitted]' });
    expect(redactSecrets({ n: Number.NaN, f: () => 1, b: 10n })).toEqual({ n: null, b: '10' });
  });
});

describe('csv', () => {
  it('quotes as RFC 4180 says', () => {
    expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 3])).toBe(
      'plain,"a,b","say ""hi""","two\nlines",,3\r\n',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('changedFields', () => {
  it('keeps only the fields whose values changed', () => {
    expect(changedFields({ a: 1, b: [1], c: 'x' }, { a: 1, b: [1, 2], c: 'y' }, ['a', 'b', 'c'])).toEqual({
      before: { b: [1], c: 'x' },
      after: { b: [1, 2], c: 'y' },
    });
    expect(changedFields({ a: 1 }, { a: 1 }, ['a'])).toBeNull();
  });
});
