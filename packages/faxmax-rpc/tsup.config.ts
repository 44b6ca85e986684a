import { PROVIDER_ENTRIES, packageBuild } from '@sso/scripts/tsup-package';
import { defineConfig } from 'tsup';

export default defineConfig(
  packageBuild({ entry: PROVIDER_ENTRIES, external: ['msw', '@sso/core', 'json-rpc-2.0', 'zod'] }),
);
