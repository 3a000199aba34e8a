import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The CLI and server tests spawn processes; two workers match the two cores we run on.
    maxWorkers: 2,
  },
});
