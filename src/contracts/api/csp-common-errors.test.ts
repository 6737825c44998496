import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP_CHECKS, CSP_COMMON_ERRORS, commonErrorFor } from './csp-common-errors.js';

const DOC = readFileSync(new URL('../../../docs/csp.md', import.meta.url), 'utf8');
const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/</g, '&lt;');

describe("guide 002's common errors", () => {
  it('docs/csp.md carries every row with its cause and solution', () => {
    for (const row of CSP_COMMON_ERRORS) {
      expect(DOC).toContain(cell(row.cause));
      expect(DOC).toContain(cell(row.solution));
    }
  });

  it('gives each catalogue code at most one row per check', () => {
    for (const check of CSP_CHECKS) {
      const codes = CSP_COMMON_ERRORS.flatMap((r) =>
        r.checks === undefined || r.checks.includes(check) ? r.codes : [],
      );
      expect(new Set(codes).size, check).toBe(codes.length);
    }
  });

  it('finds the Partner Center permission row only for the Partner Center token', () => {
    expect(commonErrorFor('partnerCenterToken', 'AADSTS65001')?.id).toBe('partner-center-permission');
    expect(commonErrorFor('gdapAppToken', 'AADSTS65001')?.id).toBe('insufficient-privileges');
    expect(commonErrorFor('partnerCenterToken', 'AADSTS700016')).toBeUndefined();
  });
});
