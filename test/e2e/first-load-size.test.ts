import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FIRST_LOAD_BUDGET_KB, measureFirstLoad, WEB_DIST_DIR } from '../../web/scripts/first-load-size.js';
import { ensureWebBuilt } from './support/web-build.js';

describe('first load of the web apps', () => {
  beforeAll(ensureWebBuilt);

  it.each(['console', 'portal'] as const)('keeps the %s within its gzip budget', (page) => {
    const load = measureFirstLoad(page);
    expect(load.files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(load.files.some((f) => f.endsWith('.css'))).toBe(true);
    expect(load.gzipBytes / 1024).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB);
  });

  it('ships the production build of React (never the development one)', () => {
    const load = measureFirstLoad('console');
    const code = load.files.map((f) => readFileSync(resolve(WEB_DIST_DIR, f), 'utf8')).join('\n');
    expect(code).toContain('react.transitional.element');
    expect(code).not.toContain('Download the React DevTools');
  });
});
