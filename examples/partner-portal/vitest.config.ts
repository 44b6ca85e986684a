import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser tests share two cores with the rest of the workspace: one file at a time.
    fileParallelism: false,
  },
});
