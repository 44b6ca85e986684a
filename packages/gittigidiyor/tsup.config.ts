import { defineConfig } from 'tsup';
import { PROVIDER_ENTRIES, packageBuild } from '../../tooling/scripts/tsup-package.mjs';

export default defineConfig(packageBuild({ entry: PROVIDER_ENTRIES, external: ['msw'] }));
