import { defineConfig } from 'vitest/config';

// Test tiers are chosen by file name: `src/**/*.test.ts` are unit tests beside the code,
// `test/**/*.test.ts` are integration suites against the emulator and a real database.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
