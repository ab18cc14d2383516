import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The suite runs on 2-core CI machines: two workers, and generous per-test time for the
    // tests that compile C++ or decode whole sequences.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
