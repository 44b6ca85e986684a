import { packageBuild } from '@sso/scripts/tsup-package';
import { defineConfig } from 'tsup';

// No third-party code is bundled: the XML reader is our own (src/xml-reader.ts). fast-xml-parser is
// only a devDependency, the oracle the reader is tested against.
export default defineConfig(
  packageBuild({
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  }),
);
