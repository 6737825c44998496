import { defineConfig } from 'vitest/config';

// Test tiers are chosen by file name: `src/**/*.test.ts` are unit tests beside the code,
// `test/**/*.test.ts` are integration suites against the emulator and a real database.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // On CI a JSON report is written too, so `.ci/run` can print a one-line summary of the counts.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
      : ['default'],
  },
});
