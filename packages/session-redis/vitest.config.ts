import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Every file starts its own redis-server; two cores are shared, so files run one at a time.
    fileParallelism: false,
  },
});
