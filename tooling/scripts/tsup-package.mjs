// The build every publishable package shares: ESM + CJS with .d.ts for Node 20, one output file
// per entry (no shared chunks, so each entry loads only what it needs).
export function packageBuild(options = {}) {
  return { format: ['esm', 'cjs'], dts: true, clean: true, target: 'node20', splitting: false, ...options };
}

/**
 * A provider package's entries: the client; `./testing` (simulator + MSW handlers); `./simulator`
 * (the simulator alone, without msw).
 */
export const PROVIDER_ENTRIES = {
  index: 'src/index.ts',
  'testing/index': 'src/testing/index.ts',
  'simulator/index': 'src/simulator/index.ts',
};
