import { defineConfig } from 'tsup';
import { licenseBanner } from '../../tooling/scripts/license-banner.mjs';
import { packageBuild } from '../../tooling/scripts/tsup-package.mjs';

// fast-xml-parser and the packages it depends on are bundled: loading them as separate modules
// doubled the cold import of @sso/soap. They are MIT-licensed; their license texts travel in the
// banner of each output file.
const BUNDLED = [
  'fast-xml-parser',
  'fast-xml-builder',
  'strnum',
  'anynum',
  'path-expression-matcher',
  'is-unsafe',
  'xml-naming',
  '@nodable/entities',
];

export default defineConfig(
  packageBuild({
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    noExternal: BUNDLED.map((name) => new RegExp(`^${name.replace('/', '\\/')}($|/)`)),
    banner: { js: licenseBanner(import.meta.dirname, ['fast-xml-parser'], '@sso/soap') },
  }),
);
