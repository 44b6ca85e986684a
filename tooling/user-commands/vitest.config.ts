import { defineConfig } from 'vitest/config';

// One command at a time: each starts turbo and real servers on this two-core machine.
export default defineConfig({
  test: { testTimeout: 240_000, hookTimeout: 60_000, fileParallelism: false },
});
