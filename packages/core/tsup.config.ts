import { defineConfig } from 'tsup';
import { licenseBanner } from '../../tooling/scripts/license-banner.mjs';

// zod is bundled (tree-shaken to what src/zod.ts re-exports) so importing @sso/core does not load
// zod's whole module graph; its MIT license text travels in the banner of each output file.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'simulator/index': 'src/testing/simulator-entry.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  splitting: false,
  external: ['msw'],
  noExternal: ['zod'],
  banner: { js: licenseBanner(import.meta.dirname, ['zod'], '@sso/core') },
});
