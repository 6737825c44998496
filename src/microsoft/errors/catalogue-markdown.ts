import { errorCatalogue } from './catalogue.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');

/**
 * The error catalogue as a Markdown table, for docs/microsoft-client.md (a unit test keeps the
 * document in step with the table).
 */
export function catalogueMarkdown(): string {
  const rows = Object.entries(errorCatalogue).map(
    ([code, e]) =>
      `| \`${code}\` | ${e.action} | ${e.retryable ? 'yes' : 'no'} | ${cell(e.title)} | ${cell(e.whatHappened)} | ${cell(e.howToFix)} |`,
  );
  return [
    '| Code | Action | Retryable | Title | What happened | How to fix |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
