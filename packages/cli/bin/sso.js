#!/usr/bin/env node
// Committed (dist/ is not): package managers link a bin at install time, before any build, and
// warn when its target is missing. This file loads the built command.
const target = new URL('../dist/bin.js', import.meta.url);
import(target.href).catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(target.pathname)) throw error;
  process.stderr.write(
    'sso: not built yet; run `pnpm build` in the repository (or `pnpm sso …` at its root)\n',
  );
  process.exitCode = 1;
});
