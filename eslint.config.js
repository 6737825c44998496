// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Allowed import directions between the folders of `src/` (see docs/architecture.md).
 * A folder may import itself and the folders listed here, nothing else of `src/`.
 */
const layers = {
  contracts: [],
  domain: ['contracts'],
  microsoft: ['contracts'],
  store: ['contracts'],
  emulator: ['contracts'],
  sync: ['contracts', 'domain'],
  workflows: ['contracts', 'domain'],
  jobs: ['contracts', 'domain', 'sync', 'workflows'],
  api: ['contracts', 'domain', 'microsoft', 'store', 'sync', 'workflows', 'jobs'],
  // The CLI wires everything; it may start the emulator for `rollcall emulator` and `rollcall demo`.
  cli: ['contracts', 'domain', 'microsoft', 'store', 'sync', 'workflows', 'jobs', 'api', 'emulator'],
};

const layerRules = Object.entries(layers).map(([layer, allowed]) => {
  const forbidden = Object.keys(layers).filter((l) => l !== layer && !allowed.includes(l));
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
              message: `src/${layer} may import only ${['contracts', ...allowed].filter((v, i, a) => a.indexOf(v) === i).join(', ')} (docs/architecture.md: allowed import directions).`,
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'drizzle/**', 'web/dist/**', 'test-results/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  ...layerRules,
  {
    // The web app runs in browsers and shares only the contracts with the server.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    ignores: ['web/vite.config.ts', 'web/scripts/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!contracts(/|$))',
              message: 'web may import only src/contracts (docs/architecture.md: allowed import directions).',
            },
          ],
        },
      ],
    },
  },
);
