#!/usr/bin/env node
import { stopSignal } from '@sso/sandbox';
import { main } from './main.js';

const stop = stopSignal();
main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  signal: stop.signal,
}).then(
  (code) => {
    process.exitCode = code;
    // Commands are done: signal handlers must not keep the process waiting.
    stop.dispose();
  },
  (error: unknown) => {
    process.stderr.write(`sso: internal error: ${error instanceof Error ? error.name : 'unknown'}\n`);
    process.exitCode = 1;
    stop.dispose();
  },
);
