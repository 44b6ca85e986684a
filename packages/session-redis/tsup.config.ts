import { packageBuild } from '@sso/scripts/tsup-package';
import { defineConfig } from 'tsup';

export default defineConfig(packageBuild({ entry: { index: 'src/index.ts' }, external: ['ioredis'] }));
