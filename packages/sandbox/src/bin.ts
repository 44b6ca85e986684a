#!/usr/bin/env node
import { BUILTIN_PROVIDERS } from './builtin.js';
import { runSandboxCli } from './run.js';
import { stopSignal } from './signals.js';

const stop = stopSignal();
runSandboxCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    signal: stop.signal,
  },
  BUILTIN_PROVIDERS,
).then(
  (code) => {
    process.exitCode = code;
    stop.dispose();
  },
  (error: unknown) => {
    process.stderr.write(`sso-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    stop.dispose();
  },
);
