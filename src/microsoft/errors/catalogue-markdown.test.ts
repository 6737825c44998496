import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueMarkdown } from './catalogue-markdown.js';

const DOC = new URL('../../../docs/microsoft-client.md', import.meta.url);

describe('error catalogue documentation', () => {
  it('docs/microsoft-client.md carries the current catalogue table', () => {
    // Regenerate with: npx tsx -e "import('./src/microsoft/errors/catalogue-markdown.ts').then(m => console.log(m.catalogueMarkdown()))"
    expect(readFileSync(DOC, 'utf8')).toContain(catalogueMarkdown());
  });
});
