import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OTHER_ENV_VARS, serverSettings } from '../../../src/api/config/settings.js';

const DOCS = readFileSync(new URL('../../../docs/operations.md', import.meta.url), 'utf8');

describe('docs/operations.md', () => {
  it('documents every setting of the config schema with its variable, and the other variables', () => {
    const undocumented = serverSettings().filter(
      (s) => !DOCS.includes(`| \`${s.path}\``) || !DOCS.includes(`\`${s.env}\``),
    );
    expect(undocumented.map((s) => `${s.path} (${s.env})`)).toEqual([]);
    for (const name of OTHER_ENV_VARS) expect(DOCS).toContain(`\`${name}\``);
  });
});
