import { readFileSync, writeFileSync } from 'node:fs';
import { licenseBanner } from '@sso/scripts/license-banner';
import { packageBuild } from '@sso/scripts/tsup-package';
import { defineConfig, type Options } from 'tsup';

// zod is bundled (tree-shaken to what src/zod.ts re-exports) so importing @sso/core does not load
// zod's whole module graph; its MIT license text is prepended to the files that carry it.
// The bundled zod lives in its own file, dist/zod.{js,cjs} (the `@sso/core/zod` entry): the main
// entry imports that file instead of inlining a second copy, so one zod runs however the packages
// reach it, and bundlers can still drop the zod functions an application never calls.
type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

const zodEntryExternal: EsbuildPlugin = {
  name: 'zod-entry-external',
  setup(build) {
    const file = build.initialOptions.format === 'cjs' ? './zod.cjs' : './zod.js';
    // Only modules directly in src/ import './zod.js'; they are bundled into dist/index.*.
    build.onResolve({ filter: /^\.\/zod\.js$/ }, (args) =>
      args.importer.endsWith('/src/validation.ts') || args.importer.endsWith('/src/options.ts')
        ? { path: file, external: true }
        : undefined,
    );
  },
};

export default defineConfig(
  packageBuild({
    entry: {
      index: 'src/index.ts',
      provider: 'src/provider.ts',
      zod: 'src/zod.ts',
      'testing/index': 'src/testing/index.ts',
      'simulator/index': 'src/simulator/index.ts',
    },
    // import.meta.url in the CJS build (crypto/node-crypto.ts falls back to createRequire).
    shims: true,
    external: ['msw'],
    noExternal: ['zod'],
    esbuildPlugins: [zodEntryExternal],
    async onSuccess() {
      const banner = licenseBanner(import.meta.dirname, ['zod'], '@sso/core');
      for (const file of ['dist/zod.js', 'dist/zod.cjs']) {
        const code = readFileSync(file, 'utf8');
        if (!code.startsWith(banner)) writeFileSync(file, `${banner}\n${code}`);
      }
    },
  }),
);
