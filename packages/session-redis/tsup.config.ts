import { defineConfig } from 'tsup';
import { packageBuild } from '../../tooling/scripts/tsup-package.mjs';

export default defineConfig(packageBuild({ entry: { index: 'src/index.ts' }, external: ['ioredis'] }));
