import { packageBuild } from '@sso/scripts/tsup-package';
import { defineConfig, type Options } from 'tsup';

// The schema validator lives in its own file, dist/schema.{js,cjs} (the `@sso/core/schema` entry):
// the provider entry imports that file instead of inlining a second copy, so a provider bundle that
// uses both entries carries the validator once.
type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

const schemaEntryExternal: EsbuildPlugin = {
  name: 'schema-entry-external',
  setup(build) {
    const file = build.initialOptions.format === 'cjs' ? './schema.cjs' : './schema.js';
    // Only modules directly in src/ import './schema.js'.
    build.onResolve({ filter: /^\.\/schema\.js$/ }, (args) =>
      /\/src\/[^/]+\.ts$/.test(args.importer) && !args.importer.endsWith('/src/schema.ts')
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
      schema: 'src/schema.ts',
      'spec-checks': 'src/spec-checks.ts',
      'testing/index': 'src/testing/index.ts',
      'simulator/index': 'src/simulator/index.ts',
    },
    // import.meta.url in the CJS build (crypto/node-crypto.ts falls back to createRequire).
    shims: true,
    external: ['msw'],
    esbuildPlugins: [schemaEntryExternal],
  }),
);
